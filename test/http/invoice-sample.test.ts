// GET crm/invoice/sample: spec §4.2 with DECISIONS "Numbering" — the number the next allocation
// would take, without reserving it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/use-cases/tenants/tenants.js';
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

const SAMPLE = '/api/2.0/crm/invoice/sample';
const sample = async (token?: string) => {
  const r = await call(t, 'GET', SAMPLE, token ? { token } : {});
  expect(r.status, r.raw).toBe(200);
  return r.response;
};
const createInvoice = (over: Record<string, unknown> = {}) => call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, over) });
const setNumbering = async (json: Record<string, unknown>) => {
  const r = await call(t, 'PUT', '/api/2.0/crm/invoice/settings/name', { json });
  expect(r.status, r.raw).toBe(200);
};

describe('GET crm/invoice/sample: the shape (spec §4.2)', () => {
  it('is the Invoice of §2.3.7 with the template values, "now" from the clock and the default terms', async () => {
    t.clock.ms = Date.UTC(2026, 0, 20, 8, 15, 30, 123); // within the tokens' 30 days
    await call(t, 'PUT', '/api/2.0/crm/invoice/settings/terms', { json: { terms: 'Net 14' } });
    const r = await call(t, 'GET', SAMPLE);
    expect(r.status, r.raw).toBe(200);
    expect(r.body).toMatchObject({ count: 1, status: 0, statusCode: 200 });
    expect(r.response).toEqual({
      id: 0,
      status: { id: 1, title: 'Draft' },
      number: 'INV-0000001',
      issueDate: '2026-01-20T08:15:30.1230000+00:00',
      templateType: 0,
      contact: null,
      consignee: null,
      entity: null,
      dueDate: '2026-02-19T08:15:30.1230000+00:00',
      language: '',
      currency: { title: 'Euro', symbol: '€', abbreviation: 'EUR', cultureName: 'EU', isConvertable: true, isBasic: true },
      exchangeRate: 1,
      purchaseOrderNumber: '',
      terms: 'Net 14',
      description: '',
      fileID: -1,
      createOn: '2026-01-20T08:15:30.1230000+00:00',
      createBy: { id: '00000000-0000-0000-0000-000000000000', displayName: 'Mike Zanyatski', title: 'Manager', avatarSmall: 'url to small avatar', profileUrl: '' },
      cost: 0,
      canEdit: true,
      canDelete: true,
      invoiceLines: [{ id: 0, invoiceID: 0, invoiceItemID: 0, invoiceTax1ID: 0, invoiceTax2ID: 0, sortOrder: 0, description: '', quantity: 1, price: 0, discount: 0 }],
    });
    expect(r.raw).toContain('"cost":0.00');
    expect(r.raw).toContain('"quantity":1.00');
  });

  it('terms are "" when no default terms are set', async () => {
    await call(t, 'PUT', '/api/2.0/crm/invoice/settings/terms', { json: { terms: '' } });
    expect((await sample()).terms).toBe('');
  });

  it('is open to any CRM user and refused to guests (403)', async () => {
    const user = await t.createUser();
    expect((await sample(user.token)).id).toBe(0);
    const guest = await t.createUser({ isVisitor: true });
    const r = await call(t, 'GET', SAMPLE, { token: guest.token });
    expect(r.status).toBe(403);
    expect((await call(t, 'GET', SAMPLE, { token: null })).status).toBe(401);
  });

  it('dates are in the tenant zone; the currency is the tenant default', async () => {
    const { tenant } = await createTenant(t.deps, {
      name: 'Kolkata', timeZone: 'Asia/Kolkata', defaultCurrency: 'GBP', adminEmail: `kolkata.${process.pid}@example.test`, adminPassword: 'kolkata-password-1',
    });
    expect(tenant.id).toBeGreaterThan(1);
    const token = await t.login(`kolkata.${process.pid}@example.test`, 'kolkata-password-1');
    t.clock.ms = Date.UTC(2026, 0, 15, 20, 0, 0);
    const s = await sample(token);
    expect(s.currency.abbreviation).toBe('GBP');
    expect(s.issueDate).toBe('2026-01-16T01:30:00.0000000+05:30');
    expect(s.dueDate).toBe('2026-02-15T01:30:00.0000000+05:30');
    expect(s.number).toBe('INV-0000001'); // its own series
  });
});

