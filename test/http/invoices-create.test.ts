// POST crm/invoice and GET crm/invoice/{id}: spec §4.1, §4.9 with DECISIONS (numbering, Q15, atomicity).
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

const create = (body: Record<string, unknown>, token?: string) => call(t, 'POST', '/api/2.0/crm/invoice', { json: body, ...(token ? { token } : {}) });

/** Expects the refusal and proves nothing was written (no invoice, no line, no number taken). */
async function refused(body: Record<string, unknown>, status: number, message: RegExp, token?: string) {
  const before = await writeCounts(t);
  const r = await create(body, token);
  expect(r.status, r.raw).toBe(status);
  expect(r.body).toMatchObject({ status: 1, statusCode: status });
  expect(r.body.error.message).toMatch(message);
  expect(await writeCounts(t)).toEqual(before);
}

describe('POST crm/invoice: validation in the order of §4.9, nothing written on refusal', () => {
  it('step 1: no lines, bad line values, unknown item or tax → 400', async () => {
    await refused(invoiceBody(w, { invoiceLines: [] }), 400, /at least one line/);
    await refused(invoiceBody(w, { invoiceLines: [{ value: { ID: '1234' } }] }), 400, /line 1: invoiceItemID/);
    await refused(invoiceBody(w, { invoiceLines: [{ invoiceItemID: w.itemId, quantity: -1 }] }), 400, /line 1: quantity must not be negative/);
    await refused(invoiceBody(w, { invoiceLines: [{ invoiceItemID: w.itemId, price: -0.01 }] }), 400, /price must not be negative/);
    await refused(invoiceBody(w, { invoiceLines: [{ invoiceItemID: w.itemId, quantity: 1 }, { invoiceItemID: w.itemId, discount: 100.01 }] }), 400, /line 2: discount must be between 0 and 100/);
    await refused(invoiceBody(w, { invoiceLines: [{ invoiceItemID: w.itemId, discount: -1 }] }), 400, /discount must be between 0 and 100/);
    await refused(invoiceBody(w, { invoiceLines: [{ invoiceItemID: w.itemId, invoiceTax1ID: -1 }] }), 400, /invoiceTax1ID must not be negative/);
    await refused(invoiceBody(w, { invoiceLines: [{ invoiceItemID: w.itemId, invoiceTax2ID: -2 }] }), 400, /invoiceTax2ID must not be negative/);
    await refused(invoiceBody(w, { invoiceLines: [{ invoiceItemID: 999_999 }] }), 400, /invoice item 999999 not found/);
    await refused(invoiceBody(w, { invoiceLines: [{ invoiceItemID: w.itemId, invoiceTax2ID: 999_998 }] }), 400, /invoice tax 999998 not found/);
    await refused(invoiceBody(w, { invoiceLines: [{ invoiceItemID: w.itemId, price: '100000000' }] }), 400, /price must be at most 99999999.99/);
  });

  it('step 1 runs before step 2: a bad line wins over a missing contact', async () => {
    await refused(invoiceBody(w, { contactId: 0, invoiceLines: [] }), 400, /at least one line/);
  });

  it('step 2: missing dates, contact, currency, rate, terms → 400', async () => {
    await refused(invoiceBody(w, { issueDate: undefined }), 400, /issueDate is required/);
    await refused(invoiceBody(w, { contactId: 0 }), 400, /contactId is required/);
    await refused(invoiceBody(w, { dueDate: '' }), 400, /dueDate is required/);
    await refused(invoiceBody(w, { currency: '' }), 400, /currency is required/);
    await refused(invoiceBody(w, { exchangeRate: 0 }), 400, /exchangeRate must be greater than 0/);
    await refused(invoiceBody(w, { exchangeRate: '0.0000004' }), 400, /exchangeRate must be greater than 0/); // 0 after 6-decimal rounding (Q26)
    await refused(invoiceBody(w, { terms: '' }), 400, /terms is required/);
    await refused(invoiceBody(w, { issueDate: '2026-13-01' }), 400, /issueDate: .* is not a valid date/);
  });

  it('step 3: unknown contact → 400; unreadable contact → 403', async () => {
    await refused(invoiceBody(w, { contactId: 987_654 }), 400, /Contact 987654 not found/);
    const priv = (await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Private Co', shareType: 0 } })).response;
    const user = await t.createUser();
    await refused(invoiceBody(w, { contactId: priv.id, entityId: 0 }), 403, /Access Denied/, user.token);
  });

  it('step 4: unknown consignee → 400; unreadable consignee → 403', async () => {
    await refused(invoiceBody(w, { consigneeId: 987_655 }), 400, /Consignee 987655 not found/);
    await refused(invoiceBody(w, { consigneeId: -3 }), 400, /Consignee -3 not found/);
    const priv = (await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Hidden Depot', shareType: 0 } })).response;
    const user = await t.createUser();
    await refused(invoiceBody(w, { consigneeId: priv.id }), 403, /Access Denied/, user.token);
  });

  it('step 5: unknown opportunity or contact not a member → 400', async () => {
    await refused(invoiceBody(w, { entityId: 424_242 }), 400, /Opportunity 424242 not found/);
    await refused(invoiceBody(w, { contactId: w.consigneeId, entityId: w.opportunityId }), 400, /is not a member of opportunity/);
  });

  it('step 6: currency not in the catalogue → 400', async () => {
    await refused(invoiceBody(w, { currency: 'xyz' }), 400, /Unknown currency: XYZ/);
  });

  it('step 7: billing and delivery address rules (§3.6) → 400', async () => {
    await refused(invoiceBody(w, { billingAddressID: w.deliveryAddressId }), 400, /not a billing address of contact/);
    await refused(invoiceBody(w, { billingAddressID: w.consigneeDeliveryAddressId }), 400, /not a billing address/);
    await refused(invoiceBody(w, { deliveryAddressID: w.deliveryAddressId }), 400, /needs a consignee/);
    await refused(invoiceBody(w, { consigneeId: w.consigneeId, deliveryAddressID: w.deliveryAddressId }), 400, /not a delivery address of consignee/);
    await refused(invoiceBody(w, { consigneeId: w.consigneeId, deliveryAddressID: 777_777 }), 400, /not a delivery address/);
  });

  it('DECISIONS Q15: an invalid language → 400 before anything is written', async () => {
    await refused(invoiceBody(w, { language: 'not a culture!' }), 400, /language .* is not a valid culture name/);
  });

  it('step 8: a number already used (in any letter case) → 400', async () => {
    const first = await create(invoiceBody(w, { number: 'DUP-001' }));
    expect(first.status, first.raw).toBe(201);
    await refused(invoiceBody(w, { number: 'dup-001' }), 400, /already exists/);
  });
});

describe('POST crm/invoice: the answer', () => {
  it('is the invoice re-read after commit, with cost per §3.1 and every member of §2.3.6–2.3.7', async () => {
    const r = await create(invoiceBody(w, {
      consigneeId: w.consigneeId, entityId: w.opportunityId, billingAddressID: w.billingAddressId,
      deliveryAddressID: w.consigneeDeliveryAddressId, purchaseOrderNumber: 'PO-77', description: 'Thank you',
      exchangeRate: '1.234567', templateType: 1,
    }));
    expect(r.status, r.raw).toBe(201);
    expect(r.body).toMatchObject({ count: 1, status: 0, statusCode: 201 });
    const inv = r.response;
    expect(inv).toMatchObject({
      status: { id: 1, title: 'Draft' },
      templateType: 1,
      contact: { id: w.contactId, isCompany: true, canDelete: false },
      consignee: { id: w.consigneeId },
      entity: { entityType: 'opportunity', entityId: w.opportunityId },
      language: 'en-US',
      currency: { abbreviation: 'EUR', symbol: '€' },
      exchangeRate: 1.234567,
      purchaseOrderNumber: 'PO-77',
      terms: 'Net 30',
      description: 'Thank you',
      fileID: 0,
      createBy: { id: w.adminId },
      cost: 216,
      canEdit: true,
      canDelete: true,
    });
    expect(inv.issueDate).toBe('2026-01-15T00:00:00.0000000+00:00');
    expect(inv.createOn).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/);
    expect(inv.createOn).not.toMatch(/^0001/);
    expect(r.raw).toContain('"cost":216.00');
    expect(inv.invoiceLines).toHaveLength(1);
    expect(inv.invoiceLines[0]).toMatchObject({ invoiceID: inv.id, invoiceItemID: w.itemId, invoiceTax1ID: w.vatId, invoiceTax2ID: 0, sortOrder: 0, description: '', quantity: 2, price: 100, discount: 10 });

    const again = await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}`);
    expect(again.status).toBe(200);
    expect(again.response).toEqual(inv);
  });

  it('numbers from the series when no number is given: INV-0000001, INV-0000002, …, skipping hand-used values', async () => {
    const a = await create(invoiceBody(w));
    expect(a.status, a.raw).toBe(201);
    const n = Number(/^INV-(\d{7})$/.exec(a.response.number)![1]);
    const taken = `INV-${String(n + 1).padStart(7, '0')}`;
    expect((await create(invoiceBody(w, { number: taken.toLowerCase() }))).status).toBe(201);
    const c = await create(invoiceBody(w, { number: '' }));
    expect(c.response.number).toBe(`INV-${String(n + 2).padStart(7, '0')}`);
  });

  it('stores amounts with 2 decimals rounded half away from zero (spec §3.1), in request order', async () => {
    const r = await create(invoiceBody(w, {
      invoiceLines: [
        { invoiceItemID: w.itemId, quantity: '1.005', price: '0.125', discount: '99.999' },
        { invoiceItemID: w.item2Id, quantity: 3, price: '7.70', sortOrder: 99 },
      ],
    }));
    expect(r.status, r.raw).toBe(201);
    const [l1, l2] = r.response.invoiceLines;
    expect([l1.quantity, l1.price, l1.discount, l1.sortOrder]).toEqual([1.01, 0.13, 100, 0]);
    expect([l2.invoiceItemID, l2.sortOrder]).toEqual([w.item2Id, 1]);
    expect(r.raw).toContain('"price":7.70');
  });

  it('accepts the form encoding ONLYOFFICE clients send', async () => {
    const form: [string, string][] = [
      ['issueDate', '2026-03-01T10:00:00.000Z'], ['dueDate', '2026-03-31'], ['contactId', String(w.contactId)],
      ['currency', 'USD'], ['exchangeRate', '0.92'], ['terms', 'Net 30'], ['language', 'de-DE'],
      ['invoiceLines[0][invoiceItemID]', String(w.itemId)], ['invoiceLines[0][quantity]', '1'], ['invoiceLines[0][price]', '50'],
      ['invoiceLines[1][InvoiceItemId]', String(w.item2Id)], ['invoiceLines[1][quantity]', '2'], ['invoiceLines[1][price]', '7.70'],
      ['invoiceLines[1][invoiceTax1ID]', String(w.reducedTaxId)],
    ];
    const r = await call(t, 'POST', '/api/2.0/crm/invoice.json', { form });
    expect(r.status, r.raw).toBe(201);
    expect(r.response.invoiceLines).toHaveLength(2);
    expect(r.response.cost).toBe(66.48); // 50 + 15.40 + 7% of 15.40 = 1.078 → 1.08
    expect(r.response.currency.abbreviation).toBe('USD');
  });
});

describe('GET crm/invoice/{id}', () => {
  it('400 for id 0, 404 when missing, 403 without access', async () => {
    expect((await call(t, 'GET', '/api/2.0/crm/invoice/0')).status).toBe(400);
    const missing = await call(t, 'GET', '/api/2.0/crm/invoice/99999999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('Not found');
    const priv = (await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Secret Client', shareType: 0 } })).response;
    const inv = (await create(invoiceBody(w, { contactId: priv.id }))).response;
    const user = await t.createUser();
    const denied = await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}`, { token: user.token });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe('Access Denied');
  });

  it('a creator who cannot read the contact sees the invoice, with the contact embedded as null', async () => {
    const user = await t.createUser();
    const managed = (await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Managed Co', shareType: 0, managerList: [user.id] } })).response;
    const created = await create(invoiceBody(w, { contactId: managed.id }), user.token);
    expect(created.status, created.raw).toBe(201);
    expect(created.response).toMatchObject({ canEdit: true, canDelete: true, createBy: { id: user.id } });
    // The admin takes the user off the access list; the creator keeps access (§3.5) but the contact is hidden.
    await t.deps.store.db.deleteFrom('contact_access').where('contact_id', '=', managed.id).execute();
    const seen = await call(t, 'GET', `/api/2.0/crm/invoice/${created.response.id}`, { token: user.token });
    expect(seen.status).toBe(200);
    expect(seen.response.contact).toBeNull();
  });

  it('guests are refused with 403 on invoice routes', async () => {
    const guest = await t.createUser({ isVisitor: true });
    expect((await create(invoiceBody(w), guest.token)).status).toBe(403);
    expect((await call(t, 'GET', '/api/2.0/crm/invoice/1', { token: guest.token })).status).toBe(403);
  });

  it('non-numeric ids do not match the route (404)', async () => {
    expect((await call(t, 'GET', '/api/2.0/crm/invoice/abc')).status).toBe(404);
  });
});

describe('numbering under concurrency (DECISIONS "Numbering")', () => {
  it('32 concurrent creates without a number get 32 distinct consecutive numbers', async () => {
    const results = await Promise.all(Array.from({ length: 32 }, () => create(invoiceBody(w))));
    for (const r of results) expect(r.status, r.raw).toBe(201);
    const values = results.map((r) => Number(/^INV-(\d+)$/.exec(r.response.number)![1])).sort((a, b) => a - b);
    expect(new Set(values).size).toBe(32);
    expect(values[31]! - values[0]!).toBe(31);
  });
});
