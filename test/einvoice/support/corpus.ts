// A corpus of invoices made through the public API for the e-invoice tests: a seller with its
// EN 16931 settings, taxes (standard, reduced, zero, a second "eco" tax), items, buyers and
// consignees in several countries with their e-invoice settings, and 30+ invoices that vary
// taxes, discounts, quantities, currencies, consignees, addresses and status.
import { expect } from 'vitest';
import { call } from '../../support/api.js';
import type { TestApp } from '../../support/test-app.js';

async function created(t: TestApp, method: 'POST' | 'PUT', url: string, json: unknown): Promise<any> {
  const r = await call(t, method, url, { json });
  expect(r.status, `${method} ${url}: ${r.raw}`).toBe(method === 'POST' ? 201 : 200);
  return r.response;
}

export const SELLER_SETTINGS = {
  vatId: 'DE 123 456 789',
  taxRegistrationId: '123/456/78901',
  legalRegistrationId: 'HRB 12345',
  countryCode: '',
  electronicAddress: 'invoices@ledgerline.example',
  iban: 'DE89 3704 0044 0532 0130 00',
  bic: 'COBADEFFXXX',
  accountName: 'Ledgerline GmbH',
  contactName: 'Anna Schmidt',
  contactPhone: '+49 30 1234567',
  contactEmail: 'billing@ledgerline.example',
};

export interface Corpus {
  taxes: Record<'std' | 'reduced' | 'zero' | 'eco' | 'fr' | 'super' | 'rebate', number>;
  items: number[];
  buyers: { id: number; billing: number; delivery: number }[];
  consignees: { id: number; delivery: number }[];
  /** Invoice ids by case name. */
  invoices: Map<string, number>;
  /** Cases whose buyer is set up for XRechnung (Leitweg-ID, electronic address, city and zip). */
  xrechnung: string[];
  /** Cases without any tax: category O (or E once the seller says so). */
  untaxed: string[];
}

export async function setUpSeller(t: TestApp): Promise<void> {
  await created(t, 'PUT', '/api/2.0/crm/settings/organisation/base', { companyName: 'Ledgerline GmbH' });
  await created(t, 'PUT', '/api/2.0/crm/settings/organisation/address', { street: 'Friedrichstraße 10', city: 'Berlin', state: 'Berlin', zip: '10117', country: 'Germany' });
  await created(t, 'PUT', '/api/2.0/crm/settings/organisation/einvoice', SELLER_SETTINGS);
}

const BUYERS = [
  { name: 'ACME Corp', address: { street: '1 Main St', city: 'Springfield', state: 'IL', zip: '62701', country: 'USA' }, settings: { vatId: '' } },
  { name: 'Bundesamt für Beispiele', address: { street: 'Amtsweg 5', city: 'Bonn', zip: '53113', country: 'Deutschland' }, settings: { vatId: 'DE987654321', electronicAddress: '04011000-12345-67', electronicAddressScheme: '0204', buyerReference: '04011000-12345-67' } },
  { name: 'Société Exemple SARL', address: { street: '12 rue de la Paix', city: 'Paris', zip: '75002', country: 'FR' }, settings: { vatId: 'FR12345678901', legalRegistrationId: '12345678900012', legalRegistrationScheme: '0009' } },
  { name: 'Ромашка ООО', address: { street: 'ул. Ленина, 1', city: 'Москва', zip: '101000', country: 'Россия' }, settings: {} },
  { name: 'Nordic AB', address: { street: 'Storgatan 1', city: 'Stockholm', zip: '11122', country: 'Somewhere' }, settings: { countryCode: 'SE', vatId: 'SE556677889901', electronicAddress: 'ap@nordic.example' } },
];

const CONSIGNEES = [
  { name: 'Depot Hamburg', address: { street: '2 Harbour Way', city: 'Hamburg', zip: '20457', country: 'Germany' }, settings: {} },
  { name: 'Warehouse Ltd', address: { street: '9 Dock Rd', city: 'Leeds', zip: 'LS1 4AP', country: 'United Kingdom' }, settings: {} },
];

