import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 10;
/** In characters (Unicode code points), as docs/API.md states. */
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordCheck = { ok: true } | { ok: false; message: string };

const TOO_LONG = `must be at most ${PASSWORD_MAX_LENGTH} characters`;

/**
 * True when a password is longer than PASSWORD_MAX_LENGTH characters. Decided from the UTF-16 length first
 * (a code point is at most two units), so a 1 MB string costs nothing; such a password is refused before
 * any hashing, and can never match a stored one (every stored password passed this limit).
 */
export function isPasswordTooLong(password: string): boolean {
  if (password.length <= PASSWORD_MAX_LENGTH) return false;
  if (password.length > PASSWORD_MAX_LENGTH * 2) return true;
  return [...password].length > PASSWORD_MAX_LENGTH;
}

/**
 * The length rule alone, for a password that is checked rather than chosen (login, current password):
 * at most PASSWORD_MAX_LENGTH characters. Shorter ones may predate the policy; an empty one is just wrong.
 */
export function checkPasswordLength(password: string): PasswordCheck {
  return isPasswordTooLong(password) ? { ok: false, message: TOO_LONG } : { ok: true };
}

/**
 * NIST 800-63B style: length 10..128 (in characters), not a commonly used password, not one repeated
 * character, and not the e-mail address or its local part. No composition rules.
 */
export function checkPassword(password: string, context: { email?: string } = {}): PasswordCheck {
  if (isPasswordTooLong(password)) return { ok: false, message: TOO_LONG };
  if ([...password].length < PASSWORD_MIN_LENGTH)
    return { ok: false, message: `must be at least ${PASSWORD_MIN_LENGTH} characters` };
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return { ok: false, message: 'is a commonly used password; choose another' };
  if (/^(.)\1+$/u.test(password)) return { ok: false, message: 'must not be one repeated character' };
  const email = context.email?.toLowerCase();
  if (email && (lower === email || lower === email.split('@')[0])) {
    return { ok: false, message: 'must not be your e-mail address' };
  }
  return { ok: true };
}
