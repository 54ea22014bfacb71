/**
 * On `request.raw` when the storefront fast path charged a request's cost and then handed the request to Apollo
 * (storefront.fast-path.ts): the request-cost plugin takes this cost instead of charging the buckets a second time.
 */
export const PRECHARGED = Symbol('storefront-hub.precharged');