async function contactWithAddresses(t: TestApp, c: (typeof BUYERS)[number]): Promise<{ id: number; billing: number; delivery: number }> {
  const contact = await created(t, 'POST', '/api/2.0/crm/contact/company', { companyName: c.name, shareType: 1 });
  const billing = await created(t, 'POST', `/api/2.0/crm/contact/${contact.id}/addressdata`, { address: { ...c.address, category: 3, isPrimary: true } });
  const delivery = await created(t, 'POST', `/api/2.0/crm/contact/${contact.id}/addressdata`, { address: { ...c.address, category: 1 } });
  await created(t, 'PUT', `/api/2.0/crm/contact/${contact.id}/einvoice`, c.settings);
  return { id: contact.id, billing: billing.id, delivery: delivery.id };
}

interface Line {
  item: number;
  tax1?: number;
  tax2?: number;
  quantity: number | string;
  price: number | string;
  discount?: number | string;
  description?: string;
}

interface Case {
  name: string;
  buyer: number;
  currency: string;
  lines: Line[];
  consignee?: number | 'buyer';
  /** Without the delivery address: the consignee's name only. */
  noDeliveryAddress?: boolean;
  noBillingAddress?: boolean;
  po?: string;
  description?: string;
  terms?: string;
  send?: boolean;
  language?: string;
}

