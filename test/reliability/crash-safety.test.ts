// Crash safety (issue 8 item 2): the real server process on a real database (a temporary SQLite
// file, or a fresh PostgreSQL database when TEST_DATABASE_URL is set) is driven by concurrent
// clients — creates, updates, line edits, status changes with stock, deletes — and SIGKILLed at
// random moments, then restarted. After every restart: every acknowledged write (2xx received) is
// there with the acknowledged values; a request in flight at the kill has either fully happened or
// not at all; no invoice lacks lines or snapshot; server-assigned numbers are distinct and
// contiguous except for deleted invoices; each tracked item's stock equals its initial stock plus
// the movements of the status changes that happened (from the client's model and from the audit
// trail); the audit chain verifies; SQLite's integrity_check is ok.
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectUnderTest, type TestDatabase } from '../support/database.js';
import {
  auditStock,
  call,
  freePort,
  hundredths,
  invoiceBody,
  bundleServer,
  cleanUp,
  login,
  ok,
  openReader,
  prepareCatalogue,
  seriesValue,
  ServerProcess,
  sleep,
  toHundredths,
  type Catalogue,
  type DbReader,
} from './support.js';

const CYCLES = 22;
const WORKERS = 8;
const DRAFT = 1, SENT = 2, REJECTED = 3, PAID = 4;

interface LineM { id: number; itemId: number; qty: number }
interface InvM { id: number; number: string; status: number; terms: string; lines: LineM[]; owner: number }
type LineSpec = { itemId: number; qty: number };
type Pending =
  | { kind: 'create'; owner: number; terms: string; lines: LineSpec[] }
  | { kind: 'update'; invId: number; terms: string; lines: LineSpec[] }
  | { kind: 'line-add'; invId: number; itemId: number; qty: number }
  | { kind: 'line-update'; invId: number; lineId: number; itemId: number; qty: number }
  | { kind: 'line-delete'; invId: number; lineId: number }
  | { kind: 'status'; invIds: number[]; to: number }
  | { kind: 'delete'; invId: number };

const rand = (n: number) => Math.floor(Math.random() * n);
const pick = <T>(a: readonly T[]): T => a[rand(a.length)]!;
let termSeq = 0;
const uniqueTerms = (tag: string) => `${tag}-${process.pid}-${++termSeq}-${rand(1e9)}`;

/** The client's knowledge: what acknowledged (or reconciled) writes left behind. */
class Model {
  invoices = new Map<number, InvM>();
  deletedIds = new Set<number>();
  deletedValues = new Set<number>();
  /** Expected stock movement per tracked item (hundredths). */
  stockMoves = new Map<number, number>();
  constructor(readonly cat: Catalogue) {}

  applyTransition(inv: InvM, to: number): void {
    const dir = inv.status === DRAFT && to === SENT ? -1 : inv.status === SENT && to === REJECTED ? 1 : 0;
    if (dir !== 0)
      for (const l of inv.lines)
        if (this.cat.initialStock.has(l.itemId)) this.stockMoves.set(l.itemId, (this.stockMoves.get(l.itemId) ?? 0) + dir * l.qty);
    inv.status = to;
  }

  markDeleted(inv: InvM): void {
    this.invoices.delete(inv.id);
    this.deletedIds.add(inv.id);
    const v = seriesValue(inv.number);
    if (v !== undefined) this.deletedValues.add(v);
  }
}

const linesOfWire = (ls: any[]): LineM[] => ls.map((l) => ({ id: l.id, itemId: l.invoiceItemID, qty: toHundredths(l.quantity) }));
const lineKey = (l: { itemId: number; qty: number }) => `${l.itemId}:${l.qty}`;
const sameMultiset = (a: { itemId: number; qty: number }[], b: { itemId: number; qty: number }[]) =>
  a.length === b.length && a.map(lineKey).sort().join() === b.map(lineKey).sort().join();
