// PUT crm/invoiceitem/{id}, DELETE crm/invoiceitem/{id} and DELETE crm/invoiceitem (spec §5.7–5.9,
// §3.9) with DECISIONS' fixes: re-read answers (Q5), tax ids checked (Q17), no ids is a 400 (Q18),
// one transaction; invoice lines keep their own values ("Issued invoices keep what they were issued with").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/use-cases/tenants/tenants.js';
import { call, type ApiResult, expectRefusedUnchanged } from '../support/api.js';
import { countRows, insertInvoiceLine, storedItemAmounts, storedSnapshot, tableRows } from '../support/catalogue-fixtures.js';
import { buildWorld, invoiceBody } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const ITEMS = '/api/2.0/crm/invoiceitem';
const TAX = '/api/2.0/crm/invoice/tax';
const CREATED_AT = '2026-01-15T09:30:00.0000000+00:00';

let t: TestApp;
let user: { id: string; token: string };
let admin2: { id: string; token: string };
let adminId: string;
let vat: number;
let reduced: number;
let otherToken: string;
let seq = 0;

beforeAll(async () => {
  t = await createTestApp();
  user = await t.createUser();
  admin2 = await t.createUser({ isAdmin: true });
  adminId = (await call(t, 'GET', '/api/2.0/people/@self')).response.id;
  vat = (await call(t, 'POST', TAX, { json: { name: 'VAT', description: 'Standard', rate: 20 } })).response.id;
  reduced = (await call(t, 'POST', TAX, { json: { name: 'Reduced', rate: '5.5' } })).response.id;
  const email = `items-write-other.${process.pid}@example.test`;
  await createTenant(t.deps, { name: 'Other portal', adminEmail: email, adminPassword: 'other-password-1' });
  otherToken = await t.login(email, 'other-password-1');
});
afterAll(async () => t?.close());

/** Creates an item as the second admin (so createBy differs from the admin who edits it). */
async function newItem(over: Record<string, unknown> = {}, token = admin2.token): Promise<number> {
  const res = await call(t, 'POST', ITEMS, { token, json: { title: `Item ${++seq}`, price: 10, ...over } });
  expect(res.status, res.raw).toBe(201);
  return res.response.id;
}

/** A 4xx with this message that changed no item, tax or line. */
async function expectRefused(req: () => Promise<ApiResult>, status: number, message: string | RegExp) {
  await expectRefusedUnchanged(() => Promise.all([tableRows(t, 'invoice_items'), tableRows(t, 'invoice_taxes'), tableRows(t, 'invoice_lines')]), req, status, message);
}

