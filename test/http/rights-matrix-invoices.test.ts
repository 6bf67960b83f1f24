// Rights matrix, single invoices and their lines: spec §3.5 (CanAccess, CanEdit, CanDelete), §4.1–4.3,
// §4.7, §4.9–4.10, §4.13–4.15, §5.1–5.3; DECISIONS "an object the reader may not see is null".
import { afterAll, beforeAll, expect } from 'vitest';
import { call } from '../support/api.js';
import { invoiceBody, writeCounts } from '../support/invoice-world.js';
import {
  API, adminView, all, buildCast, by, markSent, matrix, newInvoice, recordCreator, type Cast, type Row,
} from './rights-matrix-harness.js';

let c: Cast;
/** Draft by the creator, contact P (creator and reader read it, the outsider does not). */
let T: any;
/** Draft by the admin on contact H (admins only), consignee P, recorded as the creator's. */
let X: any;
/** Draft by the admin on contact P, consignee H, linked to a private opportunity nobody but admins sees. */
let Y: any;
let privateDeal: number;

beforeAll(async () => {
  c = await buildCast();
  const stages = (await call(c.t, 'GET', `${API}/opportunity/stage`)).response as { id: number }[];
  const deal = await call(c.t, 'POST', `${API}/opportunity`, {
    json: { contactid: c.P, title: 'Private deal', responsibleid: c.w.adminId, bidCurrencyAbbr: 'EUR', stageid: stages[0]!.id, isPrivate: true },
  });
  expect(deal.status, deal.raw).toBe(201);
  privateDeal = deal.response.id;
  T = await newInvoice(c, 'creator');
  X = await newInvoice(c, 'admin', { contactId: c.H, consigneeId: c.P });
  await recordCreator(c, X.id, 'creator');
  Y = await newInvoice(c, 'admin', { consigneeId: c.H, entityId: privateDeal });
});
afterAll(async () => c?.t.close());

const inv = (id: number) => `${API}/invoice/${id}`;
/** A fresh Draft of the creator on contact P (optionally Sent) for a row that changes or consumes it. */
const freshDraft = (sent = false) => async () => {
  const f = await newInvoice(c, 'creator');
  if (sent) await markSent(c, f.id);
  return f;
};
const twoLines = async () =>
  newInvoice(c, 'creator', { invoiceLines: [...(invoiceBody(c.w).invoiceLines as object[]), { invoiceItemID: c.w.item2Id, quantity: 1, price: 5 }] });
const lineBody = (invoiceId: number) => ({ invoiceId, invoiceItemId: c.w.item2Id, quantity: 3, price: '7.70' });
const bodyP = () => invoiceBody(c.w, { contactId: c.P });

/** GET invoice/{id}: the embedded objects and the rights members as this caller sees them. */
const seen = (expected: () => [contact: number | null, consignee: number | null, entity: number | null, canEdit: boolean]) => ({
  status: 200,
  check: (r: { response: any }) => {
    const [contact, consignee, entity, canEdit] = expected();
    expect(r.response.contact?.id ?? null).toBe(contact);
    expect(r.response.consignee?.id ?? null).toBe(consignee);
    expect(r.response.entity?.entityId ?? null).toBe(entity);
    expect([r.response.canEdit, r.response.canDelete]).toEqual([canEdit, canEdit]);
  },
});

