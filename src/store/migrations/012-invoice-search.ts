import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { invoiceSearchColumns } from '../invoice-search.js';

const BATCH = 500;

/** Migration 004's indexes for GET invoice/filter: (tenant, [status,] date, id). */
const LIST_INDEXES: [string, string[]][] = [
  ['invoices_status_due_idx', ['tenant_id', 'status', 'due_date', 'id']],
  ['invoices_due_idx', ['tenant_id', 'due_date', 'id']],
  ['invoices_status_issue_idx', ['tenant_id', 'status', 'issue_date', 'id']],
  ['invoices_issue_idx', ['tenant_id', 'issue_date', 'id']],
];

// GET invoice/filter's search text (spec §4.4) at 1 000 000 invoices: search key columns (see
// store/invoice-search.ts) written by the store with every number and description, so a search
// word is one substring test per row instead of a Unicode lower() of the description (a JS
// function per row on SQLite). The list indexes carry the key (keys of at most 500 characters;
// longer ones live in search_key_long, outside the indexes), so a status filter, a date range and
// search words are decided from the index alone: the exact total of a selective search counts
// index entries, not table rows.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('invoices').addColumn('search_key', 'text').execute();
  await db.schema.alterTable('invoices').addColumn('search_key_long', 'text').execute();

  // Backfill, in id order and in batches (the key needs NFKC and Unicode lower case, done in JS
  // with the function the store uses, so existing and new rows agree).
  for (let after = 0; ; ) {
    const rows = await db.selectFrom('invoices').select(['id', 'number_key', 'description']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (rows.length === 0) break;
    const values = sql.join(rows.map((r) => {
      const c = invoiceSearchColumns(r.number_key, r.description);
      return sql`(cast(${Number(r.id)} as integer), cast(${c.search_key} as text), cast(${c.search_key_long} as text))`;
    }));
    await sql`with v(id, k, l) as (values ${values}) update invoices set search_key = v.k, search_key_long = v.l from v where invoices.id = v.id`.execute(db);
    after = Number(rows[rows.length - 1]!.id);
  }

  // The list indexes of migration 004 again, each carrying the key: on PostgreSQL as an INCLUDE
  // column (index-only scans), on SQLite as a last column. All four grow alike, so SQLite's
  // planner (no statistics) still prefers the status index when a status is given.
  for (const [name, columns] of LIST_INDEXES) {
    await db.schema.dropIndex(name).execute();
    if (dialect === 'postgres') {
      await sql`create index ${sql.id(name)} on invoices (${sql.join(columns.map((c) => sql.id(c)))}) include (search_key)`.execute(db);
    } else {
      await db.schema.createIndex(name).on('invoices').columns([...columns, 'search_key']).execute();
    }
  }
}
