// PUT crm/invoice/{id} (§4.10), DELETE crm/invoice/{id} (§4.7), DELETE crm/invoice (§4.8),
// GET invoice/bynumber(/exist) (§4.13–4.14), GET invoice/jsondata/{id} (§4.3), hidden setters (§4.15).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { buildWorld, invoiceBody, writeCounts, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(async () => t?.close());

const create = async (over: Record<string, unknown> = {}, token?: string) => {
  const r = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, over), ...(token ? { token } : {}) });
  expect(r.status, r.raw).toBe(201);
  return r.response;
};
const snapshotOf = async (id: number) =>
  (await t.deps.store.db.selectFrom('invoices').select(['json_data', 'file_id']).where('id', '=', id).executeTakeFirstOrThrow());

describe('PUT crm/invoice/{id}', () => {
  it('replaces header and lines; number and status are kept; new line ids; snapshot rebuilt; fileID 0', async () => {
    const inv = await create({ number: 'UPD-1' });
    await t.deps.store.db.updateTable('invoices').set({ file_id: 42 }).where('id', '=', inv.id).execute();
    const r = await call(t, 'PUT', `/api/2.0/crm/invoice/${inv.id}`, {
      json: invoiceBody(w, {
        number: 'IGNORED-9', consigneeId: w.consigneeId, deliveryAddressID: w.consigneeDeliveryAddressId, terms: 'Net 10',
        invoiceLines: [
          { invoiceItemID: w.item2Id, quantity: 4, price: '7.70' },
          { invoiceItemID: w.itemId, invoiceTax1ID: w.vatId, quantity: 1, price: 50 },
        ],
      }),
    });
    expect(r.status, r.raw).toBe(200);
    expect(r.response).toMatchObject({ id: inv.id, number: 'UPD-1', status: { id: 1 }, terms: 'Net 10', consignee: { id: w.consigneeId }, fileID: 0, cost: 90.8 });
    expect(r.response.invoiceLines.map((l: { sortOrder: number }) => l.sortOrder)).toEqual([0, 1]);
    expect(r.response.invoiceLines[0].id).not.toBe(inv.invoiceLines[0].id);
    const snap = JSON.parse((await snapshotOf(inv.id)).json_data);
    expect(snap.Terms.Item2).toBe('Net 10');
    expect(snap.Consignee.Item2).toMatch(/^Depot \d+\n2 Harbour Way/);
    expect(snap.TableBodyRows).toHaveLength(2);
    expect((await snapshotOf(inv.id)).file_id).toBe(0);
  });

  it('the path id wins over a body id; omitted optional members are cleared', async () => {
    const inv = await create({ consigneeId: w.consigneeId, purchaseOrderNumber: 'PO-1' });
    const other = await create();
    const r = await call(t, 'PUT', `/api/2.0/crm/invoice/${inv.id}?id=${other.id}`, { json: { ...invoiceBody(w), id: other.id } });
    expect(r.status).toBe(200);
    expect(r.response).toMatchObject({ id: inv.id, consignee: null, purchaseOrderNumber: '' });
  });

  it('validation order: lines (400) before existence/editability (404) before the header (400/403)', async () => {
    const inv = await create();
    const before = await writeCounts(t);
    const lines = await call(t, 'PUT', '/api/2.0/crm/invoice/99999999', { json: invoiceBody(w, { invoiceLines: [] }) });
    expect(lines.status).toBe(400);
    const missing = await call(t, 'PUT', '/api/2.0/crm/invoice/99999999', { json: invoiceBody(w, { terms: '' }) });
    expect(missing.status).toBe(404);
    const header = await call(t, 'PUT', `/api/2.0/crm/invoice/${inv.id}`, { json: invoiceBody(w, { terms: '' }) });
    expect(header.status).toBe(400);
    expect(header.body.error.message).toMatch(/terms is required/);
    expect(await writeCounts(t)).toEqual(before);
    expect((await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}`)).response).toEqual(inv);
  });

  it('not editable → 404: another user\'s invoice, or one that left Draft', async () => {
    const inv = await create();
    const user = await t.createUser();
    expect((await call(t, 'PUT', `/api/2.0/crm/invoice/${inv.id}`, { json: invoiceBody(w), token: user.token })).status).toBe(404);
    await call(t, 'PUT', '/api/2.0/crm/invoice/status/2', { json: { invoiceids: [inv.id] } });
    expect((await call(t, 'PUT', `/api/2.0/crm/invoice/${inv.id}`, { json: invoiceBody(w) })).status).toBe(404);
  });
});

describe('DELETE crm/invoice/{id} and DELETE crm/invoice', () => {
  it('deletes the invoice and its lines; answers its cost before deletion (Q8 fix)', async () => {
    const inv = await create();
    const before = await writeCounts(t);
    const r = await call(t, 'DELETE', `/api/2.0/crm/invoice/${inv.id}`);
    expect(r.status).toBe(200);
    expect(r.response).toMatchObject({ id: inv.id, cost: 216 });
    expect(r.response.invoiceLines).toBeUndefined();
    const after = await writeCounts(t);
    expect([after.invoices, after.lines]).toEqual([before.invoices - 1, before.lines - 1]);
    expect((await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}`)).status).toBe(404);
  });

  it('400 for id 0, 404 when missing, 403 for a user who is neither admin nor creator', async () => {
    expect((await call(t, 'DELETE', '/api/2.0/crm/invoice/0')).status).toBe(400);
    expect((await call(t, 'DELETE', '/api/2.0/crm/invoice/99999999')).status).toBe(404);
    const inv = await create();
    const user = await t.createUser();
    const before = await writeCounts(t);
    const r = await call(t, 'DELETE', `/api/2.0/crm/invoice/${inv.id}`, { token: user.token });
    expect(r.status).toBe(403);
    expect(await writeCounts(t)).toEqual(before);
  });

  it('a creator deletes their own invoice in any status', async () => {
    const user = await t.createUser();
    const inv = await create({}, user.token);
    await call(t, 'PUT', '/api/2.0/crm/invoice/status/2', { json: { invoiceids: [inv.id] }, token: user.token });
    expect((await call(t, 'DELETE', `/api/2.0/crm/invoice/${inv.id}`, { token: user.token })).status).toBe(200);
  });

  it('batch: ids in a DELETE body in any list form; skips what cannot be deleted; 400 without ids', async () => {
    const a = await create();
    const b = await create();
    const user = await t.createUser();
    const mine = await create({}, user.token);
    const r = await call(t, 'DELETE', '/api/2.0/crm/invoice', { form: `invoiceids=${a.id},${mine.id},99999999`, token: user.token });
    expect(r.status, r.raw).toBe(200);
    expect(r.response.map((i: { id: number }) => i.id)).toEqual([mine.id]);
    const admin = await call(t, 'DELETE', '/api/2.0/crm/invoice', { json: { invoiceids: [a.id, b.id] } });
    expect(admin.response.map((i: { id: number }) => i.id).sort()).toEqual([a.id, b.id].sort());
    expect(admin.response[0].cost).toBe(216);
    const empty = await call(t, 'DELETE', '/api/2.0/crm/invoice', { json: {} });
    expect(empty.status).toBe(400);
    const nothing = await call(t, 'DELETE', '/api/2.0/crm/invoice?invoiceids[]=99999998');
    expect(nothing.status).toBe(200);
    expect(nothing.body.count).toBeUndefined();
    expect(nothing.response).toEqual([]);
  });
});

