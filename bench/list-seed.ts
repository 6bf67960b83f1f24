// Fast seeding of the list-scaling figure: N invoices inserted straight into a migrated Ledgerline
// SQLite database with better-sqlite3 prepared statements in one transaction (the server is
// stopped meanwhile). Issue dates spread over a fixed ten years, so a bigger table is a denser one.
import BetterSqlite3 from 'better-sqlite3';
import { descriptionSearchPart, invoiceSearchColumns, NUMBER_PART_PREFIX } from '../src/store/invoice-search.js';

const DAY = 86_400_000;
export const SPAN_START = Date.UTC(2016, 0, 1);
const SPAN_DAYS = 3653;
const WORDS = ['consulting', 'hosting', 'licence', 'support', 'travel', 'hardware', 'training', 'audit', 'design', 'maintenance'];

/** The list query of the figure: status Billed, a 3-month due-date window, a search word, 25 rows by due date. */
export const LIST_QUERY = '/api/2.0/crm/invoice/filter?status=2&dueDateFrom=2021-01-01&dueDateTo=2021-03-31&filterValue=mainten&sortBy=dueDate&count=25';

export function seedInvoices(file: string, n: number): { seconds: number } {
  const started = Date.now();
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  const tenant = 1;
  const user = (db.prepare('select id from users where tenant_id = ? limit 1').get(tenant) as { id: string }).id;
  const now = Date.now();
  const contact = Number(db.prepare(`insert into contacts (tenant_id, is_company, company_name, share_type, created_by, created_at, updated_by, updated_at)
    values (?, 1, 'Seed GmbH', 1, ?, ?, ?, ?)`).run(tenant, user, now, user, now).lastInsertRowid);
  // search_key as the store writes it (store/invoice-search.ts, migration 012; the seed's keys are short).
  const insert = db.prepare(`insert into invoices (tenant_id, status, number, number_key, issue_date, due_date, contact_id, language, currency,
    exchange_rate, description, search_key, created_by, created_at, updated_by, updated_at) values (?, ?, ?, ?, ?, ?, ?, 'en-US', 'EUR', 1000000, ?, ?, ?, ?, ?, ?)`);
  let seed = 42; // deterministic (mulberry32): every run seeds the same table
  const rnd = (k: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * k);
  };
  db.transaction(() => {
    for (let i = 1; i <= n; i++) {
      const issue = SPAN_START + rnd(SPAN_DAYS) * DAY;
      const number = `SEED-${String(i).padStart(8, '0')}`;
      const description = `${WORDS[rnd(WORDS.length)]} ${WORDS[rnd(WORDS.length)]} for project ${rnd(500)}`;
      const numberKey = number.toLowerCase();
      insert.run(tenant, 1 + rnd(5), number, numberKey, issue, issue + 30 * DAY, contact, description, invoiceSearchColumns(numberKey, description).search_key, user, now, user, now);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  if (process.env.BENCH_ANALYZE === "1") db.exec("analyze");
  db.close();
  return { seconds: Math.round((Date.now() - started) / 100) / 10 };
}

/**
 * The same distribution seeded into a migrated Ledgerline PostgreSQL database in one INSERT …
 * SELECT over generate_series (random() with a fixed seed), then VACUUM ANALYZE, as autovacuum
 * would leave a table that size.
 */
export async function seedInvoicesPg(client: { query(text: string, values?: unknown[]): Promise<{ rows: any[] }> }, n: number): Promise<{ seconds: number }> {
  const started = Date.now();
  const tenant = 1;
  const user = (await client.query('select id from users where tenant_id = $1 limit 1', [tenant])).rows[0].id as string;
  const now = Date.now();
  const contact = (await client.query(`insert into contacts (tenant_id, is_company, company_name, share_type, created_by, created_at, updated_by, updated_at)
    values ($1, 1, 'Seed GmbH', 1, $2, $3, $2, $3) returning id`, [tenant, user, now])).rows[0].id as number;
  await client.query('select setseed(0.42)');
  const words = `array[${WORDS.map((w) => `'${w}'`).join(', ')}]`;
  // The text is ASCII, so SQL's lower() builds the search key the store would (checked below).
  await client.query(`insert into invoices (tenant_id, status, number, number_key, issue_date, due_date, contact_id, language, currency,
      exchange_rate, description, search_key, created_by, created_at, updated_by, updated_at)
    select $1, r.status, r.number, lower(r.number), r.issue, r.issue + 30 * ${DAY}::bigint, $2, 'en-US', 'EUR',
      1000000, r.description, $7 || lower(r.number) || $8 || lower(r.description), $3, $4, $3, $4
    from (select 'SEED-' || lpad(g::text, 8, '0') as number, 1 + floor(random() * 5)::int as status,
            $5::bigint + floor(random() * ${SPAN_DAYS})::bigint * ${DAY}::bigint as issue,
            (${words})[1 + floor(random() * ${WORDS.length})::int] || ' ' || (${words})[1 + floor(random() * ${WORDS.length})::int]
              || ' for project ' || floor(random() * 500)::int as description
          from generate_series(1, $6::int) g) r`, [tenant, contact, user, now, SPAN_START, n, NUMBER_PART_PREFIX, descriptionSearchPart('')]);
  const sample = await client.query('select number_key, description, search_key from invoices where tenant_id = $1 order by id desc limit 100', [tenant]);
  for (const r of sample.rows) {
    if (r.search_key !== invoiceSearchColumns(r.number_key, r.description).search_key) throw new Error(`seeded search key differs from the store's: ${JSON.stringify(r)}`);
  }
  await client.query('vacuum analyze invoices');
  return { seconds: Math.round((Date.now() - started) / 100) / 10 };
}
