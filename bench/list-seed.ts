// Fast seeding of the list-scaling figure: N invoices inserted straight into a migrated Ledgerline
// SQLite database with better-sqlite3 prepared statements in one transaction (the server is
// stopped meanwhile). Issue dates spread over a fixed ten years, so a bigger table is a denser one.
import BetterSqlite3 from 'better-sqlite3';

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
  const insert = db.prepare(`insert into invoices (tenant_id, status, number, number_key, issue_date, due_date, contact_id, language, currency,
    exchange_rate, description, created_by, created_at, updated_by, updated_at) values (?, ?, ?, ?, ?, ?, ?, 'en-US', 'EUR', 1000000, ?, ?, ?, ?, ?)`);
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
      insert.run(tenant, 1 + rnd(5), number, number.toLowerCase(), issue, issue + 30 * DAY, contact, description, user, now, user, now);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  if (process.env.BENCH_ANALYZE === "1") db.exec("analyze");
  db.close();
  return { seconds: Math.round((Date.now() - started) / 100) / 10 };
}
