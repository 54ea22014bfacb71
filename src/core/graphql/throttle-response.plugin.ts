import type { ApolloServerPlugin } from '@apollo/server';

const THROTTLE_CODES = new Set(['RATE_LIMITED', 'TOO_MANY_ATTEMPTS']);

/**
 * A refused-for-rate answer is HTTP 429 with `Retry-After` (seconds), taken from the errors'
 * `extensions.retryAfter`, whichever resolver or plugin refused: clients and proxies back off without
 * reading the body.
 */
export function throttleResponsePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          let retryAfter = 0;
          for (const e of response.body.singleResult.errors ?? []) {
            if (!THROTTLE_CODES.has(String(e.extensions?.code))) continue;
            retryAfter = Math.max(retryAfter, Number(e.extensions?.retryAfter) || 1);
          }
          if (!retryAfter) return;
          response.http.status = 429;
          response.http.headers.set('retry-after', String(retryAfter));
        },
      };
    },
  };
}
