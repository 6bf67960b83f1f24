// The founding request (shared/seed/create-invoice.txt), told as a story: an organisation sets its
// profile, keeps a tax and an item, has a client with billing and delivery addresses, a consignee,
// an opportunity, and invoices the client in a foreign currency with every field of the seed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { LEDGERLINE_TIMEZONE: 'Europe/Berlin' } });
});
afterAll(async () => t?.close());

const created = async (p: ReturnType<typeof call>) => {
  const r = await p;
  expect(r.status, r.raw).toBe(201);
  return r.response;
};

describe('the seed invoice, end to end', () => {
  it('creates the invoice with every field of the seed and reads it back identically', async () => {
    const ok = async (p: ReturnType<typeof call>) => expect((await p).status).toBe(200);
    await ok(call(t, 'PUT', '/api/2.0/crm/settings/organisation/base', { json: { companyName: 'Ledgerline Demo GmbH' } }));
    await ok(call(t, 'PUT', '/api/2.0/crm/settings/organisation/address', { json: { street: 'Unter den Linden 1', city: 'Berlin', zip: '10117', country: 'Germany' } }));

    const vat = await created(call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: 'VAT', description: 'German VAT', rate: 19 } }));
    const eco = await created(call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: 'Eco levy', description: '', rate: '2.5' } }));
    const consulting = await created(call(t, 'POST', '/api/2.0/crm/invoiceitem', { json: { title: 'Consulting day', price: 950, sku: 'CONS-D', invoiceTax1id: vat.id } }));
    const cable = await created(call(t, 'POST', '/api/2.0/crm/invoiceitem', { json: { title: 'Cable', price: '12.49', sku: 'CAB-1', trackInventory: true, stockQuantity: 100 } }));

    const client = await created(call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Müller & Söhne KG', shareType: 2 } }));
    const buyer = await created(call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'Anna', lastName: 'Müller', companyId: client.id, shareType: 1 } }));
    const depot = await created(call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Hafenlager AG', shareType: 1 } }));
    const billing = await created(call(t, 'POST', `/api/2.0/crm/contact/${client.id}/addressdata`, {
      json: { address: { street: 'Königsallee 12', city: 'Düsseldorf', zip: '40212', country: 'Germany', category: 3, isPrimary: true } },
    }));
    // The flat alias with the category by name.
    const delivery = await created(call(t, 'POST', `/api/2.0/crm/contact/${depot.id}/address`, {
      json: { street: 'Am Sandtorkai 5', city: 'Hamburg', zip: '20457', country: 'Germany', category: 'Postal' },
    }));
    const stages = (await call(t, 'GET', '/api/2.0/crm/opportunity/stage')).response;
    const me = (await call(t, 'GET', '/api/2.0/people/@self')).response;
    const deal = await created(call(t, 'POST', '/api/2.0/crm/opportunity', {
      json: { contactid: client.id, members: [buyer.id], title: 'Network upgrade', responsibleid: me.id, bidCurrencyAbbr: 'chf', bidValue: 12000, stageid: stages[4].id },
    }));

    const body = {
      number: 'MS-2026-001',
      issueDate: '2026-03-02T09:00:00.0000000+01:00',
      templateType: 0,
      contactId: client.id,
      consigneeId: depot.id,
      entityId: deal.id,
      billingAddressID: billing.id,
      deliveryAddressID: delivery.id,
      dueDate: '2026-04-01',
      language: 'de-DE',
      currency: 'chf',
      exchangeRate: '1.052345',
      purchaseOrderNumber: 'PO-4711',
      terms: '30 Tage netto',
      description: 'Danke für Ihren Auftrag',
      invoiceLines: [
        { invoiceItemID: consulting.id, invoiceTax1ID: vat.id, invoiceTax2ID: 0, description: 'Planning', quantity: 2, price: 950, discount: 5 },
        { invoiceItemID: cable.id, invoiceTax1ID: vat.id, invoiceTax2ID: eco.id, quantity: 40, price: '12.49', discount: 0 },
        { invoiceItemID: consulting.id, invoiceTax1ID: 0, invoiceTax2ID: 0, description: 'Travel', quantity: '0.5', price: 950, discount: 100 },
      ],
    };
    const inv = await created(call(t, 'POST', '/api/2.0/crm/invoice', { json: body }));

    // Cost per §3.1: 1805.00 + 342.95 | 499.60 + 94.92 + 12.49 | 0 → 2754.96
    expect(inv).toMatchObject({
      number: 'MS-2026-001',
      status: { id: 1, title: 'Draft' },
      issueDate: '2026-03-02T09:00:00.0000000+01:00',
      dueDate: '2026-04-01T00:00:00.0000000+02:00',
      contact: { id: client.id, displayName: 'Müller & Söhne KG', isCompany: true, shareType: 2, isShared: true },
      consignee: { id: depot.id, displayName: 'Hafenlager AG' },
      entity: { entityType: 'opportunity', entityId: deal.id, entityTitle: 'Network upgrade' },
      language: 'de-DE',
      currency: { abbreviation: 'CHF', cultureName: 'CH', isBasic: true },
      exchangeRate: 1.052345,
      purchaseOrderNumber: 'PO-4711',
      terms: '30 Tage netto',
      description: 'Danke für Ihren Auftrag',
      cost: 2754.96,
      createBy: { id: me.id },
    });
    expect(inv.invoiceLines.map((l: { sortOrder: number; description: string }) => [l.sortOrder, l.description])).toEqual([[0, 'Planning'], [1, ''], [2, 'Travel']]);
    const read = await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}.json`);
    expect(read.response).toEqual(inv);

    // The print snapshot (§3.2) was written in the same transaction, seller from the profile.
    const row = await t.deps.store.db.selectFrom('invoices').select(['json_data', 'billing_address_id', 'delivery_address_id']).where('id', '=', inv.id).executeTakeFirstOrThrow();
    expect([row.billing_address_id, row.delivery_address_id]).toEqual([billing.id, delivery.id]);
    const snap = JSON.parse(row.json_data);
    expect(snap.Seller.Item2).toBe('Ledgerline Demo GmbH\nUnter den Linden 1, Berlin, 10117, Germany');
    expect(snap.Customer.Item2).toBe('Müller & Söhne KG\nKönigsallee 12, Düsseldorf, 40212, Germany');
    expect(snap.Consignee.Item2).toBe('Hafenlager AG\nAm Sandtorkai 5, Hamburg, 20457, Germany');
    // Labels in the invoice's language (de-DE); amounts in invariant text, as the original stores them.
    expect(snap.Invoice).toEqual([
      { Item1: 'Rechnungsdatum', Item2: '2.3.2026' },
      { Item1: 'Bestellnummer', Item2: 'PO-4711' },
      { Item1: 'Fälligkeitsdatum', Item2: '1.4.2026' },
    ]);
    expect(snap.TableTotalRow).toEqual({ Item1: 'Rechnungsbetrag (CHF)', Item2: '2754.96' });
    expect(snap.TableBodyRows[0]).toEqual(['Consulting day: Planning', '2.00', '950.00', '5.00', 'VAT', '', '1805.00']);
    expect(snap.BillingAddressID).toBe(billing.id);
    expect(snap.DeliveryAddressID).toBe(delivery.id);
  });

  it('answers the seed page\'s own example body with the 400 of the first failing rule, saying what is missing', async () => {
    const r = await call(t, 'POST', '/api/2.0/crm/invoice', { json: { invoiceLines: [{ value: { ID: '1234' } }] } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/Invoice line 1: invoiceItemID/);
  });
});
