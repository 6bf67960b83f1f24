// POST/GET crm/invoiceitem (spec §5.5, §5.6, §2.3.8) with DECISIONS' fixes (Q5, Q17, Q32, limits).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/use-cases/tenants/tenants.js';
import { call } from '../support/api.js';
import { countRows, insertInvoiceLine, storedItemAmounts } from '../support/catalogue-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const ITEMS = '/api/2.0/crm/invoiceitem';
const EUR = { title: 'Euro', symbol: '€', abbreviation: 'EUR', cultureName: 'EU', isConvertable: true, isBasic: true };

describe('invoice items', () => {
  let t: TestApp;
  let user: { id: string; token: string };
  let adminId: string;
  let vat: { id: number; name: string };
  let reduced: { id: number; name: string };

  beforeAll(async () => {
    t = await createTestApp();
    user = await t.createUser();
    adminId = (await call(t, 'GET', '/api/2.0/people/@self')).response.id;
    vat = (await call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: 'VAT', description: 'Standard', rate: 20 } })).response;
    reduced = (await call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: 'Reduced', rate: '5.5' } })).response;
  });
  afterAll(async () => t?.close());

  /** A 4xx with this message that left the table as it was. */
  async function expectRefused(req: Promise<Awaited<ReturnType<typeof call>>>, status: number, message: string | RegExp) {
    const before = await countRows(t, 'invoice_items');
    const res = await req;
    expect(res.status, res.raw).toBe(status);
    expect(res.body).toMatchObject({ status: 1, statusCode: status });
    if (typeof message === 'string') expect(res.body.error.message).toBe(message);
    else expect(res.body.error.message).toMatch(message);
    expect(await countRows(t, 'invoice_items')).toBe(before);
  }

  describe('POST invoiceitem', () => {
    it('creates an item from JSON and answers 201 with the stored InvoiceItem', async () => {
      const res = await call(t, 'POST', ITEMS, { json: { title: 'Consulting hour', price: 7.7 } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ count: 1, status: 0, statusCode: 201 });
      expect(res.response).toEqual({
        id: expect.any(Number), title: 'Consulting hour', stockKeepingUnit: '', description: '',
        price: 7.7, currency: EUR, stockQuantity: 0, trackInvenory: false,
        invoiceTax1: null, invoiceTax2: null,
        createOn: '2026-01-15T09:30:00.0000000+00:00',
        createBy: expect.objectContaining({ id: adminId }),
        canEdit: true, canDelete: true,
      });
      expect(res.raw).toContain('"price":7.70');
      expect(res.raw).toContain('"stockQuantity":0.00');
      expect(await storedItemAmounts(t, res.response.id)).toEqual({ price: 770, stockQuantity: 0 });
    });

    it('stores every member and embeds the default taxes as full InvoiceTax objects', async () => {
      const res = await call(t, 'POST', ITEMS, {
        json: { title: 'Widget', description: 'A blue widget', price: '12.50', sku: 'W-1', stockQuantity: '-5.5', trackInventory: true, invoiceTax1id: vat.id, invoiceTax2id: reduced.id },
      });
      expect(res.status).toBe(201);
      expect(res.response).toMatchObject({
        title: 'Widget', description: 'A blue widget', stockKeepingUnit: 'W-1', price: 12.5, stockQuantity: -5.5, trackInvenory: true,
        invoiceTax1: { id: vat.id, name: 'VAT', description: 'Standard', rate: 20, createBy: { id: adminId }, canEdit: true, canDelete: false },
        invoiceTax2: { id: reduced.id, name: 'Reduced', description: '', rate: 5.5, canEdit: true, canDelete: false },
      });
      expect(res.raw).toContain('"price":12.50');
      expect(res.raw).toContain('"stockQuantity":-5.50');
      expect(res.raw).toContain('"rate":20.00');
      expect(res.raw).toContain('"rate":5.50');
      // Re-read: GET answers the same object.
      const again = await call(t, 'GET', `${ITEMS}/${res.response.id}`);
      expect(again.response).toEqual(res.response);
    });

    it('accepts a form body, the query string and parameter names in any case', async () => {
      const form = await call(t, 'POST', ITEMS, {
        form: [['title', 'Form item'], ['price', '0.1'], ['trackInventory', 'true'], ['invoiceTax1ID', String(vat.id)], ['stockQuantity', '3']],
      });
      expect(form.status).toBe(201);
      expect(form.response).toMatchObject({ price: 0.1, trackInvenory: true, invoiceTax1: { id: vat.id }, invoiceTax2: null });
      expect(form.raw).toContain('"price":0.10');
      expect(form.raw).toContain('"stockQuantity":3.00');
      expect(await storedItemAmounts(t, form.response.id)).toEqual({ price: 10, stockQuantity: 300 });

      const json = await call(t, 'POST', `${ITEMS}.json`, { json: { TITLE: 'Shouty', Price: '2', SKU: 'S-2', InvoiceTax2Id: reduced.id, TRACKINVENTORY: 'True' } });
      expect(json.status).toBe(201);
      expect(json.response).toMatchObject({ title: 'Shouty', stockKeepingUnit: 'S-2', trackInvenory: true, invoiceTax1: null, invoiceTax2: { id: reduced.id } });

      const query = await call(t, 'POST', `${ITEMS}?title=From%20query&price=3.25`, { form: '' });
      expect(query.status).toBe(201);
      expect(query.response).toMatchObject({ title: 'From query', price: 3.25 });
    });

    it('stores amounts with 2 decimals, rounded half away from zero (spec §1.8)', async () => {
      for (const [price, stock, scaled, wire] of [
        ['1.005', '-1.005', { price: 101, stockQuantity: -101 }, '"price":1.01'],
        ['2.675', '0.125', { price: 268, stockQuantity: 13 }, '"price":2.68'],
        ['5.0e-01', '1e2', { price: 50, stockQuantity: 10000 }, '"price":0.50'],
        ['0.005', '0', { price: 1, stockQuantity: 0 }, '"price":0.01'],
      ] as const) {
        const res = await call(t, 'POST', ITEMS, { form: [['title', `Rounding ${price}`], ['price', price], ['stockQuantity', stock]] });
        expect(res.status, price).toBe(201);
        expect(await storedItemAmounts(t, res.response.id)).toEqual(scaled);
        expect(res.raw).toContain(wire);
      }
    });

    it('accepts amounts at the storage limits', async () => {
      const res = await call(t, 'POST', ITEMS, { json: { title: 'Limits', price: '99999999.99', stockQuantity: '-99999999.99' } });
      expect(res.status).toBe(201);
      expect(res.raw).toContain('"price":99999999.99');
      expect(res.raw).toContain('"stockQuantity":-99999999.99');
      const title = '€'.repeat(254) + '😀'; // 255 characters, 256 UTF-16 units
      const long = await call(t, 'POST', ITEMS, { json: { title, price: 1, sku: 's'.repeat(255) } });
      expect(long.status).toBe(201);
      expect(long.response.title).toBe(title);
    });

    it('refuses a missing, empty or blank title', async () => {
      const msg = 'The invoice item title field cannot be empty';
      await expectRefused(call(t, 'POST', ITEMS, { json: { price: 1 } }), 400, msg);
      await expectRefused(call(t, 'POST', ITEMS, { json: { title: '', price: 1 } }), 400, msg);
      await expectRefused(call(t, 'POST', ITEMS, { json: { title: null, price: 1 } }), 400, msg);
      await expectRefused(call(t, 'POST', ITEMS, { form: 'title=%20&price=1' }), 400, msg);
    });

    it('refuses a price that is missing, not positive, or 0 once stored with 2 decimals', async () => {
      const msg = 'The invoice item price must be greater than 0';
      await expectRefused(call(t, 'POST', ITEMS, { json: { title: 'No price' } }), 400, msg);
      await expectRefused(call(t, 'POST', ITEMS, { json: { title: 'Zero', price: 0 } }), 400, msg);
      await expectRefused(call(t, 'POST', ITEMS, { json: { title: 'Negative', price: -1 } }), 400, msg);
      await expectRefused(call(t, 'POST', ITEMS, { json: { title: 'Huge negative', price: '-100000000' } }), 400, msg);
      await expectRefused(call(t, 'POST', ITEMS, { json: { title: 'Tiny', price: '0.004' } }), 400, msg);
      await expectRefused(call(t, 'POST', ITEMS, { form: 'title=Empty&price=' }), 400, msg);
    });

    it('refuses a price above 99999999.99 with the original message', async () => {
      const msg = 'Max Invoice Item Price: 99999999.99';
      await expectRefused(call(t, 'POST', ITEMS, { json: { title: 'Big', price: 100000000 } }), 400, msg);
      await expectRefused(call(t, 'POST', ITEMS, { json: { title: 'Big', price: '99999999.995' } }), 400, msg);
      await expectRefused(call(t, 'POST', ITEMS, { json: { title: 'Big', price: '1e30' } }), 400, msg);
    });

    it('refuses amounts that are not numbers and booleans that are not booleans', async () => {
      await expectRefused(call(t, 'POST', ITEMS, { form: 'title=Bad&price=abc' }), 400, 'price: "abc" is not a valid decimal number');
      await expectRefused(call(t, 'POST', ITEMS, { form: 'title=Bad&price=1%2C5' }), 400, /price: "1,5" is not a valid decimal number/);
      await expectRefused(call(t, 'POST', ITEMS, { form: 'title=Bad&price=1&stockQuantity=x' }), 400, /stockQuantity/);
      await expectRefused(call(t, 'POST', ITEMS, { form: 'title=Bad&price=1&trackInventory=maybe' }), 400, /trackInventory/);
      await expectRefused(call(t, 'POST', ITEMS, { form: 'title=Bad&price=1&invoiceTax1id=1.5' }), 400, /invoiceTax1id/);
    });

    it('refuses a title or sku longer than 255 characters (Q32)', async () => {
      await expectRefused(call(t, 'POST', ITEMS, { json: { title: 't'.repeat(256), price: 1 } }), 400, 'The invoice item title must be at most 255 characters');
      await expectRefused(call(t, 'POST', ITEMS, { json: { title: 'Sku', price: 1, sku: 's'.repeat(256) } }), 400, 'The stock keeping unit (sku) must be at most 255 characters');
    });

    it('refuses a stock quantity beyond ±99999999.99', async () => {
      const msg = 'The stock quantity must be between -99999999.99 and 99999999.99';
      await expectRefused(call(t, 'POST', ITEMS, { json: { title: 'Stock', price: 1, stockQuantity: 100000000 } }), 400, msg);
      await expectRefused(call(t, 'POST', ITEMS, { json: { title: 'Stock', price: 1, stockQuantity: '-99999999.995' } }), 400, msg);
    });

    it('refuses default taxes that do not exist, before saving (Q17)', async () => {
      await expectRefused(call(t, 'POST', ITEMS, { json: { title: 'Taxed', price: 1, invoiceTax1id: 999999 } }), 400, 'invoiceTax1id: the invoice tax 999999 does not exist');
      await expectRefused(call(t, 'POST', ITEMS, { json: { title: 'Taxed', price: 1, invoiceTax1id: vat.id, invoiceTax2id: 999998 } }), 400, 'invoiceTax2id: the invoice tax 999998 does not exist');
    });

    it('treats tax ids ≤ 0 as "no default tax"', async () => {
      const res = await call(t, 'POST', ITEMS, { json: { title: 'Untaxed', price: 1, invoiceTax1id: 0, invoiceTax2id: -3 } });
      expect(res.status).toBe(201);
      expect(res.response).toMatchObject({ invoiceTax1: null, invoiceTax2: null });
    });

    it('is for CRM admins only: 403 for a user, 401 without a token, and nothing written', async () => {
      await expectRefused(call(t, 'POST', ITEMS, { token: user.token, json: { title: 'Mine', price: 1 } }), 403, 'Access Denied');
      await expectRefused(call(t, 'POST', ITEMS, { token: null, json: { title: 'Mine', price: 1 } }), 401, 'Unauthorized');
      const guest = await t.createUser({ isVisitor: true });
      await expectRefused(call(t, 'POST', ITEMS, { token: guest.token, json: { title: 'Mine', price: 1 } }), 403, /Forbidden/);
    });
  });

  describe('GET invoiceitem/{id}', () => {
    let itemId: number;
    beforeAll(async () => {
      itemId = (await call(t, 'POST', ITEMS, { json: { title: 'Readable', price: '19.99', invoiceTax1id: vat.id } })).response.id;
    });

    it('answers any CRM user; canEdit and canDelete only for admins', async () => {
      const admin = await call(t, 'GET', `${ITEMS}/${itemId}`);
      expect(admin.status).toBe(200);
      expect(admin.body).toMatchObject({ count: 1, status: 0, statusCode: 200 });
      expect(admin.response).toMatchObject({ id: itemId, title: 'Readable', price: 19.99, currency: EUR, canEdit: true, canDelete: true });
      expect(admin.raw).toContain('"price":19.99');

      const asUser = await call(t, 'GET', `${ITEMS}/${itemId}.json`, { token: user.token });
      expect(asUser.status).toBe(200);
      expect(asUser.response).toMatchObject({ id: itemId, canEdit: false, canDelete: false, invoiceTax1: { id: vat.id, canEdit: false, canDelete: false } });
    });

    it('answers 400 for the id 0 or one out of range, 404 for an unknown id and for a path that is not digits', async () => {
      const zero = await call(t, 'GET', `${ITEMS}/0`);
      expect(zero.status).toBe(400);
      expect(zero.body.error.message).toBe('The invoice item id must be greater than 0');
      expect((await call(t, 'GET', `${ITEMS}/99999999999`)).status).toBe(400);
      // spec §1.1: a numeric id segment is [0-9]+, so other paths match no route.
      for (const id of ['-1', 'abc', '1.5']) {
        const res = await call(t, 'GET', `${ITEMS}/${id}`);
        expect(res.status, id).toBe(404);
        expect(res.body).toMatchObject({ status: 1, statusCode: 404 });
      }
      const missing = await call(t, 'GET', `${ITEMS}/999999`);
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ status: 1, statusCode: 404, error: { message: 'Not found' } });
    });

    it('answers canDelete false once an invoice line uses the item (spec §3.9)', async () => {
      const id = (await call(t, 'POST', ITEMS, { json: { title: 'Soon used', price: 1 } })).response.id;
      expect((await call(t, 'GET', `${ITEMS}/${id}`)).response.canDelete).toBe(true);
      await insertInvoiceLine(t, { itemId: id });
      expect((await call(t, 'GET', `${ITEMS}/${id}`)).response.canDelete).toBe(false);
    });

    it('reports the tenant\'s current default currency (Q40)', async () => {
      const db = t.deps.store.db;
      await db.updateTable('tenants').set({ default_currency: 'USD' }).where('id', '=', 1).execute();
      try {
        const res = await call(t, 'GET', `${ITEMS}/${itemId}`);
        expect(res.response.currency).toMatchObject({ abbreviation: 'USD', symbol: '$' });
      } finally {
        await db.updateTable('tenants').set({ default_currency: 'EUR' }).where('id', '=', 1).execute();
      }
    });

    it('keeps tenants apart: another portal cannot read the item nor use this portal\'s taxes', async () => {
      const email = `items-other-admin.${process.pid}@example.test`;
      await createTenant(t.deps, { name: 'Other portal', adminEmail: email, adminPassword: 'other-password-1', defaultCurrency: 'GBP' });
      const token = await t.login(email, 'other-password-1');
      expect((await call(t, 'GET', `${ITEMS}/${itemId}`, { token })).status).toBe(404);
      await expectRefused(call(t, 'POST', ITEMS, { token, json: { title: 'Foreign tax', price: 1, invoiceTax1id: vat.id } }), 400, /does not exist/);
      const own = await call(t, 'POST', ITEMS, { token, json: { title: 'Own', price: 1 } });
      expect(own.status).toBe(201);
      expect(own.response.currency.abbreviation).toBe('GBP');
    });
  });

  it('documents both routes in OpenAPI under the "invoice items" tag', async () => {
    const res = await t.app.inject({ url: '/api/2.0/openapi.json' });
    const paths = res.json().paths;
    expect(paths['/api/2.0/crm/invoiceitem'].post.tags).toEqual(['invoice items']);
    expect(Object.keys(paths['/api/2.0/crm/invoiceitem'].post.requestBody.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['title', 'price', 'sku', 'stockQuantity', 'trackInventory', 'invoiceTax1id', 'invoiceTax2id']),
    );
    expect(paths['/api/2.0/crm/invoiceitem/{id}'].get.tags).toEqual(['invoice items']);
  });
});
