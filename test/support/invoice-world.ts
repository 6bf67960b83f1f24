// Builds, through the public API, everything an invoice references (spec §8 fixture).
import { expect } from 'vitest';
import { call } from './api.js';
import type { TestApp } from './test-app.js';

export interface World {
  vatId: number;
  reducedTaxId: number;
  itemId: number;
  item2Id: number;
  contactId: number;
  consigneeId: number;
  billingAddressId: number;
  deliveryAddressId: number;
  consigneeDeliveryAddressId: number;
  opportunityId: number;
  adminId: string;
}

async function ok(p: Promise<{ status: number; body: any; raw: string }>, what: string): Promise<any> {
  const r = await p;
  expect(r.status, `${what}: ${r.raw}`).toBe(201);
  return r.body.response;
}

let seq = 0;

export async function buildWorld(t: TestApp): Promise<World> {
  const n = ++seq;
  const me = (await call(t, 'GET', '/api/2.0/people/@self')).response;
  const vat = await ok(call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: `VAT ${n}`, description: 'Standard', rate: 20 } }), 'tax');
  const reduced = await ok(call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: `Reduced ${n}`, description: '', rate: '7.00' } }), 'tax 2');
  const item = await ok(call(t, 'POST', '/api/2.0/crm/invoiceitem', { json: { title: 'Consulting', price: 100, sku: `S-${n}`, invoiceTax1id: vat.id } }), 'item');
  const item2 = await ok(call(t, 'POST', '/api/2.0/crm/invoiceitem', { json: { title: 'Widget', price: '7.70', sku: `W-${n}`, trackInventory: true, stockQuantity: 50 } }), 'item 2');
  const acme = await ok(call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: `ACME ${n}`, shareType: 1 } }), 'company');
  const depot = await ok(call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: `Depot ${n}`, shareType: 1 } }), 'consignee');
  const billing = await ok(call(t, 'POST', `/api/2.0/crm/contact/${acme.id}/addressdata`, {
    json: { address: { street: '1 Main St', city: 'Springfield', state: 'IL', zip: '62701', country: 'USA', category: 3, isPrimary: true } },
  }), 'billing address');
  const delivery = await ok(call(t, 'POST', `/api/2.0/crm/contact/${acme.id}/addressdata`, {
    json: { address: { street: '9 Dock Rd', city: 'Springfield', country: 'USA', category: 1 } },
  }), 'delivery address');
  const depotDelivery = await ok(call(t, 'POST', `/api/2.0/crm/contact/${depot.id}/addressdata`, {
    json: { address: { street: '2 Harbour Way', city: 'Hamburg', zip: '20457', country: 'Germany', category: 1 } },
  }), 'consignee delivery address');
  const stages = (await call(t, 'GET', '/api/2.0/crm/opportunity/stage')).response as { id: number }[];
  const deal = await ok(call(t, 'POST', '/api/2.0/crm/opportunity', {
    json: { contactid: acme.id, title: `Deal ${n}`, responsibleid: me.id, bidCurrencyAbbr: 'EUR', stageid: stages[0]!.id },
  }), 'opportunity');
  return {
    vatId: vat.id, reducedTaxId: reduced.id, itemId: item.id, item2Id: item2.id,
    contactId: acme.id, consigneeId: depot.id, billingAddressId: billing.id, deliveryAddressId: delivery.id,
    consigneeDeliveryAddressId: depotDelivery.id, opportunityId: deal.id, adminId: me.id,
  };
}

/** A valid create body for the world; override what a test varies. */
export function invoiceBody(w: World, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issueDate: '2026-01-15',
    dueDate: '2026-02-14',
    contactId: w.contactId,
    language: 'en-US',
    currency: 'eur',
    exchangeRate: 1,
    terms: 'Net 30',
    invoiceLines: [{ invoiceItemID: w.itemId, invoiceTax1ID: w.vatId, quantity: 2, price: 100, discount: 10 }],
    ...over,
  };
}

/** Row counts that must not move when a request is refused. */
export async function writeCounts(t: TestApp): Promise<{ invoices: number; lines: number; next: number }> {
  const db = t.deps.store.db;
  const one = async (table: 'invoices' | 'invoice_lines') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const next = await db.selectFrom('tenant_settings').select('invoice_next_value').where('tenant_id', '=', 1).executeTakeFirstOrThrow();
  return { invoices: await one('invoices'), lines: await one('invoice_lines'), next: Number(next.invoice_next_value) };
}
