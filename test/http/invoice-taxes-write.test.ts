// PUT crm/invoice/tax/{id} and DELETE crm/invoice/tax/{id} (spec §5.12, §5.13, §3.9) with
// DECISIONS' fixes: re-read answers (Q5), unique names on rename too, lock before the in-use check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/use-cases/tenants/tenants.js';
import { call, type ApiResult, expectRefusedUnchanged } from '../support/api.js';
import { countRows, insertInvoiceLine, storedTaxRate, tableRows } from '../support/catalogue-fixtures.js';
import { buildWorld, invoiceBody } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TAX = '/api/2.0/crm/invoice/tax';
const ITEMS = '/api/2.0/crm/invoiceitem';
const CREATED_AT = '2026-01-15T09:30:00.0000000+00:00';

let t: TestApp;
let user: { id: string; token: string };
let admin2: { id: string; token: string };
let adminId: string;
let otherToken: string;
let seq = 0;
const uniqueName = (base = 'Tax') => `${base} ${++seq}`;

beforeAll(async () => {
  t = await createTestApp();
  user = await t.createUser();
  admin2 = await t.createUser({ isAdmin: true });
  adminId = (await call(t, 'GET', '/api/2.0/people/@self')).response.id;
  const email = `taxes-write-other.${process.pid}@example.test`;
  await createTenant(t.deps, { name: 'Other portal', adminEmail: email, adminPassword: 'other-password-1' });
  otherToken = await t.login(email, 'other-password-1');
});
afterAll(async () => t?.close());

/** Creates a tax as the second admin (so createBy differs from the admin who edits it). */
async function newTax(over: Record<string, unknown> = {}, token = admin2.token): Promise<{ id: number; name: string }> {
  const res = await call(t, 'POST', TAX, { token, json: { name: uniqueName(), description: 'd', rate: 10, ...over } });
  expect(res.status, res.raw).toBe(201);
  return res.response;
}

/** A 4xx with this message that changed no tax, item or line. */
async function expectRefused(req: () => Promise<ApiResult>, status: number, message: string | RegExp) {
  await expectRefusedUnchanged(() => Promise.all([tableRows(t, 'invoice_taxes'), tableRows(t, 'invoice_items'), tableRows(t, 'invoice_lines')]), req, status, message);
}