describe('PUT invoiceitem/{id}', () => {
  const put = (id: number | string, json: Record<string, unknown>, token?: string) => call(t, 'PUT', `${ITEMS}/${id}`, { json, ...(token ? { token } : {}) });

  it('replaces every member and answers 200 with the item as stored: real createOn and createBy (Q5)', async () => {
    const id = await newItem({ description: 'old', sku: 'OLD', stockQuantity: 3 });
    t.clock.advance(60_000);
    try {
      const res = await put(id, {
        title: 'Renamed', description: 'New text', price: '12.345', sku: 'NEW-1', stockQuantity: '-2.5', trackInventory: true,
        invoiceTax1id: vat, invoiceTax2id: reduced,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ count: 1, status: 0, statusCode: 200 });
      expect(res.response).toEqual({
        id, title: 'Renamed', stockKeepingUnit: 'NEW-1', description: 'New text',
        price: 12.35, currency: expect.objectContaining({ abbreviation: 'EUR' }), stockQuantity: -2.5, trackInvenory: true,
        invoiceTax1: expect.objectContaining({ id: vat, name: 'VAT', rate: 20, canDelete: false }),
        invoiceTax2: expect.objectContaining({ id: reduced, name: 'Reduced', rate: 5.5 }),
        createOn: CREATED_AT,
        createBy: expect.objectContaining({ id: admin2.id }),
        canEdit: true, canDelete: true,
      });
      expect(res.raw).toContain('"price":12.35');
      expect(res.raw).toContain('"stockQuantity":-2.50');
      expect(await storedItemAmounts(t, id)).toEqual({ price: 1235, stockQuantity: -250 });
      expect((await call(t, 'GET', `${ITEMS}/${id}`)).response).toEqual(res.response);
      const row = await t.deps.store.db.selectFrom('invoice_items').select(['updated_by', 'updated_at', 'created_by']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.updated_by).toBe(adminId);
      expect(Number(row.updated_at)).toBe(t.clock.now());
      expect(row.created_by).toBe(admin2.id);
    } finally {
      t.clock.advance(-60_000);
    }
  });

  it('gives omitted members their defaults (a full replacement)', async () => {
    const id = await newItem({ description: 'text', sku: 'S', stockQuantity: 5, trackInventory: true, invoiceTax1id: vat, invoiceTax2id: reduced });
    const res = await put(id, { title: 'Bare', price: 1 });
    expect(res.status).toBe(200);
    expect(res.response).toMatchObject({
      title: 'Bare', description: '', stockKeepingUnit: '', price: 1, stockQuantity: 0, trackInvenory: false, invoiceTax1: null, invoiceTax2: null,
    });
  });

  it('accepts a form body, the query string, parameter names in any case and the .json suffix', async () => {
    const id = await newItem();
    const form = await call(t, 'PUT', `${ITEMS}/${id}`, { form: [['Title', 'Form'], ['PRICE', '0.1'], ['invoiceTax1ID', String(vat)], ['trackinventory', 'true']] });
    expect(form.status).toBe(200);
    expect(form.response).toMatchObject({ title: 'Form', price: 0.1, trackInvenory: true, invoiceTax1: { id: vat } });
    const query = await call(t, 'PUT', `${ITEMS}/${id}.json?title=Query&price=2.5&sku=Q`, { form: '' });
    expect(query.status).toBe(200);
    expect(query.response).toMatchObject({ title: 'Query', price: 2.5, stockKeepingUnit: 'Q', invoiceTax1: null });
  });

  it('answers 403 to a user who is not a CRM admin before any other check (step 1)', async () => {
    const id = await newItem();
    await expectRefused(() => put(id, { title: 'Mine', price: 1 }, user.token), 403, 'Access Denied');
    await expectRefused(() => put(id, { title: '', price: 0 }, user.token), 403, 'Access Denied');
    await expectRefused(() => put(999_999, { title: 'x', price: 1 }, user.token), 403, 'Access Denied');
    const guest = await t.createUser({ isVisitor: true });
    await expectRefused(() => put(id, { title: 'Mine', price: 1 }, guest.token), 403, /Forbidden/);
    await expectRefused(() => call(t, 'PUT', `${ITEMS}/${id}`, { token: null, json: { title: 'Mine', price: 1 } }), 401, 'Unauthorized');
  });

  it('answers 400 for the id 0, an empty title or a price ≤ 0 (step 2), before looking the item up', async () => {
    const id = await newItem();
    await expectRefused(() => put(0, { title: 'x', price: 1 }), 400, 'The invoice item id must be greater than 0');
    await expectRefused(() => put(id, { price: 1 }), 400, 'The invoice item title field cannot be empty');
    await expectRefused(() => put(id, { title: '  ', price: 1 }), 400, 'The invoice item title field cannot be empty');
    await expectRefused(() => put(id, { title: 'x' }), 400, 'The invoice item price must be greater than 0');
    await expectRefused(() => put(id, { title: 'x', price: -1 }), 400, 'The invoice item price must be greater than 0');
    await expectRefused(() => put(id, { title: 'x', price: '0.004' }), 400, 'The invoice item price must be greater than 0');
    // Step 2 comes before step 3: an unknown item with an empty title is a 400.
    await expectRefused(() => put(999_999, { title: '', price: 1 }), 400, 'The invoice item title field cannot be empty');
  });

  it('answers 404 for an unknown item (step 3), before the price limit (step 4); another portal\'s item is unknown', async () => {
    await expectRefused(() => put(999_999, { title: 'x', price: 1 }), 404, 'Not found');
    await expectRefused(() => put(999_999, { title: 'x', price: '100000000' }), 404, 'Not found');
    const foreign = await newItem({}, otherToken);
    await expectRefused(() => put(foreign, { title: 'Hijack', price: 1 }), 404, 'Not found');
  });

  it('answers 400 above the price limit (step 4) and for our additions: lengths (Q32), stock range, unknown taxes (Q17)', async () => {
    const id = await newItem();
    await expectRefused(() => put(id, { title: 'x', price: '100000000' }), 400, 'Max Invoice Item Price: 99999999.99');
    await expectRefused(() => put(id, { title: 'x', price: '99999999.995' }), 400, 'Max Invoice Item Price: 99999999.99');
    await expectRefused(() => put(id, { title: 't'.repeat(256), price: 1 }), 400, 'The invoice item title must be at most 255 characters');
    await expectRefused(() => put(id, { title: 'x', price: 1, sku: 's'.repeat(256) }), 400, 'The stock keeping unit (sku) must be at most 255 characters');
    await expectRefused(() => put(id, { title: 'x', price: 1, stockQuantity: '100000000' }), 400, 'The stock quantity must be between -99999999.99 and 99999999.99');
    await expectRefused(() => put(id, { title: 'x', price: 1, invoiceTax1id: 999_999 }), 400, 'invoiceTax1id: the invoice tax 999999 does not exist');
    await expectRefused(() => put(id, { title: 'x', price: 1, invoiceTax1id: vat, invoiceTax2id: 999_998 }), 400, 'invoiceTax2id: the invoice tax 999998 does not exist');
    const foreignTax = (await call(t, 'POST', TAX, { token: otherToken, json: { name: 'Foreign', rate: 1 } })).response.id;
    await expectRefused(() => put(id, { title: 'x', price: 1, invoiceTax1id: foreignTax }), 400, /does not exist/);
    await expectRefused(() => call(t, 'PUT', `${ITEMS}/${id}`, { form: 'title=x&price=abc' }), 400, 'price: "abc" is not a valid decimal number');
  });

  it('matches only digit ids (spec §1.1): other paths are 404, an id out of range 400', async () => {
    for (const id of ['-1', 'abc']) {
      const res = await put(id, { title: 'x', price: 1 });
      expect(res.status, id).toBe(404);
    }
    await expectRefused(() => put('99999999999', { title: 'x', price: 1 }), 400, /id/);
  });

  it('keeps every invoice line\'s own price and description: editing the item changes no invoice (DECISIONS)', async () => {
    const w = await buildWorld(t);
    const created = await call(t, 'POST', '/api/2.0/crm/invoice', {
      json: invoiceBody(w, { invoiceLines: [{ invoiceItemID: w.itemId, invoiceTax1ID: w.vatId, quantity: 2, price: 100, discount: 10, description: 'As agreed' }] }),
    });
    expect(created.status, created.raw).toBe(201);
    const invoiceId = created.response.id;
    const before = (await call(t, 'GET', `/api/2.0/crm/invoice/${invoiceId}`)).response;
    const snapshot = await storedSnapshot(t, invoiceId);
    expect(before.cost).toBe(216);

    const edit = await put(w.itemId, { title: 'Consulting (new rates)', price: 150, description: 'Changed', invoiceTax1id: w.vatId });
    expect(edit.status).toBe(200);
    expect(edit.response.canDelete).toBe(false); // the line still uses it

    const after = (await call(t, 'GET', `/api/2.0/crm/invoice/${invoiceId}`)).response;
    expect(after.invoiceLines).toEqual(before.invoiceLines);
    expect(after.invoiceLines[0]).toMatchObject({ invoiceItemID: w.itemId, price: 100, quantity: 2, discount: 10, description: 'As agreed' });
    expect(after.cost).toBe(216);
    expect(after).toEqual(before);
    expect(await storedSnapshot(t, invoiceId)).toBe(snapshot);
  });
});

