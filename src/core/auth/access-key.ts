/** Metadata key of an operation's access rule (see access.decorators.ts). Kept free of Nest imports for unit tests. */
export const ACCESS_KEY = 'hub:access';