describe('PUT invoice/tax/{id}', () => {
  const put = (id: number | string, json: Record<string, unknown>, token?: string) => call(t, 'PUT', `${TAX}/${id}`, { json, ...(token ? { token } : {}) });

  it('replaces name, description and rate and answers 200 with the tax as stored: real createOn and createBy (Q5)', async () => {
    const tax = await newTax();
    t.clock.advance(60_000);
    try {
      const name = uniqueName('Renamed');
      const res = await put(tax.id, { name, description: 'New', rate: '12.345' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ count: 1, status: 0, statusCode: 200 });
      expect(res.response).toEqual({
        id: tax.id, name, description: 'New', rate: 12.35,
        createOn: CREATED_AT, createBy: expect.objectContaining({ id: admin2.id }),
        canEdit: true, canDelete: true,
      });
      expect(res.raw).toContain('"rate":12.35');
      expect(await storedTaxRate(t, tax.id)).toBe(1235);
      expect((await call(t, 'GET', TAX)).response.find((x: { id: number }) => x.id === tax.id)).toEqual(res.response);
      const row = await t.deps.store.db.selectFrom('invoice_taxes').select(['updated_by', 'updated_at', 'name_key']).where('id', '=', tax.id).executeTakeFirstOrThrow();
      expect(row.updated_by).toBe(adminId);
      expect(Number(row.updated_at)).toBe(t.clock.now());
      expect(row.name_key).toBe(name.toLowerCase());
    } finally {
      t.clock.advance(-60_000);
    }
  });

  it('gives an omitted description "" and an omitted rate 0 (a full replacement, Q16)', async () => {
    const tax = await newTax({ description: 'text', rate: 7 });
    const res = await put(tax.id, { name: tax.name });
    expect(res.status).toBe(200);
    expect(res.response).toMatchObject({ name: tax.name, description: '', rate: 0 });
    expect(res.raw).toContain('"rate":0.00');
  });

  it('accepts a form body, the query string, names in any case, and a new letter case of its own name', async () => {
    const tax = await newTax();
    const form = await call(t, 'PUT', `${TAX}/${tax.id}`, { form: [['NAME', tax.name.toUpperCase()], ['Rate', '-3.5']] });
    expect(form.status).toBe(200);
    expect(form.response).toMatchObject({ name: tax.name.toUpperCase(), rate: -3.5 });
    const query = await call(t, 'PUT', `${TAX}/${tax.id}.json?name=${encodeURIComponent(tax.name)}&rate=8&description=q`, { form: '' });
    expect(query.status).toBe(200);
    expect(query.response).toMatchObject({ name: tax.name, description: 'q', rate: 8 });
  });

  it('refuses a name another tax has, ignoring case and compatibility forms (a deliberate fix: the original allows it)', async () => {
    const taken = await newTax();
    const tax = await newTax();
    const msg = 'The tax name already exists';
    await expectRefused(() => put(tax.id, { name: taken.name, rate: 1 }), 400, msg);
    await expectRefused(() => put(tax.id, { name: taken.name.toUpperCase(), rate: 1 }), 400, msg);
    const fullwidth = [...taken.name.toUpperCase()].map((ch) => (ch >= 'A' && ch <= 'Z' ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch)).join('');
    await expectRefused(() => put(tax.id, { name: fullwidth, rate: 1 }), 400, msg);
    // Another portal's names do not count.
    const foreign = await newTax({}, otherToken);
    expect((await put(tax.id, { name: foreign.name, rate: 1 })).status).toBe(200);
  });

  it('answers 403 to a user who is not a CRM admin before any other check (step 1), 401 without a token', async () => {
    const tax = await newTax();
    await expectRefused(() => put(tax.id, { name: 'Mine', rate: 1 }, user.token), 403, 'Access Denied');
    await expectRefused(() => put(tax.id, { name: '' }, user.token), 403, 'Access Denied');
    await expectRefused(() => put(999_999, { name: 'x' }, user.token), 403, 'Access Denied');
    const guest = await t.createUser({ isVisitor: true });
    await expectRefused(() => put(tax.id, { name: 'Mine' }, guest.token), 403, /Forbidden/);
    await expectRefused(() => call(t, 'PUT', `${TAX}/${tax.id}`, { token: null, json: { name: 'Mine' } }), 401, 'Unauthorized');
  });

  it('answers 400 for the id 0 or an empty name (step 2), before looking the tax up', async () => {
    const tax = await newTax();
    const msg = 'The tax name field cannot be empty';
    await expectRefused(() => put(0, { name: 'x' }), 400, 'The invoice tax id must be greater than 0');
    await expectRefused(() => put(tax.id, { rate: 5 }), 400, msg);
    await expectRefused(() => put(tax.id, { name: '', rate: 5 }), 400, msg);
    await expectRefused(() => put(tax.id, { name: null, rate: 5 }), 400, msg);
    await expectRefused(() => call(t, 'PUT', `${TAX}/${tax.id}`, { form: 'name=%20%20' }), 400, msg);
    await expectRefused(() => put(999_999, { name: '' }), 400, msg);
  });

  it('answers 404 for an unknown tax or another portal\'s (step 3)', async () => {
    await expectRefused(() => put(999_999, { name: uniqueName() }), 404, 'Not found');
    const foreign = await newTax({}, otherToken);
    await expectRefused(() => put(foreign.id, { name: uniqueName() }), 404, 'Not found');
    for (const id of ['-1', 'abc']) expect((await put(id, { name: 'x' })).status, id).toBe(404);
    await expectRefused(() => put('99999999999', { name: 'x' }), 400, /id/);
  });

  it('answers 400 for our additions: a name over 255 characters (Q32), a rate beyond ±99999999.99, a rate that is not a number', async () => {
    const tax = await newTax();
    await expectRefused(() => put(tax.id, { name: 'n'.repeat(256) }), 400, 'The tax name must be at most 255 characters');
    await expectRefused(() => put(tax.id, { name: tax.name, rate: '100000000' }), 400, 'The tax rate must be between -99999999.99 and 99999999.99');
    await expectRefused(() => put(tax.id, { name: tax.name, rate: '-99999999.995' }), 400, 'The tax rate must be between -99999999.99 and 99999999.99');
    await expectRefused(() => call(t, 'PUT', `${TAX}/${tax.id}`, { form: `name=x&rate=1%2C5` }), 400, /rate: "1,5" is not a valid decimal number/);
  });

  it('changes the cost of draft invoices that use the tax (spec §5.12; issued invoices are frozen elsewhere)', async () => {
    const w = await buildWorld(t);
    const created = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w) });
    expect(created.status, created.raw).toBe(201);
    expect(created.response.cost).toBe(216); // 2 × 100 − 10 % = 180, VAT 20 % = 36
    const res = await put(w.vatId, { name: `VAT renamed ${seq}`, rate: 10 });
    expect(res.status).toBe(200);
    expect(res.response.canDelete).toBe(false);
    const after = (await call(t, 'GET', `/api/2.0/crm/invoice/${created.response.id}`)).response;
    expect(after.cost).toBe(198);
    expect(after.invoiceLines[0]).toMatchObject({ invoiceTax1ID: w.vatId, price: 100 });
  });
});