describe('DELETE invoiceitem/{id}', () => {
  const del = (id: number | string, token?: string) => call(t, 'DELETE', `${ITEMS}/${id}`, token ? { token } : {});

  it('deletes an item no line uses and answers it as it was', async () => {
    const id = await newItem({ description: 'Gone soon', invoiceTax1id: vat, price: '3.30' });
    const before = await countRows(t, 'invoice_items');
    const shown = (await call(t, 'GET', `${ITEMS}/${id}`)).response;
    const res = await del(id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 1, status: 0, statusCode: 200 });
    expect(res.response).toEqual(shown);
    expect(res.response).toMatchObject({ id, createOn: CREATED_AT, createBy: { id: admin2.id }, canDelete: true });
    expect(res.raw).toContain('"price":3.30');
    expect(await countRows(t, 'invoice_items')).toBe(before - 1);
    expect((await call(t, 'GET', `${ITEMS}/${id}`)).status).toBe(404);
    expect((await del(id)).status).toBe(404);
  });

  it('accepts the .json suffix and an (ignored) body', async () => {
    const id = await newItem();
    const res = await call(t, 'DELETE', `${ITEMS}/${id}.json`, { json: { id: 1 } });
    expect(res.status).toBe(200);
    expect(res.response.id).toBe(id);
  });

  it('answers 403 to a user who is not a CRM admin (step 1), 401 without a token', async () => {
    const id = await newItem();
    await expectRefused(() => del(id, user.token), 403, 'Access Denied');
    await expectRefused(() => del(0, user.token), 403, 'Access Denied');
    await expectRefused(() => call(t, 'DELETE', `${ITEMS}/${id}`, { token: null }), 401, 'Unauthorized');
  });

  it('answers 400 for the id 0 (step 2), 404 for an unknown item or another portal\'s (step 3)', async () => {
    await expectRefused(() => del(0), 400, 'The invoice item id must be greater than 0');
    await expectRefused(() => del(999_999), 404, 'Not found');
    const foreign = await newItem({}, otherToken);
    await expectRefused(() => del(foreign), 404, 'Not found');
    await expectRefused(() => del('-1'), 404, /No route/);
  });

  it('answers 403 "Access Denied" while any invoice line uses the item (step 4, spec §3.9)', async () => {
    const id = await newItem();
    await insertInvoiceLine(t, { itemId: id });
    await expectRefused(() => del(id), 403, 'Access Denied');
    expect((await call(t, 'GET', `${ITEMS}/${id}`)).response.canDelete).toBe(false);
  });

  it('frees the item\'s default taxes once it is gone', async () => {
    const tax = (await call(t, 'POST', TAX, { json: { name: `Only item ${++seq}`, rate: 1 } })).response.id;
    const id = await newItem({ invoiceTax2id: tax });
    const canDelete = async () => (await call(t, 'GET', TAX)).response.find((x: { id: number }) => x.id === tax).canDelete;
    expect(await canDelete()).toBe(false);
    expect((await del(id)).status).toBe(200);
    expect(await canDelete()).toBe(true);
  });
});

