// Plain SQL for the hot paths (issue 7): the statements every invoice create, update and read runs
// are written as SQL texts with bound parameters (Kysely's `sql` tag) instead of through the query
// builder. The builder builds and freezes an operation tree and compiles it on every call: ~15–30 µs
// per statement on the benchmark machine, more than SQLite takes to run the statement; a tagged
// text costs ~3 µs. The texts are the same on both databases (the tag writes each database's
// placeholders); the few PostgreSQL-only clauses come from here. Everything else keeps the builder.
import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from './database.js';

/** The marker `PREPARE` writes; store/database.ts looks for it. */
export const PREPARE_MARK = '/* prepare */';

/**
 * Put first in a hot statement's text: PostgreSQL then keeps it prepared by name on each connection
 * (store/database.ts), parsed once instead of on every call. Only for statements whose best plan
 * does not depend on the values (key lookups, inserts, updates by key): PostgreSQL may settle on a
 * generic plan for a prepared statement, which for range or search predicates (the invoice lists)
 * can be far worse than a plan made for the values. A comment, so SQLite ignores it.
 */
export const PREPARE = sql.raw(`${PREPARE_MARK} `);

/** A comma-separated list of bound values, e.g. for `id in (${list(ids)})`. */
export const list = (values: readonly unknown[]): RawBuilder<unknown> => sql.join(values);

/**
 * `insert into {table} ({columns}) values (…), (…)` for rows that all have the same columns, in the
 * same order (the keys of the first row). Table and column names are the store's own constants.
 */
export function insertRows(table: string, rows: readonly Record<string, unknown>[]): RawBuilder<unknown> {
  const columns = Object.keys(rows[0]!);
  return sql`insert into ${sql.raw(table)} (${sql.raw(columns.join(', '))}) values ${sql.join(
    rows.map((r) => sql`(${sql.join(columns.map((c) => r[c]))})`),
  )}`;
}

/** Row locks a statement may take on PostgreSQL (SQLite runs one write transaction at a time). */
export type RowLock = 'none' | 'keyShare' | 'noKeyUpdate' | 'update';

const LOCK_CLAUSES: Record<RowLock, string> = {
  none: '',
  keyShare: ' for key share',
  noKeyUpdate: ' for no key update',
  update: ' for update',
};

/**
 * The locking clause that ends a SELECT: the lock on PostgreSQL, nothing on SQLite. With `of`
 * (a table alias of the store's own), only that table's rows are locked: needed when the SELECT
 * outer-joins another table, whose missing rows cannot be locked.
 */
export function lockClause(dialect: Dialect | undefined, lock: RowLock, of?: string): RawBuilder<unknown> {
  const clause = dialect === 'postgres' ? LOCK_CLAUSES[lock] : '';
  return sql.raw(clause && of ? `${clause} of ${of}` : clause);
}
