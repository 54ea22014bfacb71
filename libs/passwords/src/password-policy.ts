import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordCheck = { ok: true } | { ok: false; message: string };

/**
 * NIST 800-63B style: length 10..128 (in characters), not a commonly used password, not one repeated
 * character, and not the e-mail address or its local part. No composition rules.
 */
export function checkPassword(password: string, context: { email?: string } = {}): PasswordCheck {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, message: `must be at least ${PASSWORD_MIN_LENGTH} characters` };
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, message: `must be at most ${PASSWORD_MAX_LENGTH} characters` };
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return { ok: false, message: 'is a commonly used password; choose another' };
  if (/^(.)\1+$/u.test(password)) return { ok: false, message: 'must not be one repeated character' };
  const email = context.email?.toLowerCase();
  if (email && (lower === email || lower === email.split('@')[0])) {
    return { ok: false, message: 'must not be your e-mail address' };
  }
  return { ok: true };
}
