import { createHash, randomBytes } from 'node:crypto';

/** A random, high-entropy bearer secret (256 bits) with a readable prefix, e.g. `sft_…` or `shk_…`. */
export function generateSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/**
 * Secrets are 256-bit random, so a fast hash is enough to store them (a slow KDF protects low-entropy
 * passwords, not these); the hash is the lookup key.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