describe('GET invoice/bynumber, bynumber/exist, jsondata', () => {
  it('bynumber answers the full shape (Q9 fix), any letter case; 400 empty, 404 missing, 403 inaccessible', async () => {
    const inv = await create({ number: 'Find-Me-7' });
    const r = await call(t, 'GET', '/api/2.0/crm/invoice/bynumber?number=find-me-7');
    expect(r.status).toBe(200);
    expect(r.response).toEqual(inv);
    expect((await call(t, 'GET', '/api/2.0/crm/invoice/bynumber?number=')).status).toBe(400);
    expect((await call(t, 'GET', '/api/2.0/crm/invoice/bynumber?number=nope')).status).toBe(404);
    const priv = (await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'ByNumber Private', shareType: 0 } })).response;
    await create({ number: 'SECRET-1', contactId: priv.id });
    const user = await t.createUser();
    expect((await call(t, 'GET', '/api/2.0/crm/invoice/bynumber?number=SECRET-1', { token: user.token })).status).toBe(403);
    // exist has no access check (spec §4.13)
    const exists = await call(t, 'GET', '/api/2.0/crm/invoice/bynumber/exist?number=secret-1', { token: user.token });
    expect(exists.body).toMatchObject({ count: 1, response: true });
    expect((await call(t, 'GET', '/api/2.0/crm/invoice/bynumber/exist?number=none-such')).response).toBe(false);
    expect((await call(t, 'GET', '/api/2.0/crm/invoice/bynumber/exist')).status).toBe(400);
  });

  it('jsondata answers the stored snapshot as a string; 404 missing (and id 0); 403 inaccessible', async () => {
    const inv = await create();
    const r = await call(t, 'GET', `/api/2.0/crm/invoice/jsondata/${inv.id}`);
    expect(r.status).toBe(200);
    expect(typeof r.response).toBe('string');
    expect(r.body.count).toBe(r.response.length);
    expect(JSON.parse(r.response).Number).toEqual({ Item1: 'Invoice', Item2: inv.number });
    expect((await call(t, 'GET', '/api/2.0/crm/invoice/jsondata/0')).status).toBe(404);
    expect((await call(t, 'GET', '/api/2.0/crm/invoice/jsondata/99999999')).status).toBe(404);
    const priv = (await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Json Private', shareType: 0 } })).response;
    const hidden = await create({ contactId: priv.id });
    const user = await t.createUser();
    expect((await call(t, 'GET', `/api/2.0/crm/invoice/jsondata/${hidden.id}`, { token: user.token })).status).toBe(403);
  });

  it('the hidden date setters exist in test mode (spec §4.15)', async () => {
    const inv = await create();
    const r = await call(t, 'PUT', `/api/2.0/crm/invoice/${inv.id}/creationdate`, { json: { creationDate: '2020-01-02T03:04:05.000Z' } });
    expect(r.status, r.raw).toBe(200);
    expect(r.response).toEqual({});
    expect((await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}`)).response.createOn).toBe('2020-01-02T03:04:05.0000000+00:00');
    expect((await call(t, 'PUT', '/api/2.0/crm/invoice/99999999/lastmodifeddate', { json: { lastModifedDate: '2020-01-02' } })).status).toBe(404);
  });
});

describe('jsondata never leaks a party the reader may not see', () => {
  it('takes out the consignee a reader of the contact may not read, and the contact a creator lost access to', async () => {
    const reader = await t.createUser();
    const shared = (await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Visible Buyer', shareType: 2 } })).response;
    const hidden = (await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Hidden Depot Co', shareType: 0 } })).response;
    const inv = await create({ contactId: shared.id, consigneeId: hidden.id });
    const admin = JSON.parse((await call(t, 'GET', `/api/2.0/crm/invoice/jsondata/${inv.id}`)).response);
    expect(admin.Consignee.Item2).toBe('Hidden Depot Co');
    const r = await call(t, 'GET', `/api/2.0/crm/invoice/jsondata/${inv.id}`, { token: reader.token });
    expect(r.status).toBe(200);
    expect(r.raw).not.toContain('Hidden Depot Co');
    const seen = JSON.parse(r.response);
    expect(seen.Consignee).toBeNull();
    expect(seen.Customer.Item2).toBe('Visible Buyer');
  });
});