export async function buildCorpus(t: TestApp, run: string): Promise<Corpus> {
  await setUpSeller(t);
  const tax = async (name: string, rate: string) => (await created(t, 'POST', '/api/2.0/crm/invoice/tax', { name: `${name} ${run}`, description: '', rate })).id as number;
  const taxes = {
    std: await tax('VAT 19', '19'),
    reduced: await tax('VAT 7', '7'),
    zero: await tax('Zero rated', '0'),
    eco: await tax('Eco fee', '2.5'),
    fr: await tax('TVA 5.5', '5.5'),
    super: await tax('VAT 20', '20'),
    rebate: await tax('Rebate', '-1.5'),
  };
  const item = async (title: string, price: string, sku: string) => (await created(t, 'POST', '/api/2.0/crm/invoiceitem', { title: `${title}`, price, sku: `${sku}-${run}` })).id as number;
  const items = [
    await item('Consulting', '120.00', 'CONS'),
    await item('Widget', '7.70', 'WID'),
    await item('Licence « Pro » & support', '49.99', 'LIC'),
    await item('Книга', '10.05', 'BOOK'),
    await item('Transport', '0.33', 'TRN'),
  ];
  const buyers = [];
  for (const b of BUYERS) buyers.push(await contactWithAddresses(t, b));
  const consignees = [];
  for (const c of CONSIGNEES) {
    const { id, delivery } = await contactWithAddresses(t, c as (typeof BUYERS)[number]);
    consignees.push({ id, delivery });
  }
  const [cons, wid, lic, book, trn] = items as [number, number, number, number, number];
  const T = taxes;
  const cases: Case[] = [
    { name: 'single-std', buyer: 0, currency: 'EUR', lines: [{ item: cons, tax1: T.std, quantity: 2, price: 120 }] },
    { name: 'discount-10', buyer: 0, currency: 'EUR', lines: [{ item: cons, tax1: T.std, quantity: 2, price: 100, discount: 10 }] },
    { name: 'worked-example', buyer: 2, currency: 'EUR', lines: [{ item: wid, tax1: T.super, quantity: 100, price: '7.70', discount: 25 }] },
    { name: 'half-cent', buyer: 0, currency: 'USD', lines: [{ item: trn, tax1: T.reduced, quantity: '0.5', price: '1.05' }] },
    { name: 'two-rates', buyer: 1, currency: 'EUR', lines: [{ item: cons, tax1: T.std, quantity: 3, price: '99.99', discount: '12.5' }, { item: book, tax1: T.reduced, quantity: 7, price: '10.05' }] },
    { name: 'zero-rated', buyer: 2, currency: 'EUR', lines: [{ item: book, tax1: T.zero, quantity: 4, price: '10.05' }] },
    { name: 'zero-plus-eco', buyer: 2, currency: 'EUR', lines: [{ item: wid, tax1: T.zero, tax2: T.eco, quantity: 13, price: '7.70', discount: 5 }] },
    { name: 'zero-plus-rebate', buyer: 4, currency: 'EUR', lines: [{ item: book, tax1: T.zero, tax2: T.rebate, quantity: 9, price: '10.05', discount: 3 }] },
    { name: 'eco-and-std', buyer: 0, currency: 'GBP', lines: [{ item: wid, tax1: T.zero, tax2: T.eco, quantity: 1, price: '0.33' }, { item: cons, tax1: T.super, quantity: 1, price: 120 }] },
    { name: 'only-tax2', buyer: 3, currency: 'RUB', lines: [{ item: book, tax2: T.super, quantity: 3, price: '10.05' }] },
    { name: 'full-discount', buyer: 0, currency: 'EUR', lines: [{ item: cons, tax1: T.std, quantity: 1, price: 120, discount: 100 }, { item: lic, tax1: T.std, quantity: 1, price: '49.99' }] },
    { name: 'odd-discount', buyer: 4, currency: 'SEK', lines: [{ item: lic, tax1: T.std, quantity: 3, price: '49.99', discount: '33.33' }] },
    { name: 'many-lines-rounding', buyer: 0, currency: 'EUR', lines: Array.from({ length: 12 }, (_, i) => ({ item: trn, tax1: T.std, quantity: 1, price: `0.${String(13 + i * 7).padStart(2, '0')}` })) },
    { name: 'big-amounts', buyer: 1, currency: 'EUR', lines: [{ item: cons, tax1: T.std, quantity: 1000, price: '99999.99', discount: '0.01' }] },
    { name: 'tiny-quantity', buyer: 2, currency: 'CHF', lines: [{ item: lic, tax1: T.fr, quantity: '0.01', price: '0.01' }] },
    { name: 'yen', buyer: 4, currency: 'JPY', lines: [{ item: cons, tax1: T.std, quantity: 5, price: 1200 }] },
    { name: 'danish', buyer: 4, currency: 'DKK', lines: [{ item: wid, tax1: T.super, quantity: 10, price: '7.70', discount: 2 }] },
    { name: 'consignee-other', buyer: 0, currency: 'EUR', consignee: 0, lines: [{ item: wid, tax1: T.std, quantity: 50, price: '7.70' }] },
    { name: 'consignee-uk', buyer: 2, currency: 'GBP', consignee: 1, lines: [{ item: wid, tax1: T.super, quantity: 20, price: '7.70', discount: 10 }] },
    { name: 'consignee-self', buyer: 1, currency: 'EUR', consignee: 'buyer', lines: [{ item: book, tax1: T.reduced, quantity: 2, price: '10.05' }] },
    { name: 'consignee-no-address', buyer: 0, currency: 'USD', consignee: 1, noDeliveryAddress: true, lines: [{ item: cons, tax1: T.std, quantity: 1, price: 120 }] },
    { name: 'no-billing-address', buyer: 4, currency: 'EUR', noBillingAddress: true, lines: [{ item: cons, tax1: T.std, quantity: 1, price: 120 }] },
    { name: 'po-and-notes', buyer: 0, currency: 'EUR', po: 'PO-2026/0042', description: 'Thank you & <welcome>!\nSecond line', terms: 'Net 30 — 2 % Skonto within 10 days', lines: [{ item: cons, tax1: T.std, quantity: 1, price: 120, description: 'January retainer' }] },
    { name: 'cyrillic', buyer: 3, currency: 'RUB', language: 'ru-RU', description: 'Спасибо за заказ', lines: [{ item: book, tax1: T.super, quantity: 3, price: '10.05', description: 'Твёрдый переплёт' }] },
    { name: 'sent-frozen', buyer: 2, currency: 'EUR', send: true, lines: [{ item: cons, tax1: T.super, quantity: 2, price: 120, discount: 15 }, { item: wid, tax1: T.zero, tax2: T.eco, quantity: 3, price: '7.70' }] },
    { name: 'mixed-three-rates', buyer: 1, currency: 'EUR', lines: [{ item: cons, tax1: T.std, quantity: 1, price: 120 }, { item: book, tax1: T.reduced, quantity: 1, price: '10.05' }, { item: wid, tax1: T.zero, quantity: 1, price: '7.70' }] },
    { name: 'same-rate-many', buyer: 1, currency: 'EUR', lines: Array.from({ length: 8 }, () => ({ item: wid, tax1: T.std, quantity: '1.5', price: '0.33', discount: '3.33' })) },
    { name: 'french', buyer: 2, currency: 'EUR', lines: [{ item: lic, tax1: T.fr, quantity: 3, price: '49.99', discount: 7 }] },
    { name: 'xr-simple', buyer: 1, currency: 'EUR', lines: [{ item: cons, tax1: T.std, quantity: 8, price: 120 }] },
    { name: 'xr-discount', buyer: 1, currency: 'EUR', consignee: 0, lines: [{ item: cons, tax1: T.std, quantity: 2, price: 120, discount: 20 }, { item: book, tax1: T.reduced, quantity: 10, price: '10.05' }] },
    { name: 'xr-po', buyer: 1, currency: 'EUR', po: '4500012345', lines: [{ item: lic, tax1: T.std, quantity: 1, price: '49.99' }] },
    { name: 'untaxed', buyer: 0, currency: 'USD', lines: [{ item: cons, quantity: 3, price: 120 }, { item: trn, quantity: 7, price: '0.33', discount: 1 }] },
    { name: 'untaxed-discount', buyer: 4, currency: 'EUR', lines: [{ item: lic, quantity: 2, price: '49.99', discount: 50 }] },
  ];
  const invoices = new Map<string, number>();
  for (const [i, c] of cases.entries()) {
    const buyer = buyers[c.buyer]!;
    const consignee = c.consignee === undefined ? undefined : c.consignee === 'buyer' ? { id: buyer.id, delivery: buyer.delivery } : consignees[c.consignee]!;
    const body = {
      number: `EI-${run}-${String(i + 1).padStart(3, '0')}`,
      issueDate: '2026-03-02',
      dueDate: '2026-04-01',
      contactId: buyer.id,
      consigneeId: consignee?.id ?? 0,
      billingAddressID: c.noBillingAddress ? 0 : buyer.billing,
      deliveryAddressID: consignee && !c.noDeliveryAddress ? consignee.delivery : 0,
      language: c.language ?? 'en-US',
      currency: c.currency,
      exchangeRate: 1,
      purchaseOrderNumber: c.po ?? '',
      terms: c.terms ?? 'Net 30',
      description: c.description ?? '',
      invoiceLines: c.lines.map((l) => ({
        invoiceItemID: l.item, invoiceTax1ID: l.tax1 ?? 0, invoiceTax2ID: l.tax2 ?? 0, quantity: l.quantity, price: l.price, discount: l.discount ?? 0, description: l.description ?? '',
      })),
    };
    const invoice = await created(t, 'POST', '/api/2.0/crm/invoice', body);
    if (c.send) await created(t, 'PUT', '/api/2.0/crm/invoice/status/2', { invoiceids: [invoice.id] });
    invoices.set(c.name, invoice.id);
  }
  return {
    taxes, items, buyers, consignees, invoices,
    xrechnung: ['two-rates', 'big-amounts', 'consignee-self', 'same-rate-many', 'mixed-three-rates', 'xr-simple', 'xr-discount', 'xr-po'],
    untaxed: ['untaxed', 'untaxed-discount'],
  };
}

/** GET crm/invoice/{id}/einvoice?format=…: status, content type and body. */
export async function fetchEinvoice(t: TestApp, id: number, format: string, token?: string): Promise<{ status: number; type: string; body: Buffer; json: any; disposition: string }> {
  const res = await t.app.inject({ method: 'GET', url: `/api/2.0/crm/invoice/${id}/einvoice?format=${format}`, headers: { authorization: token ?? t.adminToken } });
  let json: any;
  try {
    json = res.json();
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), body: res.rawPayload, json, disposition: String(res.headers['content-disposition'] ?? '') };
}