const rows: Row[] = [
  // ---- reads (§4.1–4.3, §4.13–4.14) ----
  { route: 'GET invoice/sample', req: () => ({ method: 'GET', url: `${API}/invoice/sample` }), expect: all(200) },
  {
    route: 'GET invoice/{id}', variant: 'creator\'s invoice, contact P',
    req: () => ({ method: 'GET', url: inv(T.id) }),
    expect: by(seen(() => [c.P, null, null, true]), seen(() => [c.P, null, null, true]), seen(() => [c.P, null, null, false]), 403),
  },
  {
    // CanAccess's creator exception: the creator reads the invoice, but not its contact (null, DECISIONS).
    route: 'GET invoice/{id}', variant: 'recorded as the creator\'s, contact H, consignee P',
    req: () => ({ method: 'GET', url: inv(X.id) }),
    expect: by(seen(() => [c.H, c.P, null, true]), seen(() => [null, c.P, null, true]), 403, 403),
  },
  {
    route: 'GET invoice/{id}', variant: 'admin\'s invoice, contact P, consignee H, private opportunity',
    req: () => ({ method: 'GET', url: inv(Y.id) }),
    expect: by(seen(() => [c.P, c.H, privateDeal, true]), seen(() => [c.P, null, null, false]), seen(() => [c.P, null, null, false]), 403),
  },
  { route: 'GET invoice/jsondata/{id}', req: () => ({ method: 'GET', url: `${API}/invoice/jsondata/${T.id}` }), expect: by(200, 200, 200, 403) },
  { route: 'GET invoice/jsondata/{id}', variant: 'creator exception', req: () => ({ method: 'GET', url: `${API}/invoice/jsondata/${X.id}` }), expect: by(200, 200, 403, 403) },
  {
    route: 'GET invoice/bynumber', req: () => ({ method: 'GET', url: `${API}/invoice/bynumber?number=${encodeURIComponent(T.number)}` }),
    expect: by(200, 200, { status: 200, check: (r) => expect(r.response.id).toBe(T.id) }, 403),
  },
  {
    // Same full shape as invoice/{id} (DECISIONS Q9), so the hidden contact is null here too.
    route: 'GET invoice/bynumber', variant: 'creator exception',
    req: () => ({ method: 'GET', url: `${API}/invoice/bynumber?number=${encodeURIComponent(X.number)}` }),
    expect: by(seen(() => [c.H, c.P, null, true]), seen(() => [null, c.P, null, true]), 403, 403),
  },
  {
    route: 'GET invoice/bynumber/exist', variant: 'no access check',
    req: () => ({ method: 'GET', url: `${API}/invoice/bynumber/exist?number=${encodeURIComponent(X.number)}` }),
    expect: all({ status: 200, check: (r) => expect(r.response).toBe(true) }),
  },

  // ---- create (§4.9 steps 3–5) ----
  {
    route: 'POST invoice', variant: 'contact P',
    req: () => ({ method: 'POST', url: `${API}/invoice`, json: bodyP() }),
    state: () => writeCounts(c.t),
    expect: by(201, { status: 201, check: (r) => expect(r.response).toMatchObject({ contact: { id: c.P }, canEdit: true, canDelete: true }) }, 201, 403),
  },
  {
    route: 'POST invoice', variant: 'contact H',
    req: () => ({ method: 'POST', url: `${API}/invoice`, json: invoiceBody(c.w, { contactId: c.H }) }),
    state: () => writeCounts(c.t),
    expect: by(201, 403, 403, 403),
  },
  {
    route: 'POST invoice', variant: 'contact S, consignee P',
    req: () => ({ method: 'POST', url: `${API}/invoice`, json: invoiceBody(c.w, { contactId: c.S, consigneeId: c.P }) }),
    state: () => writeCounts(c.t),
    expect: by(201, 201, 201, 403),
  },
  {
    // An opportunity the caller may not access is a 400 (§3.5 "create", §4.9 step 5), after the contact's 403.
    route: 'POST invoice', variant: 'contact P, private opportunity',
    req: () => ({ method: 'POST', url: `${API}/invoice`, json: invoiceBody(c.w, { contactId: c.P, entityId: privateDeal }) }),
    state: () => writeCounts(c.t),
    expect: by(201, 400, 400, 403),
  },

  // ---- update (§4.10: not CanEdit → 404, then the create checks) ----
  {
    route: 'PUT invoice/{id}', variant: 'creator\'s Draft',
    setup: freshDraft(), req: (f) => ({ method: 'PUT', url: inv(f.id), json: { ...bodyP(), terms: 'Changed' } }),
    state: (f) => adminView(c, f.id),
    expect: by(200, { status: 200, check: (r) => expect(r.response).toMatchObject({ terms: 'Changed', canEdit: true }) }, 404, 404),
  },
  {
    route: 'PUT invoice/{id}', variant: 'creator\'s Sent invoice',
    setup: freshDraft(true), req: (f) => ({ method: 'PUT', url: inv(f.id), json: bodyP() }),
    state: (f) => adminView(c, f.id),
    expect: by(404, 404, 404, 404),
  },
  {
    route: 'PUT invoice/{id}', variant: 'creator\'s Draft, new contact H',
    setup: freshDraft(), req: (f) => ({ method: 'PUT', url: inv(f.id), json: invoiceBody(c.w, { contactId: c.H }) }),
    state: (f) => adminView(c, f.id),
    expect: by(200, 403, 404, 404),
  },

  {
    // §4.10: line validation (400) comes before the editability check (404).
    route: 'PUT invoice/{id}', variant: 'creator\'s Draft, no lines',
    setup: freshDraft(), req: (f) => ({ method: 'PUT', url: inv(f.id), json: { ...bodyP(), invoiceLines: [] } }),
    state: (f) => adminView(c, f.id),
    expect: by(400, 400, 400, 400),
  },

  // ---- delete one (§4.7: CanDelete, no read check) ----
  {
    route: 'DELETE invoice/{id}', variant: 'creator\'s Draft',
    setup: freshDraft(), req: (f) => ({ method: 'DELETE', url: inv(f.id) }),
    state: (f) => adminView(c, f.id),
    expect: by(
      { status: 200, check: async (r, f) => { expect(r.response.id).toBe(f.id); expect(await adminView(c, f.id)).toBe(404); } },
      { status: 200, check: async (r, f) => { expect(r.response.id).toBe(f.id); expect(await adminView(c, f.id)).toBe(404); } },
      403, 403),
  },
  {
    route: 'DELETE invoice/{id}', variant: 'creator\'s Sent invoice',
    setup: freshDraft(true), req: (f) => ({ method: 'DELETE', url: inv(f.id) }),
    state: (f) => adminView(c, f.id),
    expect: by(200, 200, 403, 403),
  },
  {
    route: 'DELETE invoice/{id}', variant: 'recorded as the creator\'s, contact H',
    setup: async () => {
      const f = await newInvoice(c, 'admin', { contactId: c.H });
      await recordCreator(c, f.id, 'creator');
      return f;
    },
    req: (f) => ({ method: 'DELETE', url: inv(f.id) }),
    state: (f) => adminView(c, f.id),
    expect: by(200, { status: 200, check: (r) => expect(r.response.contact).toBeNull() }, 403, 403),
  },

  // ---- hidden test-mode setters (§4.15: not found or not CanAccess → 404) ----
  {
    route: 'PUT invoice/{id}/creationdate',
    req: () => ({ method: 'PUT', url: `${inv(T.id)}/creationdate`, json: { creationDate: '2025-12-01T10:00:00Z' } }),
    state: () => adminView(c, T.id),
    expect: by(200, 200, 200, 404),
  },
  {
    route: 'PUT invoice/{id}/lastmodifeddate',
    req: () => ({ method: 'PUT', url: `${inv(X.id)}/lastmodifeddate`, json: { lastModifedDate: '2025-12-02T10:00:00Z' } }),
    state: () => adminView(c, X.id),
    expect: by(200, 200, 404, 404),
  },

  // ---- lines (§5.1–5.3: not CanEdit → 403) ----
  {
    route: 'POST invoiceline', variant: 'creator\'s Draft',
    setup: freshDraft(), req: (f) => ({ method: 'POST', url: `${API}/invoiceline`, json: lineBody(f.id) }),
    state: (f) => adminView(c, f.id),
    expect: by(201, { status: 201, check: (r, f) => expect(r.response).toMatchObject({ invoiceID: f.id, invoiceItemID: c.w.item2Id }) }, 403, 403),
  },
  {
    route: 'POST invoiceline', variant: 'creator\'s Sent invoice',
    setup: freshDraft(true), req: (f) => ({ method: 'POST', url: `${API}/invoiceline`, json: lineBody(f.id) }),
    state: (f) => adminView(c, f.id),
    expect: by(403, 403, 403, 403),
  },
  {
    route: 'POST invoiceline', variant: 'recorded as the creator\'s, contact H',
    setup: async () => {
      const f = await newInvoice(c, 'admin', { contactId: c.H });
      await recordCreator(c, f.id, 'creator');
      return f;
    },
    req: (f) => ({ method: 'POST', url: `${API}/invoiceline`, json: lineBody(f.id) }),
    state: (f) => adminView(c, f.id),
    expect: by(201, 201, 403, 403),
  },
  {
    // §5.1: the invoice's editability (step 4, 403) is checked before the item (step 5, 400).
    route: 'POST invoiceline', variant: 'creator\'s Draft, unknown item',
    setup: freshDraft(), req: (f) => ({ method: 'POST', url: `${API}/invoiceline`, json: { ...lineBody(f.id), invoiceItemId: 99999999 } }),
    state: (f) => adminView(c, f.id),
    expect: by(400, 400, 403, 403),
  },
  {
    route: 'PUT invoiceline/{id}', variant: 'creator\'s Draft',
    setup: freshDraft(), req: (f) => ({ method: 'PUT', url: `${API}/invoiceline/${f.invoiceLines[0].id}`, json: lineBody(f.id) }),
    state: (f) => adminView(c, f.id),
    expect: by(200, 200, 403, 403),
  },
  {
    route: 'PUT invoiceline/{id}', variant: 'creator\'s Sent invoice',
    setup: freshDraft(true), req: (f) => ({ method: 'PUT', url: `${API}/invoiceline/${f.invoiceLines[0].id}`, json: lineBody(f.id) }),
    state: (f) => adminView(c, f.id),
    expect: by(403, 403, 403, 403),
  },
  {
    route: 'DELETE invoiceline/{id}', variant: 'creator\'s Draft, two lines',
    setup: twoLines, req: (f) => ({ method: 'DELETE', url: `${API}/invoiceline/${f.invoiceLines[1].id}` }),
    state: (f) => adminView(c, f.id),
    expect: by(200, { status: 200, check: (r, f) => expect(r.response).toBe(f.invoiceLines[1].id) }, 403, 403),
  },
  {
    // §5.3: "only line" (step 2, 400 per Q19) comes before the editability check (step 4, 403).
    route: 'DELETE invoiceline/{id}', variant: 'creator\'s Draft, its only line',
    setup: freshDraft(), req: (f) => ({ method: 'DELETE', url: `${API}/invoiceline/${f.invoiceLines[0].id}` }),
    state: (f) => adminView(c, f.id),
    expect: by(400, 400, 400, 400),
  },
  {
    route: 'DELETE invoiceline/{id}', variant: 'creator\'s Sent invoice, two lines',
    setup: async () => {
      const f = await twoLines();
      await markSent(c, f.id);
      return f;
    },
    req: (f) => ({ method: 'DELETE', url: `${API}/invoiceline/${f.invoiceLines[1].id}` }),
    state: (f) => adminView(c, f.id),
    expect: by(403, 403, 403, 403),
  },
];

matrix('rights matrix: invoices and lines (spec §3.5)', () => c, rows);
