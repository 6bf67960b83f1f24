// The bare baseline of the create figure (issue 7): node:http + the raw driver doing the same
// transaction as POST crm/invoice without validation, lookups or framework: take the tenant's
// counter, insert the header, insert the lines. Same schema (a copy of a migrated Ledgerline
// database) and same durability (WAL, synchronous=FULL) — or the same PostgreSQL database.
// Env: PORT, BASELINE_DB (SQLite file) or BASELINE_PG_URL, TENANT_ID, USER_ID, BASELINE_SYNCHRONOUS
// (OFF: no fsync, a reference only).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

const TENANT = Number(process.env.TENANT_ID ?? 1);
const USER = process.env.USER_ID ?? '';

interface Line { invoiceItemID: number; invoiceTax1ID?: number; invoiceTax2ID?: number; quantity: number | string; price: number | string; discount?: number | string }
interface Body { issueDate: string; dueDate: string; contactId: number; language: string; currency: string; exchangeRate: number; terms: string; invoiceLines: Line[] }

const scaled = (v: number | string | undefined, digits: number) => Math.round(Number(v ?? 0) * 10 ** digits);
const header = (b: Body, number: string, raw: string, now: number) => [
  TENANT, number, number.toLowerCase(), Date.parse(b.issueDate), Date.parse(b.dueDate), b.contactId, b.language, b.currency,
  scaled(b.exchangeRate, 6), b.terms, raw, USER, now, USER, now,
];
const line = (id: number, l: Line, i: number) => [TENANT, id, l.invoiceItemID, l.invoiceTax1ID ?? 0, l.invoiceTax2ID ?? 0, i, scaled(l.quantity, 2), scaled(l.price, 2), scaled(l.discount, 2)];
const formatNumber = (r: { invoice_prefix: string; invoice_number: string; invoice_next_value: number | string }) =>
  r.invoice_prefix + String(Number(r.invoice_next_value) - 1).padStart(r.invoice_number.length, '0');

const COUNTER = 'update tenant_settings set invoice_next_value = invoice_next_value + 1 where tenant_id = ? returning invoice_next_value, invoice_prefix, invoice_number';
const HEADER = `insert into invoices (tenant_id, status, number, number_key, issue_date, due_date, contact_id, language, currency, exchange_rate, terms, json_data, created_by, created_at, updated_by, updated_at)
  values (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`;
const LINE = 'insert into invoice_lines (tenant_id, invoice_id, item_id, tax1_id, tax2_id, sort_order, quantity, price, discount) values (?, ?, ?, ?, ?, ?, ?, ?, ?)';

let create: (b: Body, raw: string) => Promise<number>;

if (process.env.BASELINE_PG_URL) {
  const pool = new pg.Pool({ connectionString: process.env.BASELINE_PG_URL, max: 10 });
  const numbered = (s: string) => { let n = 0; return s.replace(/\?/g, () => `$${++n}`); };
  const [counter, head, lineSql] = [numbered(COUNTER), numbered(HEADER), numbered(LINE)];
  create = async (b, raw) => {
    const c = await pool.connect();
    try {
      await c.query('begin');
      const r = (await c.query(counter, [TENANT])).rows[0];
      const id = Number((await c.query(head, header(b, formatNumber(r), raw, Date.now()))).rows[0].id);
      for (const [i, l] of b.invoiceLines.entries()) await c.query(lineSql, line(id, l, i));
      await c.query('commit');
      return id;
    } catch (e) {
      await c.query('rollback');
      throw e;
    } finally {
      c.release();
    }
  };
} else {
  const db = new BetterSqlite3(process.env.BASELINE_DB!);
  db.pragma('journal_mode = WAL');
  // FULL as the server; OFF only for the "bare without fsync" reference of bench/run.ts.
  db.pragma(`synchronous = ${process.env.BASELINE_SYNCHRONOUS === 'OFF' ? 'OFF' : 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const counter = db.prepare(COUNTER);
  const head = db.prepare(HEADER);
  const lineStmt = db.prepare(LINE);
  const tx = db.transaction((b: Body, raw: string) => {
    const r = counter.get(TENANT) as { invoice_prefix: string; invoice_number: string; invoice_next_value: number };
    const id = (head.get(...header(b, formatNumber(r), raw, Date.now())) as { id: number }).id;
    b.invoiceLines.forEach((l, i) => lineStmt.run(...line(id, l, i)));
    return id;
  });
  create = async (b, raw) => tx(b, raw);
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'POST') {
    res.end('ok');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    create(JSON.parse(raw) as Body, raw).then(
      (id) => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ response: { id }, status: 0, statusCode: 201 }));
      },
      (e: unknown) => {
        res.writeHead(500);
        res.end(String(e));
      },
    );
  });
}

const server = createServer(handle).listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
