import { Global, Module } from '@nestjs/common';
import { KnownDocuments } from '../graphql/known-documents';
import { ReadCache } from './read-cache.service';

@Global()
/** What is kept in memory for reads: the read cache, and the storefront documents Apollo validated (the fast path's). */
@Module({ providers: [ReadCache, KnownDocuments], exports: [ReadCache, KnownDocuments] })
export class CacheModule {}
