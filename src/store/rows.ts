// Row-value normalisation shared by the row mappers (PostgreSQL BIGINT arrives as a string).
export const num = (v: number | string | bigint | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));
export const bool = (v: number | boolean | null | undefined): boolean => v === 1 || v === true;
export const flag = (b: boolean | undefined): number => (b ? 1 : 0);
export const instant = (v: number | string | null | undefined): Date | null => (v === null || v === undefined ? null : new Date(Number(v)));

/** A unique-index violation on either database (SQLite SQLITE_CONSTRAINT_UNIQUE, PostgreSQL 23505). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
