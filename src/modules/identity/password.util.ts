import { Algorithm, hash, verify } from '@node-rs/argon2';
import { badInput } from '../../../libs/errors/src';
import { checkPasswordLength, isPasswordTooLong } from '../../../libs/passwords/src';

/** argon2id with OWASP's recommended parameters (m = 19 MiB, t = 2, p = 1). */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Hashes a password that has passed `checkPassword`. A password over the length limit is a programming error
 * here (the caller skipped the policy), never something argon2 is asked to chew on.
 */
export function hashPassword(password: string): Promise<string> {
  if (isPasswordTooLong(password)) return Promise.reject(new Error('hashPassword: password over the length limit'));
  return hash(password, OPTIONS);
}

/** False for a password over the length limit without running argon2 (no stored password is that long). */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  if (isPasswordTooLong(password)) return false;
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Verifies against a throw-away hash so that an unknown account costs as much time as a known one. */
export async function burnPasswordTime(password: string): Promise<void> {
  dummy ??= hashPassword('dummy-password-for-timing');
  await verifyPassword(await dummy, password);
}

/** BAD_USER_INPUT at `path` for a password over the documented length, before any hashing or lookup. */
export function assertPasswordLength(path: string, password: string): void {
  const r = checkPasswordLength(password);
  if (!r.ok) throw badInput([{ path, message: r.message }]);
}
