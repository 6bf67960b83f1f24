// Rights matrix, invoice lists and multi-invoice writes: the exact set of invoices each caller gets.
// invoice/filter (§4.4, §3.5: contact readable, creator exception NOT applied, Q30),
// {contact|person|company|opportunity}/invoicelist (§4.5: CanAccess, creator exception applied),
// PUT invoice/status/{status} (§4.6: CanAccess only, others skipped, 200), DELETE invoice (§4.8).
import { afterAll, beforeAll, expect } from 'vitest';
import { call } from '../support/api.js';
import { invoiceBody } from '../support/invoice-world.js';
import {
  API, adminView, buildCast, by, company, ids, matrix, newInvoice, recordCreator, sorted, type Cast, type Outcome, type Row,
} from './rights-matrix-harness.js';

let c: Cast;
let deal: number;
/** The list fixture on its own contacts (P2 private managed by creator and reader, S2 shareType 2, H2 private), all linked to `deal`. */
let P2: number;
let S2: number;
let H2: number;
const L: Record<'cP' | 'aP' | 'aS' | 'aH' | 'cH', number> = { cP: 0, aP: 0, aS: 0, aH: 0, cH: 0 };
const WORD = 'rightslist';

beforeAll(async () => {
  c = await buildCast();
  P2 = await company(c.t, 'List Managed', 0, [c.users.creator.id, c.users.reader.id]);
  S2 = await company(c.t, 'List Read-only', 2);
  H2 = await company(c.t, 'List Hidden', 0);
  const stages = (await call(c.t, 'GET', `${API}/opportunity/stage`)).response as { id: number }[];
  const r = await call(c.t, 'POST', `${API}/opportunity`, {
    json: { contactid: P2, members: [S2, H2], title: 'Shared deal', responsibleid: c.w.adminId, bidCurrencyAbbr: 'EUR', stageid: stages[0]!.id },
  });
  expect(r.status, r.raw).toBe(201);
  deal = r.response.id;
  const make = async (who: 'admin' | 'creator', contactId: number) =>
    (await newInvoice(c, who, { contactId, entityId: deal, description: `${WORD} ${who}` })).id as number;
  L.cP = await make('creator', P2);
  L.aP = await make('admin', P2);
  L.aS = await make('admin', S2);
  L.aH = await make('admin', H2);
  L.cH = await make('admin', H2);
  await recordCreator(c, L.cH, 'creator');
});
afterAll(async () => c?.t.close());

/** A 200 list whose invoice ids are exactly `expected()` (any order). */
const exactly = (expected: () => number[], extra?: (list: any[]) => void): Outcome<any> => ({
  status: 200,
  check: (r) => {
    expect(ids(r.response)).toEqual(sorted(expected()));
    extra?.(r.response);
  },
});
/** A one-item page of a list with `n` visible invoices. */
const total = (n: number): Outcome<any> => ({
  status: 200,
  check: (r) => {
    expect(r.response).toHaveLength(1);
    expect(r.body.total).toBe(n);
    if (n > 1) expect(r.body.nextIndex).toBeDefined();
    else expect(r.body.nextIndex).toBeUndefined();
  },
});
/** In a list, the invoice `id` shows `contact` as this id (null: hidden from the caller). */
const contactOf = (list: any[], id: number) => list.find((i) => i.id === id)?.contact?.id ?? null;

/** Fresh invoices for one status change: who created each, on which contact. */
async function statusSet() {
  const sP = (await newInvoice(c, 'creator', {
    invoiceLines: [...(invoiceBody(c.w).invoiceLines as object[]), { invoiceItemID: c.w.item2Id, quantity: 2, price: 5 }], // tracked stock
  })).id as number;
  const sA = (await newInvoice(c, 'admin')).id as number;
  const sS = (await newInvoice(c, 'admin', { contactId: c.S })).id as number;
  const sH = (await newInvoice(c, 'admin', { contactId: c.H })).id as number;
  const sX = (await newInvoice(c, 'admin', { contactId: c.H })).id as number;
  await recordCreator(c, sX, 'creator');
  return { sP, sA, sS, sH, sX };
}
type StatusSet = Awaited<ReturnType<typeof statusSet>>;

/** Status change to Sent: `key` is exactly the accessible invoices, all Sent; the skipped ones stay Draft. */
const sent = (pick: (f: StatusSet) => number[]): Outcome<StatusSet> => ({
  status: 200,
  check: async (r, f) => {
    const changed = pick(f);
    expect(ids(r.response.key)).toEqual(sorted(changed));
    for (const i of r.response.key) expect(i.status.id).toBe(2);
    // The tracked item moves (and is reported) only when the invoice carrying it was processed.
    expect(ids(r.response.value)).toEqual(changed.includes(f.sP) ? [c.w.item2Id] : []);
    for (const id of Object.values(f)) {
      expect(((await adminView(c, id)) as any).status.id, `invoice ${id}`).toBe(changed.includes(id) ? 2 : 1);
    }
  },
});

/** Fresh invoices for one batch delete, one per creator; bX is the creator's on contact H. */
async function deleteSet() {
  const bC = (await newInvoice(c, 'creator')).id as number;
  const bA = (await newInvoice(c, 'admin')).id as number;
  const bX = (await newInvoice(c, 'admin', { contactId: c.H })).id as number;
  await recordCreator(c, bX, 'creator');
  const bR = (await newInvoice(c, 'reader')).id as number;
  const bO = (await newInvoice(c, 'outsider', { contactId: c.S })).id as number;
  return { bC, bA, bX, bR, bO };
}
type DeleteSet = Awaited<ReturnType<typeof deleteSet>>;

