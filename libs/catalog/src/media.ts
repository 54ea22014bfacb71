export const MAX_MEDIA_URL_LENGTH = 2000;

/**
 * Why an image URL is refused, or null when it is fine: https, a host, at most 2,000 characters, no
 * credentials, no spaces or control characters. The file lives in a DAM or CDN; only the reference is kept.
 */
export function mediaUrlProblem(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw === '') return 'must be an https URL';
  if (raw.length > MAX_MEDIA_URL_LENGTH) return `must be at most ${MAX_MEDIA_URL_LENGTH} characters`;
  if (/[\s\x00-\x1f\x7f]/.test(raw)) return 'must not contain spaces or control characters';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an https URL';
  }
  if (url.protocol !== 'https:' || !raw.toLowerCase().startsWith('https://')) return 'must be an https URL';
  if (!url.hostname) return 'must name a host';
  if (url.username || url.password) return 'must not contain a user name or password';
  return null;
}