describe('GET crm/invoice/sample: routing (spec §1.1)', () => {
  it('is a static route: with .json, in any case, and never taken for invoice/{id}', async () => {
    expect((await call(t, 'GET', `${SAMPLE}.json`)).response.id).toBe(0);
    expect((await call(t, 'GET', '/API/2.0/CRM/Invoice/Sample')).response.id).toBe(0);
    expect((await call(t, 'GET', `${SAMPLE}?`)).response.id).toBe(0);
    const inv = await createInvoice({ number: 'ROUTE-1' });
    expect(inv.status, inv.raw).toBe(201);
    const one = await call(t, 'GET', `/api/2.0/crm/invoice/${inv.response.id}`);
    expect(one.response).toMatchObject({ id: inv.response.id, number: 'ROUTE-1' });
    expect((await call(t, 'GET', '/api/2.0/crm/invoice/samples')).status).toBe(404);
  });
});

describe('GET crm/invoice/sample: the number (DECISIONS "Numbering")', () => {
  it('after settings/name ACME-/0100: sample ACME-0100, the next created ACME-0100, then sample ACME-0101', async () => {
    await setNumbering({ autogenerated: true, prefix: 'ACME-', number: '0100' });
    expect((await sample()).number).toBe('ACME-0100');
    const created = await createInvoice();
    expect(created.status, created.raw).toBe(201);
    expect(created.response.number).toBe('ACME-0100');
    expect((await sample()).number).toBe('ACME-0101');
    expect((await createInvoice()).response.number).toBe('ACME-0101');
    expect((await sample()).number).toBe('ACME-0102');
  });

  it('reserves nothing: repeated samples show the same number and write nothing', async () => {
    await setNumbering({ autogenerated: true, prefix: 'PEEK-', number: '1' });
    const before = await writeCounts(t);
    expect((await sample()).number).toBe('PEEK-1');
    expect((await sample()).number).toBe('PEEK-1');
    expect(await writeCounts(t)).toEqual(before);
    expect((await createInvoice()).response.number).toBe('PEEK-1');
  });

  it('skips numbers used by hand (any case), exactly as the allocation does', async () => {
    await setNumbering({ autogenerated: true, prefix: 'HAND-', number: '001' });
    for (const n of ['hand-001', 'HAND-002', 'Hand-004']) expect((await createInvoice({ number: n })).status).toBe(201);
    expect((await sample()).number).toBe('HAND-003');
    expect((await createInvoice()).response.number).toBe('HAND-003');
    expect((await sample()).number).toBe('HAND-005');
    expect((await createInvoice()).response.number).toBe('HAND-005');
  });

  it('looks past a long run of hand-used numbers (more than one lookup batch)', async () => {
    await setNumbering({ autogenerated: true, prefix: 'RUN-', number: '1' });
    const db = t.deps.store.db;
    const template = await db.selectFrom('invoices').selectAll().where('tenant_id', '=', 1).orderBy('id').executeTakeFirstOrThrow();
    const { id: _id, ...rest } = template;
    // BIGINT columns come back as strings on PostgreSQL.
    const row = { ...rest, created_at: Number(rest.created_at), updated_at: Number(rest.updated_at), issue_date: Number(rest.issue_date), due_date: Number(rest.due_date), exchange_rate: Number(rest.exchange_rate) };
    await db.insertInto('invoices').values(Array.from({ length: 70 }, (_, i) => ({ ...row, number: `RUN-${i + 1}`, number_key: `run-${i + 1}` }))).execute();
    expect((await sample()).number).toBe('RUN-71');
    expect((await createInvoice()).response.number).toBe('RUN-71');
  });

  it('padding follows the start number and never truncates', async () => {
    await setNumbering({ autogenerated: true, prefix: 'W', number: '98' });
    expect((await sample()).number).toBe('W98');
    await createInvoice();
    await createInvoice();
    expect((await sample()).number).toBe('W100');
  });

  it('is "" when autogeneration is off', async () => {
    await setNumbering({ autogenerated: false, prefix: 'OFF-', number: '1' });
    expect((await sample()).number).toBe('');
  });
});
