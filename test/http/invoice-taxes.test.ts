// POST/GET crm/invoice/tax (spec §5.10, §5.11, §2.3.9) with DECISIONS' fixes (Q16, Q32, unique names).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/use-cases/tenants/tenants.js';
import { call } from '../support/api.js';
import { countRows, insertInvoiceLine, storedTaxRate } from '../support/catalogue-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TAX = '/api/2.0/crm/invoice/tax';

describe('invoice taxes', () => {
  let t: TestApp;
  let user: { id: string; token: string };
  let adminId: string;
  let seq = 0;
  const uniqueName = (base = 'Tax') => `${base} ${++seq}`;

  beforeAll(async () => {
    t = await createTestApp();
    user = await t.createUser();
    adminId = (await call(t, 'GET', '/api/2.0/people/@self')).response.id;
  });
  afterAll(async () => t?.close());

  /** A 4xx with this message that left the table as it was. */
  async function expectRefused(req: Promise<Awaited<ReturnType<typeof call>>>, status: number, message: string | RegExp) {
    const before = await countRows(t, 'invoice_taxes');
    const res = await req;
    expect(res.status, res.raw).toBe(status);
    expect(res.body).toMatchObject({ status: 1, statusCode: status });
    if (typeof message === 'string') expect(res.body.error.message).toBe(message);
    else expect(res.body.error.message).toMatch(message);
    expect(await countRows(t, 'invoice_taxes')).toBe(before);
  }

  describe('POST invoice/tax', () => {
    it('creates a tax from JSON and answers 201 with the stored InvoiceTax', async () => {
      const name = uniqueName('VAT');
      const res = await call(t, 'POST', TAX, { json: { name, description: 'Standard rate', rate: 20 } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ count: 1, status: 0, statusCode: 201 });
      expect(res.response).toEqual({
        id: expect.any(Number), name, description: 'Standard rate', rate: 20,
        createOn: '2026-01-15T09:30:00.0000000+00:00',
        createBy: expect.objectContaining({ id: adminId }),
        canEdit: true, canDelete: true,
      });
      expect(res.raw).toContain('"rate":20.00');
      expect(await storedTaxRate(t, res.response.id)).toBe(2000);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    });

    it('accepts a form body, the query string and parameter names in any case', async () => {
      const a = await call(t, 'POST', TAX, { form: [['name', uniqueName('Form')], ['description', 'd'], ['rate', '7.7']] });
      expect(a.status).toBe(201);
      expect(a.raw).toContain('"rate":7.70');
      const b = await call(t, 'POST', `${TAX}?NAME=${encodeURIComponent(uniqueName('Query'))}&Rate=5`, { form: '' });
      expect(b.status).toBe(201);
      expect(b.raw).toContain('"rate":5.00');
      const c = await call(t, 'POST', `${TAX}.json`, { json: { NAME: uniqueName('Case'), Description: 'x', rATE: '-3.5' } });
      expect(c.status).toBe(201);
      expect(c.response).toMatchObject({ description: 'x', rate: -3.5 });
      expect(c.raw).toContain('"rate":-3.50');
    });

    it('stores the description "" when it is null or missing (Q16) and the rate 0 when missing', async () => {
      const a = await call(t, 'POST', TAX, { json: { name: uniqueName(), description: null, rate: 1 } });
      expect(a.status).toBe(201);
      expect(a.response.description).toBe('');
      const b = await call(t, 'POST', TAX, { json: { name: uniqueName() } });
      expect(b.status).toBe(201);
      expect(b.response).toMatchObject({ description: '', rate: 0 });
      expect(b.raw).toContain('"rate":0.00');
    });

    it('stores the rate with 2 decimals, rounded half away from zero (spec §1.8)', async () => {
      for (const [input, scaled, wire] of [['1.005', 101, '1.01'], ['12.345', 1235, '12.35'], ['-12.345', -1235, '-12.35'], ['0.1', 10, '0.10'], ['5.0e-01', 50, '0.50']] as const) {
        const res = await call(t, 'POST', TAX, { form: [['name', uniqueName('Round')], ['rate', input]] });
        expect(res.status, input).toBe(201);
        expect(await storedTaxRate(t, res.response.id)).toBe(scaled);
        expect(res.raw).toContain(`"rate":${wire}`);
      }
    });

    it('accepts rates at the storage limits', async () => {
      for (const rate of ['99999999.99', '-99999999.99', '99999999.994']) {
        const res = await call(t, 'POST', TAX, { json: { name: uniqueName('Limit'), rate } });
        expect(res.status, rate).toBe(201);
      }
    });

    it('refuses an empty, blank or missing name', async () => {
      const msg = 'The tax name field cannot be empty';
      await expectRefused(call(t, 'POST', TAX, { json: { rate: 5 } }), 400, msg);
      await expectRefused(call(t, 'POST', TAX, { json: { name: '', rate: 5 } }), 400, msg);
      await expectRefused(call(t, 'POST', TAX, { json: { name: null, rate: 5 } }), 400, msg);
      await expectRefused(call(t, 'POST', TAX, { form: 'name=%20%20&rate=5' }), 400, msg);
    });

    it('refuses a name longer than 255 characters (Q32), counting characters not UTF-16 units', async () => {
      await expectRefused(call(t, 'POST', TAX, { json: { name: 'n'.repeat(256) } }), 400, 'The tax name must be at most 255 characters');
      const emoji = '€'.repeat(254) + '😀';
      const ok = await call(t, 'POST', TAX, { json: { name: emoji } });
      expect(ok.status).toBe(201);
      expect(ok.response.name).toBe(emoji);
    });

    it('refuses a rate beyond ±99999999.99 after rounding, and one that is not a number', async () => {
      const msg = 'The tax rate must be between -99999999.99 and 99999999.99';
      await expectRefused(call(t, 'POST', TAX, { json: { name: uniqueName(), rate: 100000000 } }), 400, msg);
      await expectRefused(call(t, 'POST', TAX, { json: { name: uniqueName(), rate: '-100000000' } }), 400, msg);
      await expectRefused(call(t, 'POST', TAX, { json: { name: uniqueName(), rate: '99999999.995' } }), 400, msg);
      await expectRefused(call(t, 'POST', TAX, { json: { name: uniqueName(), rate: '1e50' } }), 400, msg);
      await expectRefused(call(t, 'POST', TAX, { form: [['name', uniqueName()], ['rate', 'abc']] }), 400, /rate: "abc" is not a valid decimal number/);
      await expectRefused(call(t, 'POST', TAX, { form: [['name', uniqueName()], ['rate', '1,5']] }), 400, /rate/);
    });

    it('refuses a name that exists, ignoring case and Unicode compatibility forms', async () => {
      const name = uniqueName('Sales tax');
      expect((await call(t, 'POST', TAX, { json: { name, rate: 8 } })).status).toBe(201);
      const msg = 'The tax name already exists';
      await expectRefused(call(t, 'POST', TAX, { json: { name, rate: 9 } }), 400, msg);
      await expectRefused(call(t, 'POST', TAX, { json: { name: name.toUpperCase(), rate: 9 } }), 400, msg);
      await expectRefused(call(t, 'POST', TAX, { json: { name: name.toLowerCase() } }), 400, msg);
      // NFKC: fullwidth letters are the same name.
      const fullwidth = [...name.toUpperCase()].map((ch) => (ch >= 'A' && ch <= 'Z' ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch)).join('');
      await expectRefused(call(t, 'POST', TAX, { json: { name: fullwidth } }), 400, msg);
    });

    it('gives one tax and one "already exists" to two concurrent creates of one name', async () => {
      const name = uniqueName('Race');
      const before = await countRows(t, 'invoice_taxes');
      const results = await Promise.all([1, 2, 3].map((i) => call(t, 'POST', TAX, { json: { name: i === 2 ? name.toUpperCase() : name, rate: i } })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 400, 400]);
      for (const r of results.filter((x) => x.status === 400)) expect(r.body.error.message).toBe('The tax name already exists');
      expect(await countRows(t, 'invoice_taxes')).toBe(before + 1);
    });

    it('is for CRM admins only: 403 for a user, 401 without a token, and nothing written', async () => {
      await expectRefused(call(t, 'POST', TAX, { token: user.token, json: { name: uniqueName(), rate: 1 } }), 403, 'Access Denied');
      await expectRefused(call(t, 'POST', TAX, { token: null, json: { name: uniqueName(), rate: 1 } }), 401, 'Unauthorized');
      const admin2 = await t.createUser({ isAdmin: true });
      const res = await call(t, 'POST', TAX, { token: admin2.token, json: { name: uniqueName(), rate: 1 } });
      expect(res.status).toBe(201);
      expect(res.response.createBy.id).toBe(admin2.id);
    });
  });

  describe('GET invoice/tax', () => {
    it('lists every tax of the tenant by id; any CRM user reads, only admins may edit', async () => {
      const all = await call(t, 'GET', TAX);
      expect(all.status).toBe(200);
      const ids = all.response.map((x: { id: number }) => x.id);
      expect(ids.length).toBe(await countRows(t, 'invoice_taxes'));
      expect(all.body.count).toBe(ids.length);
      expect(ids).toEqual([...ids].sort((a: number, b: number) => a - b));
      expect(all.response.every((x: { canEdit: boolean }) => x.canEdit)).toBe(true);

      const asUser = await call(t, 'GET', TAX, { token: user.token });
      expect(asUser.status).toBe(200);
      expect(asUser.response.map((x: { id: number }) => x.id)).toEqual(ids);
      expect(asUser.response.every((x: { canEdit: boolean; canDelete: boolean }) => !x.canEdit && !x.canDelete)).toBe(true);
    });

    it('emits rates with 2 decimals', async () => {
      const name = uniqueName('Wire');
      await call(t, 'POST', TAX, { json: { name, rate: '7.7' } });
      const res = await call(t, 'GET', TAX);
      expect(res.raw).toContain(`"name":"${name}","description":"","rate":7.70`);
    });

    it('refuses guests (403) and callers without a token (401)', async () => {
      const guest = await t.createUser({ isVisitor: true });
      expect((await call(t, 'GET', TAX, { token: guest.token })).status).toBe(403);
      expect((await call(t, 'GET', TAX, { token: null })).status).toBe(401);
    });

    it('answers canDelete false for a tax an item (tax 1 or 2) or an invoice line references (spec §3.9)', async () => {
      const mk = async (n: string) => (await call(t, 'POST', TAX, { json: { name: uniqueName(n), rate: 1 } })).response.id as number;
      const [free, byItem1, byItem2, byLine1, byLine2] = [await mk('free'), await mk('item1'), await mk('item2'), await mk('line1'), await mk('line2')];
      const item = await call(t, 'POST', '/api/2.0/crm/invoiceitem', { json: { title: 'Taxed', price: 1, invoiceTax1id: byItem1, invoiceTax2id: byItem2 } });
      expect(item.status).toBe(201);
      expect(item.response.invoiceTax1).toMatchObject({ id: byItem1, canDelete: false });
      await insertInvoiceLine(t, { itemId: item.response.id, tax1Id: byLine1, tax2Id: byLine2 });
      // The line's item also has byItem1/byItem2; byLine1/2 are referenced by the line alone.
      const res = await call(t, 'GET', TAX);
      const canDelete = new Map(res.response.map((x: { id: number; canDelete: boolean }) => [x.id, x.canDelete]));
      expect([free, byItem1, byItem2, byLine1, byLine2].map((id) => canDelete.get(id))).toEqual([true, false, false, false, false]);
    });

    it('keeps tenants apart: another portal neither sees these taxes nor collides with their names', async () => {
      const name = uniqueName('Shared name');
      await call(t, 'POST', TAX, { json: { name, rate: 1 } });
      const email = `other-admin.${process.pid}@example.test`;
      await createTenant(t.deps, { name: 'Other portal', adminEmail: email, adminPassword: 'other-password-1' });
      const token = await t.login(email, 'other-password-1');
      expect((await call(t, 'GET', TAX, { token })).response ?? []).toEqual([]);
      const res = await call(t, 'POST', TAX, { token, json: { name, rate: 2 } });
      expect(res.status).toBe(201);
      const list = await call(t, 'GET', TAX, { token });
      expect(list.response.map((x: { name: string }) => x.name)).toEqual([name]);
    });
  });

  it('documents both routes in OpenAPI under the "invoice taxes" tag', async () => {
    const paths = (await t.app.inject({ url: '/api/2.0/openapi.json' })).json().paths;
    expect(paths['/api/2.0/crm/invoice/tax'].get.tags).toEqual(['invoice taxes']);
    expect(paths['/api/2.0/crm/invoice/tax'].post.tags).toEqual(['invoice taxes']);
    expect(Object.keys(paths['/api/2.0/crm/invoice/tax'].post.requestBody.content['application/json'].schema.properties)).toEqual(['name', 'description', 'rate']);
  });
});
