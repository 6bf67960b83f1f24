// Rights matrix, catalogue and settings: items and taxes are read by any CRM user and written by CRM
// admins only (403 otherwise, spec §3.5, §5.4–5.13); invoice settings and the organisation profile
// likewise (§5.14–5.17).
import { afterAll, beforeAll, expect } from 'vitest';
import { call } from '../support/api.js';
import { countRows } from '../support/catalogue-fixtures.js';
import { API, adminOnly, all, buildCast, ids, matrix, type Cast, type Row } from './rights-matrix-harness.js';

let c: Cast;
beforeAll(async () => {
  c = await buildCast();
});
afterAll(async () => c?.t.close());

let seq = 0;
const newItem = async () => {
  const r = await call(c.t, 'POST', `${API}/invoiceitem`, { json: { title: `Matrix item ${++seq}`, price: 12, sku: `MX-${seq}` } });
  expect(r.status, r.raw).toBe(201);
  return r.response as { id: number };
};
const newTax = async () => {
  const r = await call(c.t, 'POST', `${API}/invoice/tax`, { json: { name: `Matrix tax ${++seq}`, description: '', rate: 5 } });
  expect(r.status, r.raw).toBe(201);
  return r.response as { id: number };
};
/** What the admin reads back: an item or tax list entry (404 once deleted). */
const itemState = async (id: number) => {
  const r = await call(c.t, 'GET', `${API}/invoiceitem/${id}`);
  return r.status === 200 ? r.response : r.status;
};
const taxState = async (id: number) => ((await call(c.t, 'GET', `${API}/invoice/tax`)).response as { id: number }[]).find((x) => x.id === id) ?? 404;
const settingsState = async () => (await call(c.t, 'GET', `${API}/invoice/settings`)).response;
const organisationState = async () => [
  (await call(c.t, 'GET', `${API}/settings/organisation/base`)).response,
  (await call(c.t, 'GET', `${API}/settings/organisation/address`)).response,
  (await call(c.t, 'GET', `${API}/settings/organisation/logo`)).response,
  await settingsState(),
];

const get = (url: string) => () => ({ method: 'GET' as const, url });
const nonEmptyList = { status: 200, check: (r: { response: unknown[] }) => expect(r.response.length).toBeGreaterThan(0) };

