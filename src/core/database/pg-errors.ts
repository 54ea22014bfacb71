/** The SQLSTATE of a pg / TypeORM error, if any. */
export function pgCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; driverError?: { code?: unknown } };
  const code = err?.driverError?.code ?? err?.code;
  return typeof code === 'string' ? code : undefined;
}

export const isUniqueViolation = (e: unknown) => pgCode(e) === '23505';