describe('DELETE invoice/tax/{id}', () => {
  const del = (id: number | string, token?: string) => call(t, 'DELETE', `${TAX}/${id}`, token ? { token } : {});

  it('deletes a tax nothing references and answers it as it was', async () => {
    const tax = await newTax({ description: 'Gone soon', rate: '7.7' });
    const before = await countRows(t, 'invoice_taxes');
    const res = await del(tax.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 1, status: 0, statusCode: 200 });
    expect(res.response).toEqual({
      id: tax.id, name: tax.name, description: 'Gone soon', rate: 7.7,
      createOn: CREATED_AT, createBy: expect.objectContaining({ id: admin2.id }), canEdit: true, canDelete: true,
    });
    expect(res.raw).toContain('"rate":7.70');
    expect(await countRows(t, 'invoice_taxes')).toBe(before - 1);
    expect((await call(t, 'GET', TAX)).response.some((x: { id: number }) => x.id === tax.id)).toBe(false);
    expect((await del(tax.id)).status).toBe(404);
    // The name is free again.
    expect((await call(t, 'POST', TAX, { json: { name: tax.name } })).status).toBe(201);
  });

  it('accepts the .json suffix and an (ignored) body', async () => {
    const tax = await newTax();
    const res = await call(t, 'DELETE', `${TAX}/${tax.id}.json`, { form: 'name=x' });
    expect(res.status).toBe(200);
    expect(res.response.id).toBe(tax.id);
  });

  it('answers 403 to a user who is not a CRM admin (step 1), 401 without a token', async () => {
    const tax = await newTax();
    await expectRefused(() => del(tax.id, user.token), 403, 'Access Denied');
    await expectRefused(() => del(0, user.token), 403, 'Access Denied');
    await expectRefused(() => call(t, 'DELETE', `${TAX}/${tax.id}`, { token: null }), 401, 'Unauthorized');
  });

  it('answers 400 for the id 0 (step 2), 404 for an unknown tax or another portal\'s (step 3)', async () => {
    await expectRefused(() => del(0), 400, 'The invoice tax id must be greater than 0');
    await expectRefused(() => del(999_999), 404, 'Not found');
    const foreign = await newTax({}, otherToken);
    await expectRefused(() => del(foreign.id), 404, 'Not found');
    await expectRefused(() => del('-1'), 404, /No route/);
  });

  it.each([
    ['an item\'s first default tax', async (tax: number) => void (await call(t, 'POST', ITEMS, { json: { title: 'Taxed', price: 1, invoiceTax1id: tax } }))],
    ['an item\'s second default tax', async (tax: number) => void (await call(t, 'POST', ITEMS, { json: { title: 'Taxed', price: 1, invoiceTax2id: tax } }))],
    ['an invoice line\'s first tax', async (tax: number) => void (await insertInvoiceLine(t, { itemId: (await call(t, 'POST', ITEMS, { json: { title: 'L', price: 1 } })).response.id, tax1Id: tax }))],
    ['an invoice line\'s second tax', async (tax: number) => void (await insertInvoiceLine(t, { itemId: (await call(t, 'POST', ITEMS, { json: { title: 'L', price: 1 } })).response.id, tax2Id: tax }))],
  ])('answers 403 "Access Denied" while it is %s (step 4, spec §3.9)', async (_name, reference) => {
    const tax = await newTax();
    await reference(tax.id);
    await expectRefused(() => del(tax.id), 403, 'Access Denied');
    expect((await call(t, 'GET', TAX)).response.find((x: { id: number }) => x.id === tax.id).canDelete).toBe(false);
  });

  it('deletes the tax once the item that referenced it is gone', async () => {
    const tax = await newTax();
    const item = (await call(t, 'POST', ITEMS, { json: { title: 'Short-lived', price: 1, invoiceTax1id: tax.id } })).response.id;
    await expectRefused(() => del(tax.id), 403, 'Access Denied');
    expect((await call(t, 'DELETE', `${ITEMS}/${item}`)).status).toBe(200);
    expect((await del(tax.id)).status).toBe(200);
  });

  it('never lets a concurrent item create reference a deleted tax: one of the two wins', async () => {
    for (let round = 0; round < 8; round++) {
      const tax = await newTax();
      const [deleted, created] = await Promise.all([
        del(tax.id),
        call(t, 'POST', ITEMS, { json: { title: `Racer ${round}`, price: 1, invoiceTax1id: tax.id } }),
      ]);
      const outcome = `${deleted.status}/${created.status}`;
      expect(['200/400', '403/201'], `${outcome} ${deleted.raw} ${created.raw}`).toContain(outcome);
      const dangling = await t.deps.store.db
        .selectFrom('invoice_items')
        .select('id')
        .where('tax1_id', '=', tax.id)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('invoice_taxes').select('id').where('id', '=', tax.id))))
        .execute();
      expect(dangling).toEqual([]);
    }
  });
});

it('documents the routes in OpenAPI under the "invoice taxes" tag, with the rename fix', async () => {
  const paths = (await t.app.inject({ url: '/api/2.0/openapi.json' })).json().paths;
  const put = paths['/api/2.0/crm/invoice/tax/{id}'].put;
  expect(put.tags).toEqual(['invoice taxes']);
  expect(put.description).toMatch(/Deliberate fix.*The tax name already exists/);
  expect(Object.keys(put.requestBody.content['application/json'].schema.properties)).toEqual(['name', 'description', 'rate']);
  expect(paths['/api/2.0/crm/invoice/tax/{id}'].delete.tags).toEqual(['invoice taxes']);
});