const rows: Row[] = [
  // ---- items (§5.4–5.9) ----
  { route: 'GET invoiceitem/filter', req: get(`${API}/invoiceitem/filter`), expect: all(nonEmptyList) },
  {
    route: 'GET invoiceitem/{id}', req: () => get(`${API}/invoiceitem/${c.w.itemId}`)(),
    expect: all({ status: 200, check: (r) => expect(r.response.id).toBe(c.w.itemId) }),
  },
  {
    route: 'POST invoiceitem', req: () => ({ method: 'POST', url: `${API}/invoiceitem`, json: { title: `Posted ${++seq}`, price: 3 } }),
    state: () => countRows(c.t, 'invoice_items'),
    expect: adminOnly(201),
  },
  {
    route: 'PUT invoiceitem/{id}', setup: newItem,
    req: (f) => ({ method: 'PUT', url: `${API}/invoiceitem/${f.id}`, json: { title: 'Renamed item', price: 13 } }),
    state: (f) => itemState(f.id),
    expect: adminOnly({ status: 200, check: (r) => expect(r.response).toMatchObject({ title: 'Renamed item', price: 13 }) }),
  },
  {
    route: 'DELETE invoiceitem/{id}', setup: newItem,
    req: (f) => ({ method: 'DELETE', url: `${API}/invoiceitem/${f.id}` }),
    state: (f) => itemState(f.id),
    expect: adminOnly({ status: 200, check: async (r, f) => { expect(r.response.id).toBe(f.id); expect(await itemState(f.id)).toBe(404); } }),
  },
  {
    route: 'DELETE invoiceitem', variant: 'batch', setup: async () => [await newItem(), await newItem()],
    req: (f) => ({ method: 'DELETE', url: `${API}/invoiceitem`, json: { ids: f.map((i: { id: number }) => i.id) } }),
    state: async (f) => Promise.all(f.map((i: { id: number }) => itemState(i.id))),
    expect: adminOnly({ status: 200, check: (r, f) => expect(ids(r.response)).toEqual(ids(f)) }),
  },

  // The admin check is step 1 of §5.6–5.9: a non-admin gets 403 even for a request that would fail later.
  {
    route: 'POST invoiceitem', variant: 'no title, price 0',
    req: () => ({ method: 'POST', url: `${API}/invoiceitem`, json: { description: 'nothing else' } }),
    state: () => countRows(c.t, 'invoice_items'),
    expect: adminOnly(400),
  },
  {
    route: 'PUT invoiceitem/{id}', variant: 'missing item',
    req: () => ({ method: 'PUT', url: `${API}/invoiceitem/99999999`, json: { title: 'Nobody', price: 1 } }),
    expect: adminOnly(404),
  },
  { route: 'DELETE invoiceitem/{id}', variant: 'missing item', req: () => ({ method: 'DELETE', url: `${API}/invoiceitem/99999999` }), expect: adminOnly(404) },
  {
    route: 'DELETE invoiceitem', variant: 'batch without ids (Q18: 400)', req: () => ({ method: 'DELETE', url: `${API}/invoiceitem`, json: {} }),
    state: () => countRows(c.t, 'invoice_items'),
    expect: adminOnly(400),
  },

  // ---- taxes (§5.10–5.13) ----
  { route: 'GET invoice/tax', req: get(`${API}/invoice/tax`), expect: all(nonEmptyList) },
  {
    route: 'POST invoice/tax', req: () => ({ method: 'POST', url: `${API}/invoice/tax`, json: { name: `Posted tax ${++seq}`, description: '', rate: 1 } }),
    state: () => countRows(c.t, 'invoice_taxes'),
    expect: adminOnly(201),
  },
  {
    route: 'PUT invoice/tax/{id}', setup: newTax,
    req: (f) => ({ method: 'PUT', url: `${API}/invoice/tax/${f.id}`, json: { name: `Renamed tax ${++seq}`, description: 'x', rate: 6 } }),
    state: (f) => taxState(f.id),
    expect: adminOnly({ status: 200, check: (r) => expect(r.response).toMatchObject({ description: 'x', rate: 6 }) }),
  },
  {
    route: 'DELETE invoice/tax/{id}', setup: newTax,
    req: (f) => ({ method: 'DELETE', url: `${API}/invoice/tax/${f.id}` }),
    state: (f) => taxState(f.id),
    expect: adminOnly({ status: 200, check: async (r, f) => { expect(r.response.id).toBe(f.id); expect(await taxState(f.id)).toBe(404); } }),
  },

  {
    route: 'POST invoice/tax', variant: 'empty name',
    req: () => ({ method: 'POST', url: `${API}/invoice/tax`, json: { name: '', description: '', rate: 1 } }),
    state: () => countRows(c.t, 'invoice_taxes'),
    expect: adminOnly(400),
  },
  {
    route: 'PUT invoice/tax/{id}', variant: 'missing tax',
    req: () => ({ method: 'PUT', url: `${API}/invoice/tax/99999999`, json: { name: 'Nobody', description: '', rate: 1 } }),
    expect: adminOnly(404),
  },
  { route: 'DELETE invoice/tax/{id}', variant: 'missing tax', req: () => ({ method: 'DELETE', url: `${API}/invoice/tax/99999999` }), expect: adminOnly(404) },

  // ---- invoice settings (§5.14–5.16) ----
  { route: 'GET invoice/settings', req: get(`${API}/invoice/settings`), expect: all(200) },
  {
    route: 'PUT invoice/settings/name',
    req: () => ({ method: 'PUT', url: `${API}/invoice/settings/name`, json: { autogenerated: true, prefix: 'RM-', number: '0000001' } }),
    state: settingsState,
    expect: adminOnly({ status: 200, check: (r) => expect(r.response).toMatchObject({ autogenerated: true, prefix: 'RM-', number: '0000001' }) }),
  },
  {
    route: 'PUT invoice/settings/name', variant: 'autogenerated without a start number',
    req: () => ({ method: 'PUT', url: `${API}/invoice/settings/name`, json: { autogenerated: true, prefix: 'X-', number: '' } }),
    state: settingsState,
    expect: adminOnly(400),
  },
  {
    route: 'PUT invoice/settings/terms', req: () => ({ method: 'PUT', url: `${API}/invoice/settings/terms`, json: { terms: 'Net 45' } }),
    state: settingsState,
    expect: adminOnly({ status: 200, check: (r) => expect(r.response.terms).toBe('Net 45') }),
  },

  // ---- organisation profile (§5.17) ----
  { route: 'GET settings/organisation/base', req: get(`${API}/settings/organisation/base`), expect: all(200) },
  {
    route: 'PUT settings/organisation/base', req: () => ({ method: 'PUT', url: `${API}/settings/organisation/base`, json: { companyName: 'Matrix Ltd' } }),
    state: organisationState,
    expect: adminOnly({ status: 200, check: (r) => expect(r.response).toBe('Matrix Ltd') }),
  },
  { route: 'GET settings/organisation/address', req: get(`${API}/settings/organisation/address`), expect: all(200) },
  {
    route: 'PUT settings/organisation/address',
    req: () => ({ method: 'PUT', url: `${API}/settings/organisation/address`, json: { street: '1 Matrix Way', city: 'Grid', zip: '101', country: 'NL' } }),
    state: organisationState,
    expect: adminOnly({ status: 200, check: (r) => expect(JSON.parse(r.response)).toMatchObject({ type: 'Billing', street: '1 Matrix Way' }) }),
  },
  { route: 'GET settings/organisation/logo', req: get(`${API}/settings/organisation/logo`), expect: all(200) },
  {
    route: 'PUT settings/organisation/logo', variant: 'reset', req: () => ({ method: 'PUT', url: `${API}/settings/organisation/logo`, json: { reset: true } }),
    state: organisationState,
    expect: adminOnly({ status: 200, check: (r) => expect(r.response).toBe(0) }),
  },
  {
    route: 'POST settings/organisation/logo', variant: 'reset', req: () => ({ method: 'POST', url: `${API}/settings/organisation/logo`, json: { reset: true } }),
    state: organisationState,
    expect: adminOnly({ status: 201, check: (r) => expect(r.response).toBe(0) }),
  },
];

matrix('rights matrix: items, taxes, settings, organisation (spec §3.5)', () => c, rows);
