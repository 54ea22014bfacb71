import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GqlContext } from '../graphql/gql-context';
import type { RequestContext } from './request-context';

/** The request's tenant context, as resolved by the AccessGuard. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const ctx = GqlExecutionContext.create(context).getContext<GqlContext>().ctx;
  if (!ctx) throw new Error('No RequestContext: the AccessGuard did not run (programming error)');
  return ctx;
});

/** The caller's IP address (for throttling). */
export const ClientIp = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => GqlExecutionContext.create(context).getContext<GqlContext>().ip,
);