/** Batch delete: the answer is exactly the deletable invoices; they are gone, the others remain. */
const deleted = (pick: (f: DeleteSet) => number[]): Outcome<DeleteSet> => ({
  status: 200,
  check: async (r, f) => {
    const gone = pick(f);
    expect(ids(r.response)).toEqual(sorted(gone));
    for (const id of Object.values(f)) {
      const v = await adminView(c, id);
      expect(typeof v === 'number' ? v : 200, `invoice ${id}`).toBe(gone.includes(id) ? 404 : 200);
    }
  },
});

const get = (url: string) => () => ({ method: 'GET' as const, url });

const rows: Row[] = [
  {
    route: 'GET invoice/filter', variant: 'non-admins: readable contact only, no creator exception (Q30)',
    req: get(`${API}/invoice/filter?filterValue=${WORD}`),
    expect: by(
      exactly(() => [L.cP, L.aP, L.aS, L.aH, L.cH]),
      exactly(() => [L.cP, L.aP, L.aS]),
      exactly(() => [L.cP, L.aP, L.aS]),
      exactly(() => [L.aS]),
    ),
  },
  {
    // Q10 fixed: `total` counts what the caller may see, not every match.
    route: 'GET invoice/filter', variant: 'count=1: total counts only what the caller may see',
    req: get(`${API}/invoice/filter?filterValue=${WORD}&count=1&sortBy=id`),
    expect: by(total(5), total(3), total(3), total(1)),
  },
  {
    route: 'GET invoice/filter', variant: 'entityType=opportunity',
    req: () => get(`${API}/invoice/filter?entityType=opportunity&entityid=${deal}`)(),
    expect: by(
      exactly(() => [L.cP, L.aP, L.aS, L.aH, L.cH]),
      exactly(() => [L.cP, L.aP, L.aS]),
      exactly(() => [L.cP, L.aP, L.aS]),
      exactly(() => [L.aS]),
    ),
  },
  {
    route: 'GET contact/invoicelist/{id}', variant: 'contact P2',
    req: () => get(`${API}/contact/invoicelist/${P2}`)(),
    expect: by(exactly(() => [L.cP, L.aP]), exactly(() => [L.cP, L.aP]), exactly(() => [L.cP, L.aP]), exactly(() => [])),
  },
  {
    route: 'GET person/invoicelist/{id}', variant: 'contact H2: creator exception',
    req: () => get(`${API}/person/invoicelist/${H2}`)(),
    expect: by(
      exactly(() => [L.aH, L.cH], (l) => expect(contactOf(l, L.cH)).toBe(H2)),
      exactly(() => [L.cH], (l) => expect(contactOf(l, L.cH)).toBeNull()),
      exactly(() => []),
      exactly(() => []),
    ),
  },
  {
    route: 'GET company/invoicelist/{id}', variant: 'contact S2',
    req: () => get(`${API}/company/invoicelist/${S2}`)(),
    expect: by(exactly(() => [L.aS]), exactly(() => [L.aS]), exactly(() => [L.aS]), exactly(() => [L.aS])),
  },
  {
    route: 'GET opportunity/invoicelist/{id}',
    req: () => get(`${API}/opportunity/invoicelist/${deal}`)(),
    expect: by(
      exactly(() => [L.cP, L.aP, L.aS, L.aH, L.cH]),
      exactly(() => [L.cP, L.aP, L.aS, L.cH], (l) => expect([contactOf(l, L.cH), contactOf(l, L.cP)]).toEqual([null, P2])),
      exactly(() => [L.cP, L.aP, L.aS]),
      exactly(() => [L.aS]),
    ),
  },
  {
    route: 'PUT invoice/status/{status}', variant: 'Draft → Sent; unknown and inaccessible ids skipped',
    setup: statusSet,
    req: (f: StatusSet) => ({ method: 'PUT', url: `${API}/invoice/status/2`, json: { invoiceids: [...Object.values(f), 99999999] } }),
    state: async (f: StatusSet) => Promise.all(Object.values(f).map((id) => adminView(c, id))),
    expect: by<StatusSet>(
      sent((f) => [f.sP, f.sA, f.sS, f.sH, f.sX]),
      sent((f) => [f.sP, f.sA, f.sS, f.sX]),
      sent((f) => [f.sP, f.sA, f.sS]),
      sent((f) => [f.sS]),
    ),
  },
  {
    route: 'DELETE invoice', variant: 'batch; not deletable ids skipped',
    setup: deleteSet,
    req: (f: DeleteSet) => ({ method: 'DELETE', url: `${API}/invoice`, json: { invoiceids: [...Object.values(f), 99999999] } }),
    state: async (f: DeleteSet) => Promise.all(Object.values(f).map((id) => adminView(c, id))),
    expect: by<DeleteSet>(
      deleted((f) => [f.bC, f.bA, f.bX, f.bR, f.bO]),
      deleted((f) => [f.bC, f.bX]),
      deleted((f) => [f.bR]),
      deleted((f) => [f.bO]),
    ),
  },
];

matrix('rights matrix: invoice lists, status change, batch delete (spec §3.5)', () => c, rows);