describe('DELETE invoiceitem (batch)', () => {
  const ids = (res: ApiResult) => (res.response ?? []).map((x: { id: number }) => x.id);

  it('deletes the items given as a JSON array and answers them, by id', async () => {
    const [a, b, c] = [await newItem(), await newItem({ invoiceTax1id: vat }), await newItem()];
    const before = await countRows(t, 'invoice_items');
    const res = await call(t, 'DELETE', ITEMS, { json: { ids: [c, a, b, a] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 3, status: 0, statusCode: 200 });
    expect(ids(res)).toEqual([a, b, c]);
    expect(res.response[1]).toMatchObject({ id: b, createBy: { id: admin2.id }, invoiceTax1: { id: vat }, canDelete: true });
    expect(await countRows(t, 'invoice_items')).toBe(before - 3);
  });

  it.each([
    ['ids[]=A&ids[]=B in a form body', (a: number, b: number) => ({ url: ITEMS, form: `ids[]=${a}&ids[]=${b}` })],
    ['repeated ids=A&ids=B in the query string', (a: number, b: number) => ({ url: `${ITEMS}?ids=${a}&ids=${b}` })],
    ['indexed ids[0]=A&ids[1]=B', (a: number, b: number) => ({ url: ITEMS, form: `ids[0]=${a}&ids[1]=${b}` })],
    ['one comma-joined ids=A,B in the query string', (a: number, b: number) => ({ url: `${ITEMS}.json?ids=${a},${b}` })],
    ['IDS in another letter case', (a: number, b: number) => ({ url: ITEMS, json: { IDS: [a, b] } })],
  ])('takes ids in any list form: %s', async (_name, shape) => {
    const [a, b] = [await newItem(), await newItem()];
    const { url, ...opts } = shape(a, b);
    const res = await call(t, 'DELETE', url, opts);
    expect(res.status, res.raw).toBe(200);
    expect(ids(res)).toEqual([a, b]);
  });

  it('skips unknown items, items in use and other portals\' items, in one transaction', async () => {
    const [free1, used, free2] = [await newItem(), await newItem(), await newItem()];
    await insertInvoiceLine(t, { itemId: used });
    const foreign = await newItem({}, otherToken);
    const res = await call(t, 'DELETE', ITEMS, { json: { ids: [free1, 999_999, used, foreign, free2, 0, -5] } });
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([free1, free2]);
    expect((await call(t, 'GET', `${ITEMS}/${used}`)).status).toBe(200);
    expect((await call(t, 'GET', `${ITEMS}/${foreign}`, { token: otherToken })).status).toBe(200);
  });

  it('answers an empty list when nothing could be deleted', async () => {
    const used = await newItem();
    await insertInvoiceLine(t, { itemId: used });
    const before = await tableRows(t, 'invoice_items');
    const res = await call(t, 'DELETE', ITEMS, { json: { ids: [used, 999_999] } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 0, statusCode: 200, response: [] });
    expect(await tableRows(t, 'invoice_items')).toEqual(before);
  });

  it('costs as many statements for 20 items as for 2 (no per-item queries)', async () => {
    const tax = (await call(t, 'POST', TAX, { json: { name: `Batch ${++seq}`, rate: 1 } })).response.id;
    const make = async (n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push(await newItem({ invoiceTax1id: tax }, i % 2 ? admin2.token : t.adminToken));
      return out;
    };
    const statements = async (ids: number[]) => {
      const before = t.deps.store.queryCount;
      const res = await call(t, 'DELETE', ITEMS, { json: { ids } });
      expect(res.status).toBe(200);
      expect(res.response).toHaveLength(ids.length);
      return t.deps.store.queryCount - before;
    };
    expect(await statements(await make(20))).toBe(await statements(await make(2)));
  });

  it('answers 400 without ids (Q18: the original answers 500)', async () => {
    const msg = 'ids: at least one invoice item id is required';
    await expectRefused(() => call(t, 'DELETE', ITEMS), 400, msg);
    await expectRefused(() => call(t, 'DELETE', ITEMS, { json: {} }), 400, msg);
    await expectRefused(() => call(t, 'DELETE', ITEMS, { json: { ids: [] } }), 400, msg);
    await expectRefused(() => call(t, 'DELETE', ITEMS, { form: 'ids=' }), 400, msg);
    await expectRefused(() => call(t, 'DELETE', `${ITEMS}?ids=`, { form: '' }), 400, msg);
  });

  it('answers 400 for ids that are not integers', async () => {
    const id = await newItem();
    await expectRefused(() => call(t, 'DELETE', `${ITEMS}?ids=${id},abc`), 400, /ids\[1\]: "abc" is not a valid integer/);
    await expectRefused(() => call(t, 'DELETE', ITEMS, { json: { ids: [id, 1.5] } }), 400, /ids\[1\]/);
  });

  it('answers 403 to a user who is not a CRM admin, even without ids (step 1), and 401 without a token', async () => {
    const id = await newItem();
    await expectRefused(() => call(t, 'DELETE', ITEMS, { token: user.token, json: { ids: [id] } }), 403, 'Access Denied');
    await expectRefused(() => call(t, 'DELETE', ITEMS, { token: user.token }), 403, 'Access Denied');
    await expectRefused(() => call(t, 'DELETE', ITEMS, { token: null, json: { ids: [id] } }), 401, 'Unauthorized');
  });
});

it('documents the routes in OpenAPI under the "invoice items" tag', async () => {
  const paths = (await t.app.inject({ url: '/api/2.0/openapi.json' })).json().paths;
  expect(paths['/api/2.0/crm/invoiceitem/{id}'].put.tags).toEqual(['invoice items']);
  expect(Object.keys(paths['/api/2.0/crm/invoiceitem/{id}'].put.requestBody.content['application/json'].schema.properties)).toEqual(
    expect.arrayContaining(['title', 'price', 'sku', 'stockQuantity', 'trackInventory', 'invoiceTax1id', 'invoiceTax2id']),
  );
  expect(paths['/api/2.0/crm/invoiceitem/{id}'].delete.tags).toEqual(['invoice items']);
  expect(Object.keys(paths['/api/2.0/crm/invoiceitem'].delete.requestBody.content['application/json'].schema.properties)).toEqual(['ids']);
});
