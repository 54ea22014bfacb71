import { Module } from '@nestjs/common';
import { StorefrontInfoResolver } from '../../modules/tenants/graphql/storefront/storefront.resolver';
import { DomainModules } from '../domain-modules';

/** Every Storefront API resolver, and only those: `include: [StorefrontApiModule]` builds /graphql from them. */
export const STOREFRONT_RESOLVERS = [StorefrontInfoResolver];

@Module({ imports: [...DomainModules], providers: [...STOREFRONT_RESOLVERS] })
export class StorefrontApiModule {}
