// Concurrency (issue 8 item 3) against the real server process: 64 concurrent creators without a
// number get 64 distinct, contiguous numbers (DECISIONS "Numbering") — on SQLite with one process,
// on PostgreSQL (TEST_DATABASE_URL) with TWO processes on the same database, the creators
// interleaved between them; concurrent status changes of the same invoices from several clients
// never move stock twice (stock, audit trail and status history agree).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectUnderTest, type TestDatabase } from '../support/database.js';
import {
  auditStock,
  call,
  freePort,
  invoiceBody,
  bundleServer,
  cleanUp,
  login,
  ok,
  openReader,
  prepareCatalogue,
  seriesValue,
  ServerProcess,
  type Catalogue,
  type Reply,
} from './support.js';

const CREATORS = 64;
const STATUS_NAME: Record<string, number> = { draft: 1, sent: 2, rejected: 3, paid: 4 };

const shuffle = <T>(a: readonly T[]): T[] => [...a].map((v) => [Math.random(), v] as const).sort((x, y) => x[0] - y[0]).map(([, v]) => v);
const expect2xx = (replies: Reply[], what: string) => {
  const bad = replies.filter((r) => r.status < 200 || r.status >= 300);
  expect(bad.map((r) => `${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`)).toEqual([]);
};

describe(`concurrency on the real server (${dialectUnderTest}${dialectUnderTest === 'postgres' ? ', two processes' : ''})`, () => {
  let database: TestDatabase;
  const servers: ServerProcess[] = [];
  let token: string;
  let cat: Catalogue;
  const server = (i: number) => servers[i % servers.length]!;

  beforeAll(async () => {
    console.log(`[concurrency ${dialectUnderTest}] server: ${await bundleServer()}`);
    database = await createTestDatabase();
    // The second process starts once the first has migrated and bootstrapped the database.
    for (let i = 0; i < (dialectUnderTest === 'postgres' ? 2 : 1); i++) {
      const s = new ServerProcess(await freePort(), database.url);
      await s.start();
      servers.push(s);
    }
    token = await login(servers[0]!.url);
    cat = await prepareCatalogue(servers[0]!.url, token, 2, 10_000);
  }, 120_000);

  afterAll(async () => {
    await cleanUp();
    await database?.drop();
  });

  it(`${CREATORS} concurrent creators get ${CREATORS} distinct contiguous numbers, nothing lost`, async () => {
    const t0 = Date.now();
    const replies = await Promise.all(
      Array.from({ length: CREATORS }, (_, i) =>
        call(server(i).url, token, 'POST', '/api/2.0/crm/invoice', invoiceBody(cat, [{ itemId: cat.plainItemId, qty: 100 + i }], `creator ${i}`)),
      ),
    );
    const ms = Date.now() - t0;
    expect2xx(replies, 'create');
    const numbers = replies.map((r) => r.body.response.number as string);
    const values = numbers.map((n) => seriesValue(n)!).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(CREATORS);
    // A fresh series starts at 1: exactly 1..64.
    expect(values).toEqual(Array.from({ length: CREATORS }, (_, i) => i + 1));

    // Nothing lost: each acknowledged invoice is stored with its number, its line and its terms.
    const reader = await openReader(database.url);
    try {
      const rows = await reader.all<any>(`select i.id, i.number, i.terms, (select count(*) from invoice_lines l where l.invoice_id = i.id) as lines from invoices i where i.tenant_id = 1`);
      expect(rows).toHaveLength(CREATORS);
      const byId = new Map(rows.map((r) => [Number(r.id), r]));
      replies.forEach((r, i) => {
        const row = byId.get(r.body.response.id);
        expect(row?.number).toBe(r.body.response.number);
        expect(row?.terms).toBe(`creator ${i}`);
        expect(Number(row?.lines)).toBe(1);
      });
      const counter = await reader.all<any>(`select invoice_next_value from tenant_settings where tenant_id = 1`);
      expect(Number(counter[0].invoice_next_value)).toBe(CREATORS + 1);
    } finally {
      await reader.close();
    }
    console.log(`[concurrency ${dialectUnderTest}] ${CREATORS} concurrent creates on ${servers.length} process(es): numbers ${numbers.length} distinct, ${values[0]}..${values.at(-1)} contiguous, ${ms} ms`);
  }, 60_000);

  it('concurrent status changes of the same invoices never move stock twice', async () => {
    const [a, b] = cat.trackedItemIds as [number, number];
    // 12 drafts, each with tracked lines of known quantities (and one untracked line).
    const invoices: { id: number; tracked: { itemId: number; qty: number }[] }[] = [];
    for (let i = 0; i < 12; i++) {
      const tracked = [{ itemId: a, qty: 100 + i }, { itemId: b, qty: 250 + 3 * i }, ...(i % 3 === 0 ? [{ itemId: a, qty: 50 }] : [])];
      const res = await ok(server(i).url, token, 'POST', '/api/2.0/crm/invoice', invoiceBody(cat, [...tracked, { itemId: cat.plainItemId, qty: 100 }], `stock ${i}`));
      invoices.push({ id: res.id, tracked });
    }
    const ids = invoices.map((i) => i.id);
    const put = (client: number, status: number, which: number[]) => call(server(client).url, token, 'PUT', `/api/2.0/crm/invoice/status/${status}`, { invoiceids: shuffle(which) });
    const initial = (id: number) => cat.initialStock.get(id)!;
    const t0 = Date.now();

    // Round 1: 8 clients send every invoice Draft → Sent at once: stock leaves exactly once.
    expect2xx(await Promise.all(Array.from({ length: 8 }, (_, c) => put(c, 2, ids))), 'draft→sent');
    const out = (item: number) => invoices.reduce((s, inv) => s + inv.tracked.filter((t) => t.itemId === item).reduce((x, t) => x + t.qty, 0), 0);
    let reader = await openReader(database.url);
    try {
      const stock = await reader.all<any>(`select id, stock_quantity from invoice_items where track_inventory = 1 order by id`);
      expect(stock.map((s) => Number(s.stock_quantity))).toEqual([initial(a) - out(a), initial(b) - out(b)]);
    } finally {
      await reader.close();
    }

    // Round 2: 8 clients race Sent → Rejected (stock back) against Sent → Paid: one wins per invoice.
    expect2xx(await Promise.all(Array.from({ length: 8 }, (_, c) => put(c, c % 2 === 0 ? 3 : 4, ids))), 'sent→rejected/paid');

    // Round 3: 8 clients change random subsets to random statuses for a while.
    const until = Date.now() + 3000;
    let requests = 0;
    await Promise.all(
      Array.from({ length: 8 }, async (_, c) => {
        while (Date.now() < until) {
          const subset = shuffle(ids).slice(0, 1 + Math.floor(Math.random() * 4));
          const r = await put(c, 1 + Math.floor(Math.random() * 4), subset);
          requests++;
          expect2xx([r], 'random status change');
        }
      }),
    );

    // The audit trail's status history per invoice is a chain of allowed transitions; stock
    // equals initial + Σ movements implied by that history = initial + Σ stock-moved records.
    reader = await openReader(database.url);
    try {
      const history = await reader.all<any>(`select target_ids, changes from audit_log where action = 'invoice.status-changed' order by seq`);
      const statusNow = new Map(ids.map((id) => [id, 'draft']));
      const implied = new Map<number, number>();
      const movesPerInvoice = new Map<number, number>();
      let transitions = 0;
      for (const h of history) {
        const id = Number(JSON.parse(h.target_ids)[0]);
        if (!statusNow.has(id)) continue;
        const { before, after } = JSON.parse(h.changes).status;
        expect(before, `invoice ${id}: a status change from ${before} recorded while it was ${statusNow.get(id)}`).toBe(statusNow.get(id));
        statusNow.set(id, after);
        transitions++;
        const dir = before === 'draft' && after === 'sent' ? -1 : before === 'sent' && after === 'rejected' ? 1 : 0;
        if (dir === 0) continue;
        const inv = invoices.find((i) => i.id === id)!;
        for (const t of inv.tracked) implied.set(t.itemId, (implied.get(t.itemId) ?? 0) + dir * t.qty);
        movesPerInvoice.set(id, (movesPerInvoice.get(id) ?? 0) + inv.tracked.length);
      }
      const stored = await reader.all<any>(`select id, status from invoices where tenant_id = 1`);
      for (const s of stored) if (statusNow.has(Number(s.id))) expect(STATUS_NAME[statusNow.get(Number(s.id))!], `status of ${s.id}`).toBe(Number(s.status));
      const { sum, records } = await auditStock(reader);
      const stock = await reader.all<any>(`select id, stock_quantity from invoice_items where track_inventory = 1 order by id`);
      for (const s of stock) {
        const id = Number(s.id);
        expect(Number(s.stock_quantity), `stock of ${id} vs status history`).toBe(initial(id) + (implied.get(id) ?? 0));
        expect(Number(s.stock_quantity), `stock of ${id} vs stock-moved records`).toBe(initial(id) + (sum.get(id) ?? 0));
      }
      for (const id of ids) expect(records.filter((r) => r.invoiceId === id).length, `stock-moved records of invoice ${id}`).toBe(movesPerInvoice.get(id) ?? 0);
      const verify = await ok(servers[0]!.url, token, 'GET', '/api/2.0/crm/audit/verify');
      expect(verify.valid).toBe(true);
      console.log(
        `[concurrency ${dialectUnderTest}] status races: 12 invoices, 16 racing batch requests + ${requests} random ones from 8 clients on ${servers.length} process(es); ` +
          `${transitions} transitions, ${records.length} stock movements, stock consistent; ${Date.now() - t0} ms`,
      );
    } finally {
      await reader.close();
    }
  }, 90_000);
});