const sameLines = (a: LineM[], b: LineM[]) =>
  a.length === b.length && [...a].sort((x, y) => x.id - y.id).every((l, i) => { const o = [...b].sort((x, y) => x.id - y.id)[i]!; return o.id === l.id && o.itemId === l.itemId && o.qty === l.qty; });

interface DbInvoice { id: number; number: string; status: number; terms: string; json: string; lines: LineM[] }

describe(`crash safety: SIGKILL at random moments (${dialectUnderTest})`, () => {
  let database: TestDatabase | undefined;
  afterAll(async () => {
    await cleanUp();
    await database?.drop();
  });

  it(`keeps every acknowledged write through ${CYCLES} SIGKILL/restart cycles`, async () => {
    const started = Date.now();
    const how = await bundleServer();
    database = await createTestDatabase();
    const server = new ServerProcess(await freePort(), database.url);
    await server.start();
    const token = await login(server.url);
    const cat = await prepareCatalogue(server.url, token);
    const model = new Model(cat);
    const itemChoices = [cat.plainItemId, ...cat.trackedItemIds];
    const randomLines = (n: number): LineSpec[] => Array.from({ length: n }, () => ({ itemId: pick(itemChoices), qty: 1 + rand(500) }));

    const failures: string[] = [];
    const toleratedGaps = new Set<number>();
    let acknowledged = 0;
    const ackByKind: Record<string, number> = {};
    let inFlightAtKill = 0;
    let inFlightCommitted = 0;
    let invoicesChecked = 0;
    let counterBefore = 1; // the series counter seen at the previous check
    let cyclesSurvived = 0;
    let restartMs = 0;

    // ---- one worker: owns its invoices, at most one request in flight --------------------------------
    let alive = false;
    const pendings: (Pending | undefined)[] = new Array(WORKERS).fill(undefined);
    const send = async (w: number, p: Pending, method: string, path: string, json?: unknown) => {
      pendings[w] = p;
      const r = await call(server.url, token, method, path, json); // rejects when the process died: stays pending
      if (r.status < 200 || r.status >= 300) {
        failures.push(`${p.kind} ${method} ${path} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        throw new Error('refused'); // left pending (reconciled like an unanswered request); this worker stops
      }
      pendings[w] = undefined;
      acknowledged++;
      ackByKind[p.kind] = (ackByKind[p.kind] ?? 0) + 1;
      return r.body.response;
    };

    const step = async (w: number): Promise<void> => {
      const mine = [...model.invoices.values()].filter((i) => i.owner === w);
      if (mine.length < 3 || Math.random() < 0.22) {
        const p: Pending = { kind: 'create', owner: w, terms: uniqueTerms('c'), lines: randomLines(1 + rand(3)) };
        const res = await send(w, p, 'POST', '/api/2.0/crm/invoice', invoiceBody(cat, p.lines, p.terms));
        if (!res) return;
        const inv: InvM = { id: res.id, number: res.number, status: res.status.id, terms: res.terms, lines: linesOfWire(res.invoiceLines), owner: w };
        if (model.invoices.has(inv.id) || model.deletedIds.has(inv.id)) failures.push(`create answered an id already known: ${inv.id}`);
        if (seriesValue(inv.number) === undefined) failures.push(`create answered a number outside the series: ${inv.number}`);
        if (!sameMultiset(inv.lines, p.lines) || inv.status !== DRAFT) failures.push(`create answered other lines/status than sent: ${JSON.stringify(res)}`);
        model.invoices.set(inv.id, inv);
        return;
      }
      const inv = pick(mine);
      const r = Math.random();
      if (inv.status === DRAFT) {
        if (r < 0.15) {
          const p: Pending = { kind: 'update', invId: inv.id, terms: uniqueTerms('u'), lines: randomLines(1 + rand(3)) };
          const res = await send(w, p, 'PUT', `/api/2.0/crm/invoice/${inv.id}`, invoiceBody(cat, p.lines, p.terms));
          if (!res) return;
          if (res.number !== inv.number) failures.push(`update changed the number of ${inv.id}: ${inv.number} → ${res.number}`);
          inv.terms = res.terms;
          inv.lines = linesOfWire(res.invoiceLines);
          if (!sameMultiset(inv.lines, p.lines) || inv.terms !== p.terms) failures.push(`update answered other values than sent (${inv.id})`);
        } else if (r < 0.3) {
          const p: Pending = { kind: 'line-add', invId: inv.id, itemId: pick(itemChoices), qty: 1 + rand(500) };
          const res = await send(w, p, 'POST', '/api/2.0/crm/invoiceline', {
            invoiceId: inv.id, invoiceItemId: p.itemId, invoiceTax1Id: cat.taxId, invoiceTax2Id: 0, sortOrder: inv.lines.length, description: '', quantity: hundredths(p.qty), price: 10, discount: 0,
          });
          if (!res) return;
          inv.lines.push({ id: res.id, itemId: res.invoiceItemID, qty: toHundredths(res.quantity) });
        } else if (r < 0.45) {
          const line = pick(inv.lines);
          const p: Pending = { kind: 'line-update', invId: inv.id, lineId: line.id, itemId: pick(itemChoices), qty: 1 + rand(500) };
          const res = await send(w, p, 'PUT', `/api/2.0/crm/invoiceline/${line.id}`, {
            invoiceId: inv.id, invoiceItemId: p.itemId, invoiceTax1Id: cat.taxId, invoiceTax2Id: 0, sortOrder: 0, description: 'edited', quantity: hundredths(p.qty), price: 12, discount: 5,
          });
          if (!res) return;
          line.itemId = res.invoiceItemID;
          line.qty = toHundredths(res.quantity);
        } else if (r < 0.55 && inv.lines.length > 1) {
          const line = pick(inv.lines);
          const p: Pending = { kind: 'line-delete', invId: inv.id, lineId: line.id };
          const res = await send(w, p, 'DELETE', `/api/2.0/crm/invoiceline/${line.id}`);
          if (res === undefined) return;
          inv.lines = inv.lines.filter((l) => l.id !== line.id);
        } else if (r < 0.92) {
          // Draft → Sent moves stock; sometimes two invoices in one request (one transaction).
          const other = mine.find((o) => o !== inv && o.status === DRAFT);
          const batch = other && Math.random() < 0.35 ? [inv, other] : [inv];
          await changeStatus(w, batch, SENT);
        } else {
          await deleteInvoice(w, inv);
        }
      } else if (inv.status === SENT) {
        await changeStatus(w, [inv], r < 0.5 ? REJECTED : PAID);
      } else if (inv.status === REJECTED) {
        if (r < 0.8) await changeStatus(w, [inv], DRAFT);
        else await deleteInvoice(w, inv);
      } else if (inv.status === PAID) {
        if (r < 0.5) await changeStatus(w, [inv], SENT);
        else await deleteInvoice(w, inv);
      }
    };

    const changeStatus = async (w: number, invs: InvM[], to: number) => {
      const p: Pending = { kind: 'status', invIds: invs.map((i) => i.id), to };
      const res = await send(w, p, 'PUT', `/api/2.0/crm/invoice/status/${to}`, { invoiceids: p.invIds });
      if (!res) return;
      for (const inv of invs) {
        const got = (res.key as any[]).find((k) => k.id === inv.id);
        if (!got || got.status.id !== to) failures.push(`status change ${inv.status}→${to} of ${inv.id} acknowledged without the change: ${JSON.stringify(got)}`);
        model.applyTransition(inv, to);
      }
    };

    const deleteInvoice = async (w: number, inv: InvM) => {
      const p: Pending = { kind: 'delete', invId: inv.id };
      const res = await send(w, p, 'DELETE', `/api/2.0/crm/invoice/${inv.id}`);
      if (!res) return;
      model.markDeleted(inv);
    };

    const worker = async (w: number) => {
      while (alive) {
        try {
          await step(w);
        } catch (e) {
          // No answer: the process is gone and the request stays pending. While alive, that is a failure.
          if (alive && (e as Error).message !== 'refused') failures.push(`worker ${w}: ${(e as Error).message} ${(e as Error).cause ?? ''}\n${server.output.slice(-2000)}`);
          return;
        }
      }
    };

    // ---- the checks after a kill ----------------------------------------------------------------------
    const readInvoices = async (db: DbReader): Promise<Map<number, DbInvoice>> => {
      const rows = await db.all<any>(`select id, number, status, terms, json_data from invoices where tenant_id = 1`);
      const lines = await db.all<any>(`select id, invoice_id, item_id, quantity from invoice_lines where tenant_id = 1`);
      const map = new Map<number, DbInvoice>();
      for (const r of rows) map.set(Number(r.id), { id: Number(r.id), number: r.number, status: Number(r.status), terms: r.terms, json: r.json_data, lines: [] });
      for (const l of lines) {
        const inv = map.get(Number(l.invoice_id));
        if (!inv) failures.push(`line ${l.id} belongs to no invoice (${l.invoice_id})`);
        else inv.lines.push({ id: Number(l.id), itemId: Number(l.item_id), qty: Number(l.quantity) });
      }
      return map;
    };

    const reconcile = (db: Map<number, DbInvoice>, cycle: number): number => {
      // A request without an answer has either fully happened or not at all; the model follows the database.
      let uncommittedCreates = 0;
      const err = (p: Pending, what: string) => failures.push(`cycle ${cycle}: in-flight ${p.kind} ${JSON.stringify(p)}: ${what}`);
      for (let w = 0; w < WORKERS; w++) {
        const p = pendings[w];
        if (!p) continue;
        pendings[w] = undefined;
        inFlightAtKill++;
        if (p.kind === 'create') {
          const found = [...db.values()].filter((d) => d.terms === p.terms);
          if (found.length > 1) err(p, `created ${found.length} times`);
          const d = found[0];
          if (!d) {
            uncommittedCreates++;
            continue;
          }
          inFlightCommitted++;
          if (!sameMultiset(d.lines, p.lines) || d.status !== DRAFT) err(p, `half-written: ${JSON.stringify(d)}`);
          model.invoices.set(d.id, { id: d.id, number: d.number, status: d.status, terms: d.terms, lines: d.lines.map((l) => ({ ...l })), owner: p.owner });
          continue;
        }
        if (p.kind === 'status') {
          const invs = p.invIds.map((id) => model.invoices.get(id)!);
          const now = invs.map((i) => db.get(i.id)?.status);
          if (invs.every((i, k) => now[k] === i.status)) continue;
          if (now.every((s) => s === p.to)) {
            inFlightCommitted++;
            invs.forEach((i) => model.applyTransition(i, p.to));
          } else err(p, `partly applied: statuses ${now.join(',')} (before ${invs.map((i) => i.status).join(',')})`);
          continue;
        }
        const m = model.invoices.get(p.invId)!;
        const d = db.get(p.invId);
        if (p.kind === 'delete') {
          if (!d) {
            inFlightCommitted++;
            model.markDeleted(m);
          }
          continue;
        }
        if (!d) {
          err(p, 'the invoice vanished');
          continue;
        }
        if (sameLines(m.lines, d.lines) && m.terms === d.terms) continue; // did not happen
        inFlightCommitted++;
        const others = (ls: LineM[], id: number) => ls.filter((l) => l.id !== id);
        if (p.kind === 'update') {
          if (d.terms !== p.terms || !sameMultiset(d.lines, p.lines)) err(p, `half-applied: ${JSON.stringify(d)}`);
        } else if (p.kind === 'line-add') {
          const added = d.lines.filter((l) => !m.lines.some((o) => o.id === l.id));
          if (added.length !== 1 || added[0]!.itemId !== p.itemId || added[0]!.qty !== p.qty || !sameLines(others(d.lines, added[0]!.id), m.lines))
            err(p, `unexpected lines ${JSON.stringify(d.lines)}`);
        } else if (p.kind === 'line-update') {
          const l = d.lines.find((x) => x.id === p.lineId);
          if (!l || l.itemId !== p.itemId || l.qty !== p.qty || !sameLines(others(d.lines, p.lineId), others(m.lines, p.lineId)))
            err(p, `unexpected lines ${JSON.stringify(d.lines)}`);
        } else if (p.kind === 'line-delete') {
          if (!sameLines(d.lines, others(m.lines, p.lineId))) err(p, `unexpected lines ${JSON.stringify(d.lines)}`);
        }
        m.terms = d.terms;
        m.lines = d.lines.map((l) => ({ ...l }));
      }
      return uncommittedCreates;
    };

    const checkDatabase = async (cycle: number): Promise<void> => {
      const reader = await openReader(database!.url);
      try {
        if (dialectUnderTest === 'sqlite') {
          const integrity = await reader.all<{ integrity_check: string }>('pragma integrity_check');
          if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') failures.push(`cycle ${cycle}: integrity_check ${JSON.stringify(integrity)}`);
          const fk = await reader.all('pragma foreign_key_check');
          if (fk.length) failures.push(`cycle ${cycle}: foreign_key_check ${JSON.stringify(fk.slice(0, 5))}`);
        }
        const db = await readInvoices(reader);
        const uncommittedCreates = reconcile(db, cycle);

        // Every acknowledged (or reconciled) invoice is there with its values; nothing else is.
        for (const m of model.invoices.values()) {
          invoicesChecked++;
          const d = db.get(m.id);
          if (!d) failures.push(`cycle ${cycle}: acknowledged invoice ${m.id} (${m.number}) is missing`);
          else if (d.number !== m.number || d.status !== m.status || d.terms !== m.terms || !sameLines(d.lines, m.lines))
            failures.push(`cycle ${cycle}: invoice ${m.id} differs: acknowledged ${JSON.stringify(m)}, stored ${JSON.stringify({ ...d, json: undefined })}`);
        }
        for (const d of db.values()) if (!model.invoices.has(d.id)) failures.push(`cycle ${cycle}: unexplained invoice ${d.id} ${d.number} (deleted: ${model.deletedIds.has(d.id)})`);

        // Lines and snapshot.
        for (const d of db.values()) {
          if (d.lines.length === 0) failures.push(`cycle ${cycle}: invoice ${d.id} has no lines`);
          try {
            const snap = JSON.parse(d.json);
            if (snap.Number?.Item2 !== d.number || snap.TableBodyRows?.length !== d.lines.length)
              failures.push(`cycle ${cycle}: snapshot of ${d.id} does not match (number ${snap.Number?.Item2}, ${snap.TableBodyRows?.length} rows for ${d.lines.length} lines)`);
          } catch {
            failures.push(`cycle ${cycle}: invoice ${d.id} has no snapshot (${JSON.stringify(d.json).slice(0, 80)})`);
          }
        }

        // Numbers: distinct, and 1..counter-1 all present or deleted.
        const values = new Map<number, number>();
        for (const d of db.values()) {
          const v = seriesValue(d.number);
          if (v === undefined) failures.push(`cycle ${cycle}: number outside the series: ${d.number}`);
          else if (values.has(v)) failures.push(`cycle ${cycle}: number ${d.number} used twice (${values.get(v)}, ${d.id})`);
          else values.set(v, d.id);
        }
        const counter = Number((await reader.all<any>(`select invoice_next_value from tenant_settings where tenant_id = 1`))[0].invoice_next_value);
        const newGaps: number[] = [];
        for (let v = 1; v < counter; v++) {
          if (values.has(v) || model.deletedValues.has(v) || toleratedGaps.has(v)) continue;
          newGaps.push(v);
        }
        for (const v of values.keys()) if (v >= counter) failures.push(`cycle ${cycle}: number ${v} at or above the counter ${counter}`);
        for (const v of model.deletedValues) if (values.has(v)) failures.push(`cycle ${cycle}: deleted number ${v} is in use again`);
        // A gap is only tolerable for a value allocated in this cycle by a create that never answered.
        if (newGaps.length > uncommittedCreates || newGaps.some((g) => g < counterBefore))
          failures.push(`cycle ${cycle}: gap(s) in the series: ${newGaps.join(', ')} (counter ${counterBefore}→${counter}, ${uncommittedCreates} unanswered creates not committed)`);
        newGaps.forEach((g) => toleratedGaps.add(g));
        counterBefore = counter;

        // Deletions leave a trace in the audit trail, one per deleted invoice.
        const deletedAudit = await reader.all<{ target_ids: string }>(`select target_ids from audit_log where action = 'invoice.deleted'`);
        const auditDeleted = new Set(deletedAudit.map((r) => Number(JSON.parse(r.target_ids)[0])));
        if (auditDeleted.size !== model.deletedIds.size || [...model.deletedIds].some((id) => !auditDeleted.has(id)))
          failures.push(`cycle ${cycle}: ${model.deletedIds.size} invoices deleted, ${auditDeleted.size} invoice.deleted audit records`);

        // Stock = initial + Σ movements (client model) = initial + Σ stockDelta (audit trail).
        const { sum } = await auditStock(reader);
        const stocks = await reader.all<any>(`select id, stock_quantity from invoice_items where tenant_id = 1 and track_inventory = 1`);
        for (const s of stocks) {
          const id = Number(s.id);
          const initial = cat.initialStock.get(id)!;
          const stored = Number(s.stock_quantity);
          const byModel = initial + (model.stockMoves.get(id) ?? 0);
          const byAudit = initial + (sum.get(id) ?? 0);
          if (stored !== byModel || stored !== byAudit) failures.push(`cycle ${cycle}: stock of item ${id} is ${stored}, model says ${byModel}, audit says ${byAudit} (hundredths)`);
        }
      } finally {
        await reader.close();
      }
    };

    const checkOverHttp = async (cycle: number) => {
      const verify = await ok(server.url, token, 'GET', '/api/2.0/crm/audit/verify');
      if (!verify.valid) failures.push(`cycle ${cycle}: audit chain broken ${JSON.stringify(verify)}`);
      const sample = [...model.invoices.values()].sort(() => Math.random() - 0.5).slice(0, 8);
      for (const m of sample) {
        const res = await ok(server.url, token, 'GET', `/api/2.0/crm/invoice/${m.id}`);
        if (res.number !== m.number || res.status.id !== m.status || !sameLines(linesOfWire(res.invoiceLines), m.lines))
          failures.push(`cycle ${cycle}: GET invoice/${m.id} differs from the acknowledged state`);
      }
    };

    // ---- the cycles -------------------------------------------------------------------------------------
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      alive = true;
      const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
      // Mostly mid-load; sometimes right after start.
      await sleep(Math.random() < 0.15 ? rand(60) : 150 + rand(dialectUnderTest === 'postgres' ? 1500 : 1000));
      alive = false;
      await server.kill();
      await Promise.all(workers);
      await checkDatabase(cycle);
      const t = Date.now();
      await server.start();
      restartMs += Date.now() - t;
      await checkOverHttp(cycle);
      if (failures.length) break;
      cyclesSurvived = cycle;
    }
    await server.kill();

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `[crash-safety ${dialectUnderTest}] cycles survived: ${cyclesSurvived}/${CYCLES}; acknowledged writes: ${acknowledged} ` +
        `(${Object.entries(ackByKind).map(([k, n]) => `${k} ${n}`).join(', ')}); invoice states checked: ${invoicesChecked}; ` +
        `in flight at a kill: ${inFlightAtKill} (${inFlightCommitted} had committed); invoices alive ${model.invoices.size}, deleted ${model.deletedIds.size}; ` +
        `tolerated gaps: ${toleratedGaps.size}; stock moves: ${JSON.stringify(Object.fromEntries(model.stockMoves))}; ${seconds} s (restarts ${(restartMs / 1000).toFixed(1)} s; server: ${how})`,
    );
    expect(failures.slice(0, 20)).toEqual([]);
    expect(cyclesSurvived).toBe(CYCLES);
  }, 240_000);
});
