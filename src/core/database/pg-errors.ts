/** The SQLSTATE of a pg / TypeORM error, if any. */
export function pgCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; driverError?: { code?: unknown } };
  const code = err?.driverError?.code ?? err?.code;
  return typeof code === 'string' ? code : undefined;
}

export const isUniqueViolation = (e: unknown) => pgCode(e) === '23505';

/** DATABASE_URL could not be reached at start: the app stops with this one line (no stack). */
export class DatabaseUnavailableError extends Error {
  readonly code: string | undefined;

  constructor(cause: unknown) {
    const err = cause as { code?: string; message?: string };
    const detail = `${err?.message ?? String(cause)}`.split('\n')[0];
    super(`cannot connect to DATABASE_URL (${err?.code ? `${err.code}: ` : ''}${detail}).`, { cause });
    this.name = 'DatabaseUnavailableError';
    this.code = err?.code;
  }
}
