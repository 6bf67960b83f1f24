// The story of issue 4: a catalogue with a tracked item and two taxes → a draft invoice → edited →
// sent (stock down) → rejected (stock up) → draft → sent → paid; a tax rate edited after sending
// leaves that invoice's cost (and snapshot) unchanged, while a draft follows the new rate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const ok = async (p: ReturnType<typeof call>, status = 200) => {
  const r = await p;
  expect(r.status, r.raw).toBe(status);
  return r.response;
};

describe('an invoice from draft to paid', () => {
  it('tells the whole story', async () => {
    const vat = await ok(call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: 'VAT', description: '', rate: 20 } }), 201);
    const levy = await ok(call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: 'Levy', description: '', rate: 5 } }), 201);
    const router = await ok(call(t, 'POST', '/api/2.0/crm/invoiceitem', { json: { title: 'Router', price: 120, sku: 'R-1', trackInventory: true, stockQuantity: 10, invoiceTax1id: vat.id } }), 201);
    const setup = await ok(call(t, 'POST', '/api/2.0/crm/invoiceitem', { json: { title: 'Setup', price: 80, sku: 'S-1' } }), 201);
    const client = await ok(call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Story Ltd', shareType: 1 } }), 201);
    const stock = async () => (await ok(call(t, 'GET', `/api/2.0/crm/invoiceitem/${router.id}`))).stockQuantity;

    const body = (lines: unknown[]) => ({
      issueDate: '2026-05-01', dueDate: '2026-05-31', contactId: client.id, currency: 'EUR', exchangeRate: 1, terms: 'Net 30', language: 'en-GB', invoiceLines: lines,
    });
    const draft = await ok(call(t, 'POST', '/api/2.0/crm/invoice', { json: body([{ invoiceItemID: router.id, invoiceTax1ID: vat.id, quantity: 2, price: 120 }]) }), 201);
    expect(draft.cost).toBe(288);

    // Edit the draft: three routers with both taxes, plus setup.
    const edited = await ok(call(t, 'PUT', `/api/2.0/crm/invoice/${draft.id}`, {
      json: body([
        { invoiceItemID: router.id, invoiceTax1ID: vat.id, invoiceTax2ID: levy.id, quantity: 3, price: 120 },
        { invoiceItemID: setup.id, invoiceTax1ID: vat.id, quantity: 1, price: 80, discount: 25 },
      ]),
    }));
    expect(edited.cost).toBe(522); // 360 + 72 + 18 | 60 + 12
    expect(await stock()).toBe(10);

    const status = (s: string) => ok(call(t, 'PUT', `/api/2.0/crm/invoice/status/${s}`, { json: { invoiceids: [draft.id] } }));
    let r = await status('sent');
    expect(r.key[0].status.id).toBe(2);
    expect(await stock()).toBe(7);
    r = await status('rejected');
    expect(await stock()).toBe(10);
    r = await status('draft');
    expect(r.key[0].status.id).toBe(1);
    r = await status('sent');
    expect(await stock()).toBe(7);

    // A tax edit after sending: the sent invoice keeps its cost and its snapshot; a new draft follows.
    const snapBefore = await ok(call(t, 'GET', `/api/2.0/crm/invoice/jsondata/${draft.id}`));
    await ok(call(t, 'PUT', `/api/2.0/crm/invoice/tax/${vat.id}`, { json: { name: 'VAT', description: 'raised', rate: 25 } }));
    const other = await ok(call(t, 'POST', '/api/2.0/crm/invoice', { json: body([{ invoiceItemID: setup.id, invoiceTax1ID: vat.id, quantity: 1, price: 80 }]) }), 201);
    expect(other.cost).toBe(100);
    expect((await ok(call(t, 'GET', `/api/2.0/crm/invoice/${draft.id}`))).cost).toBe(522);
    expect(await ok(call(t, 'GET', `/api/2.0/crm/invoice/jsondata/${draft.id}`))).toBe(snapBefore);

    r = await status('paid');
    expect(r.key[0]).toMatchObject({ status: { id: 4, title: 'Paid' }, cost: 522 });
    expect(await stock()).toBe(7);
    // Paid invoices cannot be edited, but stay readable and deletable by their creator.
    expect((await call(t, 'PUT', `/api/2.0/crm/invoice/${draft.id}`, { json: body([{ invoiceItemID: setup.id, quantity: 1, price: 1 }]) })).status).toBe(404);
    expect((await ok(call(t, 'GET', `/api/2.0/crm/invoice/${draft.id}`))).canEdit).toBe(false);
  });
});
