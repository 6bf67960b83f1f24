// GET crm/invoice/{id}/einvoice?format= (issue 6, our extension): answers, rights, the 400s that
// name each missing business term, what the ONLYOFFICE model cannot express, and the mapping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { insertContact } from '../support/crm-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildWorld, invoiceBody, type World } from '../support/invoice-world.js';
import { fetchEinvoice, setUpSeller } from '../einvoice/support/corpus.js';

const SELLER = '/api/2.0/crm/settings/organisation/einvoice';

async function createInvoice(t: TestApp, body: Record<string, unknown>, token?: string): Promise<number> {
  const r = await call(t, 'POST', '/api/2.0/crm/invoice', { json: body, ...(token ? { token } : {}) });
  expect(r.status, r.raw).toBe(201);
  return r.response.id;
}

const errorOf = (r: { json: any }) => r.json?.error?.message as string;

describe('GET invoice/{id}/einvoice', () => {
  let t: TestApp;
  let w: World;
  let invoiceId: number;

  /** The world's invoice body, billed to ACME's billing address ("USA", recognised as US). */
  const body = (over: Record<string, unknown>) => invoiceBody(w, { billingAddressID: w.billingAddressId, ...over });

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    invoiceId = await createInvoice(t, body({ number: 'E-1', purchaseOrderNumber: 'PO-1' }));
  });
  afterAll(async () => t?.close());

  it('names every missing business term in one 400 while the seller has no e-invoice data', async () => {
    const r = await fetchEinvoice(t, invoiceId, 'ubl');
    expect(r.status).toBe(400);
    expect(r.type).toMatch(/application\/json/);
    const message = errorOf(r);
    expect(message).toMatch(/^The invoice cannot be issued as an EN 16931 e-invoice \(UBL\): missing /);
    for (const term of ['BT-27 Seller name', 'BT-40 Seller country code', 'BT-31 Seller VAT identifier']) expect(message).toContain(term);
    // ACME's billing address says "USA", which we recognise: no BT-55 is missing …
    expect(message).not.toContain('BT-55');
    // … but an invoice without a billing address names no buyer country.
    const noAddress = await createInvoice(t, invoiceBody(w, { number: 'E-NOADDR' }));
    expect(errorOf(await fetchEinvoice(t, noAddress, 'ubl'))).toMatch(/BT-31 Seller VAT identifier .*, BT-55 Buyer country code/);
  });

  it('answers UBL, CII, XRechnung and Factur-X once the seller is set up', async () => {
    await setUpSeller(t);
    const expected = {
      ubl: ['application/xml; charset=utf-8', /<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/],
      cii: ['application/xml; charset=utf-8', /<rsm:CrossIndustryInvoice /],
      facturx: ['application/pdf', /^%PDF-1\.7/],
    } as const;
    for (const [format, [type, start]] of Object.entries(expected)) {
      const r = await fetchEinvoice(t, invoiceId, format.toUpperCase());
      expect(r.status, r.body.toString('utf8').slice(0, 500)).toBe(200);
      expect(r.type).toBe(type);
      expect(r.body.toString('latin1')).toMatch(start);
      expect(r.disposition).toBe(`attachment; filename="E-1.${format === 'facturx' ? 'pdf' : 'xml'}"; filename*=UTF-8''E-1.${format === 'facturx' ? 'pdf' : 'xml'}`);
    }
    // XRechnung: the buyer reference falls back to the PO number; the buyer has no electronic address.
    const xr = await fetchEinvoice(t, invoiceId, 'xrechnung-ubl');
    expect(xr.status).toBe(400);
    expect(errorOf(xr)).toMatch(/XRechnung 3\.0 e-invoice \(UBL\): missing BT-49 Buyer electronic address/);
    await call(t, 'PUT', `/api/2.0/crm/contact/${w.contactId}/einvoice`, { json: { electronicAddress: 'ap@acme.example' } });
    const ok = await fetchEinvoice(t, invoiceId, 'xrechnung-cii');
    expect(ok.status, errorOf(ok)).toBe(200);
    const xml = ok.body.toString('utf8');
    expect(xml).toContain('<ram:ID>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0</ram:ID>');
    expect(xml).toContain('<ram:BuyerReference>PO-1</ram:BuyerReference>');
    expect(xml).toContain('<ram:URIID schemeID="EM">ap@acme.example</ram:URIID>');
  });

  it('maps seller, buyer, delivery, line discount and VAT (the spec §8 fixture: cost 216.00)', async () => {
    const id = await createInvoice(t, body({ number: 'E-MAP', consigneeId: w.consigneeId, billingAddressID: w.billingAddressId, deliveryAddressID: w.consigneeDeliveryAddressId }));
    const ubl = (await fetchEinvoice(t, id, 'ubl')).body.toString('utf8');
    expect(ubl).toContain('<cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>');
    expect(ubl).toContain('<cbc:IssueDate>2026-01-15</cbc:IssueDate>');
    expect(ubl).toContain('<cbc:DueDate>2026-02-14</cbc:DueDate>');
    expect(ubl).toContain('<cbc:CompanyID>DE123456789</cbc:CompanyID>');
    expect(ubl).toContain('<cbc:EndpointID schemeID="EM">invoices@ledgerline.example</cbc:EndpointID>');
    expect(ubl).toMatch(/<cac:AccountingCustomerParty>[\s\S]*<cbc:StreetName>1 Main St<\/cbc:StreetName>[\s\S]*<cbc:IdentificationCode>US<\/cbc:IdentificationCode>/);
    expect(ubl).toMatch(/<cac:Delivery>[\s\S]*<cbc:StreetName>2 Harbour Way<\/cbc:StreetName>[\s\S]*<cbc:IdentificationCode>DE<\/cbc:IdentificationCode>[\s\S]*<cbc:Name>Depot \d+<\/cbc:Name>/);
    expect(ubl).toMatch(/<cbc:ChargeIndicator>false<\/cbc:ChargeIndicator>\s*<cbc:AllowanceChargeReasonCode>95<\/cbc:AllowanceChargeReasonCode>\s*<cbc:AllowanceChargeReason>Discount<\/cbc:AllowanceChargeReason>\s*<cbc:MultiplierFactorNumeric>10.00<\/cbc:MultiplierFactorNumeric>\s*<cbc:Amount currencyID="EUR">20.00<\/cbc:Amount>\s*<cbc:BaseAmount currencyID="EUR">200.00<\/cbc:BaseAmount>/);
    expect(ubl).toMatch(/<cac:ClassifiedTaxCategory>\s*<cbc:ID>S<\/cbc:ID>\s*<cbc:Percent>20.00<\/cbc:Percent>/);
    expect(ubl).toContain('<cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>');
    expect(ubl).toContain('<cbc:ID>DE89370400440532013000</cbc:ID>');
    expect(ubl).toContain('<cbc:PayableAmount currencyID="EUR">216.00</cbc:PayableAmount>');
    const invoice = (await call(t, 'GET', `/api/2.0/crm/invoice/${id}`)).response;
    expect(invoice.cost).toBe(216);
  });

  it('computes VAT per category on the sum of line nets (EN 16931), which can differ from cost', async () => {
    // Ten lines of 0.05 at 7 %: cost rounds each line's tax (0.0035 → 0.00), EN 16931 the sum (0.035 → 0.04).
    const lines = Array.from({ length: 10 }, () => ({ invoiceItemID: w.item2Id, invoiceTax1ID: w.reducedTaxId, quantity: 1, price: '0.05' }));
    const id = await createInvoice(t, body({ number: 'E-ROUND', invoiceLines: lines }));
    expect((await call(t, 'GET', `/api/2.0/crm/invoice/${id}`)).response.cost).toBe(0.5);
    const cii = (await fetchEinvoice(t, id, 'cii')).body.toString('utf8');
    expect(cii).toMatch(/<ram:CalculatedAmount>0.04<\/ram:CalculatedAmount>\s*<ram:TypeCode>VAT<\/ram:TypeCode>\s*<ram:BasisAmount>0.50<\/ram:BasisAmount>/);
    expect(cii).toContain('<ram:GrandTotalAmount>0.54</ram:GrandTotalAmount>');
  });

  it('a second tax beside a 0 % first tax is a line charge; beside a VAT > 0 % it is a 400 naming BG-28', async () => {
    const zero = (await call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: 'Zero', description: '', rate: 0 } })).response.id;
    const ok = await createInvoice(t, body({
      number: 'E-ECO', invoiceLines: [{ invoiceItemID: w.item2Id, invoiceTax1ID: zero, invoiceTax2ID: w.reducedTaxId, quantity: 100, price: '7.70', discount: 25 }],
    }));
    const ubl = (await fetchEinvoice(t, ok, 'ubl')).body.toString('utf8');
    // cost: net 577.50 + t2 round2_even(40.425) = 40.42 → 617.92, the same total.
    expect(ubl).toMatch(/<cbc:ChargeIndicator>true<\/cbc:ChargeIndicator>\s*<cbc:AllowanceChargeReason>Reduced \d+ \(7.00 %\)<\/cbc:AllowanceChargeReason>\s*<cbc:MultiplierFactorNumeric>7.00<\/cbc:MultiplierFactorNumeric>\s*<cbc:Amount currencyID="EUR">40.42<\/cbc:Amount>\s*<cbc:BaseAmount currencyID="EUR">577.50<\/cbc:BaseAmount>/);
    expect(ubl).toContain('<cbc:LineExtensionAmount currencyID="EUR">617.92</cbc:LineExtensionAmount>');
    expect(ubl).toContain('<cbc:PayableAmount currencyID="EUR">617.92</cbc:PayableAmount>');
    expect((await call(t, 'GET', `/api/2.0/crm/invoice/${ok}`)).response.cost).toBe(617.92);

    const bad = await createInvoice(t, body({
      number: 'E-TWO', invoiceLines: [{ invoiceItemID: w.itemId, invoiceTax1ID: w.vatId, invoiceTax2ID: w.reducedTaxId, quantity: 1, price: 10 }],
    }));
    const r = await fetchEinvoice(t, bad, 'cii');
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatch(/cannot be expressed: BG-28 Invoice line charge: line 1 has a second tax "Reduced \d+" \(7.00 %\) beside its VAT "VAT \d+" \(20.00 %\)/);
  });

  it('a negative VAT rate cannot be expressed (BT-152)', async () => {
    const negative = (await call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: 'Rebate', description: '', rate: -5 } })).response.id;
    const id = await createInvoice(t, body({ number: 'E-NEG', invoiceLines: [{ invoiceItemID: w.itemId, invoiceTax1ID: negative, quantity: 1, price: 10 }] }));
    const r = await fetchEinvoice(t, id, 'ubl');
    expect(r.status).toBe(400);
    expect(errorOf(r)).toContain('BT-152 Invoiced item VAT rate: line 1 has the tax "Rebate" of -5.00 %');
  });

  it('untaxed lines: O alone (no VAT ids), a 400 naming BT-151 beside taxed lines, E with a reason', async () => {
    const untaxed = await createInvoice(t, body({ number: 'E-O', invoiceLines: [{ invoiceItemID: w.itemId, quantity: 1, price: 10 }] }));
    const o = (await fetchEinvoice(t, untaxed, 'ubl')).body.toString('utf8');
    expect(o).toMatch(/<cac:TaxCategory>\s*<cbc:ID>O<\/cbc:ID>\s*<cbc:TaxExemptionReason>Not subject to VAT<\/cbc:TaxExemptionReason>/);
    expect(o).not.toContain('DE123456789');
    const mixed = await createInvoice(t, body({
      number: 'E-MIX', invoiceLines: [{ invoiceItemID: w.itemId, invoiceTax1ID: w.vatId, quantity: 1, price: 10 }, { invoiceItemID: w.itemId, quantity: 1, price: 10 }],
    }));
    const r = await fetchEinvoice(t, mixed, 'ubl');
    expect(r.status).toBe(400);
    expect(errorOf(r)).toContain('BT-151 Invoiced item VAT category code: line 2 has no tax');
    await call(t, 'PUT', SELLER, { json: { untaxedCategoryCode: 'E' } });
    const noReason = await fetchEinvoice(t, mixed, 'ubl');
    expect(errorOf(noReason)).toContain('missing BT-120 VAT exemption reason text');
    await call(t, 'PUT', SELLER, { json: { exemptionReasonCode: 'VATEX-EU-132-1I' } });
    const e = (await fetchEinvoice(t, mixed, 'cii')).body.toString('utf8');
    expect(e).toMatch(/<ram:CategoryCode>E<\/ram:CategoryCode>\s*<ram:ExemptionReasonCode>VATEX-EU-132-1I<\/ram:ExemptionReasonCode>\s*<ram:RateApplicablePercent>0.00<\/ram:RateApplicablePercent>/);
    await call(t, 'PUT', SELLER, { json: { untaxedCategoryCode: '', exemptionReasonCode: '' } });
  });

  it('a currency outside ISO 4217 today (HRK) cannot be expressed (BT-5)', async () => {
    const id = await createInvoice(t, body({ number: 'E-HRK', currency: 'HRK' }));
    const r = await fetchEinvoice(t, id, 'ubl');
    expect(r.status).toBe(400);
    expect(errorOf(r)).toContain('BT-5 Invoice currency code: HRK is not in the ISO 4217 list of EN 16931');
  });

  it('a buyer whose country is not recognised needs the contact setting (BT-55); the consignee its own (BT-80)', async () => {
    const contact = (await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Nowhere Ltd', shareType: 1 } })).response.id;
    const billing = (await call(t, 'POST', `/api/2.0/crm/contact/${contact}/addressdata`, { json: { address: { street: 'x', city: 'y', country: 'Atlantis', category: 3 } } })).response.id;
    const delivery = (await call(t, 'POST', `/api/2.0/crm/contact/${contact}/addressdata`, { json: { address: { street: 'x', city: 'y', country: '', category: 1 } } })).response.id;
    const id = await createInvoice(t, body({ number: 'E-NOWHERE', contactId: contact, billingAddressID: billing, consigneeId: contact, deliveryAddressID: delivery }));
    const r = await fetchEinvoice(t, id, 'ubl');
    expect(errorOf(r)).toMatch(/missing BT-55 Buyer country code .*, BT-80 Deliver to country code/);
    await call(t, 'PUT', `/api/2.0/crm/contact/${contact}/einvoice`, { json: { countryCode: 'IS' } });
    const ok = await fetchEinvoice(t, id, 'ubl');
    expect(ok.status, errorOf(ok)).toBe(200);
    expect(ok.body.toString('utf8').match(/<cbc:IdentificationCode>IS<\/cbc:IdentificationCode>/g)).toHaveLength(2);
  });

  it('issued invoices keep their frozen rates; drafts follow the catalogue', async () => {
    const tax = (await call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: 'Moving', description: '', rate: 10 } })).response.id;
    const sent = await createInvoice(t, body({ number: 'E-FROZEN', invoiceLines: [{ invoiceItemID: w.itemId, invoiceTax1ID: tax, quantity: 1, price: 100 }] }));
    const draft = await createInvoice(t, body({ number: 'E-DRAFT', invoiceLines: [{ invoiceItemID: w.itemId, invoiceTax1ID: tax, quantity: 1, price: 100 }] }));
    await call(t, 'PUT', '/api/2.0/crm/invoice/status/2', { json: { invoiceids: [sent] } });
    await call(t, 'PUT', `/api/2.0/crm/invoice/tax/${tax}`, { json: { name: 'Moving', description: '', rate: 12 } });
    expect((await fetchEinvoice(t, sent, 'ubl')).body.toString('utf8')).toContain('<cbc:PayableAmount currencyID="EUR">110.00</cbc:PayableAmount>');
    expect((await fetchEinvoice(t, draft, 'ubl')).body.toString('utf8')).toContain('<cbc:PayableAmount currencyID="EUR">112.00</cbc:PayableAmount>');
  });

  it('keeps a Cyrillic invoice number in the UTF-8 file name and escapes XML text', async () => {
    const id = await createInvoice(t, body({ number: 'СЧ-7/1', description: 'a < b & "c"\u0001', purchaseOrderNumber: '' }));
    const r = await fetchEinvoice(t, id, 'cii');
    expect(r.status, errorOf(r)).toBe(200);
    expect(r.disposition).toBe(`attachment; filename="__-7_1.xml"; filename*=UTF-8''${encodeURIComponent('СЧ-7_1.xml')}`);
    const xml = r.body.toString('utf8');
    expect(xml).toContain('<ram:ID>СЧ-7/1</ram:ID>');
    expect(xml).toContain('<ram:Content>a &lt; b &amp; "c"</ram:Content>');
  });

  it('format: 400 when missing or unknown, any letter case accepted', async () => {
    const none = await t.app.inject({ method: 'GET', url: `/api/2.0/crm/invoice/${invoiceId}/einvoice`, headers: { authorization: t.adminToken } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toBe('format: is required; one of ubl, cii, xrechnung-ubl, xrechnung-cii, facturx');
    const bad = await fetchEinvoice(t, invoiceId, 'pdf');
    expect(bad.status).toBe(400);
    expect(errorOf(bad)).toMatch(/format: "pdf" is not a format/);
    expect((await fetchEinvoice(t, invoiceId, 'Xrechnung-UBL')).status).toBe(200);
  });

  it('has the rights of GET invoice: 400 for id ≤ 0, 404 when missing, 403 without access, 401 without a token', async () => {
    expect((await fetchEinvoice(t, 0, 'ubl')).status).toBe(400);
    expect((await fetchEinvoice(t, -1, 'ubl')).status).toBe(400);
    expect((await fetchEinvoice(t, 987_654, 'ubl')).status).toBe(404);
    const user = await t.createUser();
    const privateContact = await insertContact(t, { shareType: 0, isCompany: true, name: 'Hidden GmbH' });
    await call(t, 'PUT', `/api/2.0/crm/contact/${privateContact}/einvoice`, { json: { countryCode: 'AT' } });
    const hidden = await createInvoice(t, body({ number: 'E-HIDDEN', contactId: privateContact, billingAddressID: 0 }));
    expect((await fetchEinvoice(t, hidden, 'ubl', user.token)).status).toBe(403);
    // The creator may read their invoice even when the contact is private (spec §3.5), but an
    // e-invoice must name the buyer: they get 403 rather than the name of a contact they may not read.
    const mine = await createInvoice(t, body({ number: 'E-MINE' }), user.token);
    const moved = await call(t, 'PUT', `/api/2.0/crm/invoice/${mine}`, { json: body({ number: 'E-MINE', contactId: privateContact, billingAddressID: 0 }) });
    expect(moved.status, moved.raw).toBe(200);
    const r = await fetchEinvoice(t, mine, 'ubl', user.token);
    expect(r.status, errorOf(r)).toBe(403);
    expect(r.body.toString('utf8')).not.toContain('Hidden GmbH');
    expect((await fetchEinvoice(t, mine, 'ubl')).body.toString('utf8')).toContain('<cbc:RegistrationName>Hidden GmbH</cbc:RegistrationName>');
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/2.0/crm/invoice/${invoiceId}/einvoice?format=ubl` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('is documented in OpenAPI with its format parameter', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/2.0/openapi.json' })).json();
    const op = doc.paths['/api/2.0/crm/invoice/{invoiceid}/einvoice'].get;
    expect(op.parameters.map((p: any) => p.name).sort()).toEqual(['format', 'invoiceid']);
    expect(op.description).toMatch(/missing business term/);
    expect(doc.paths['/api/2.0/crm/settings/organisation/einvoice'].put).toBeDefined();
    expect(doc.paths['/api/2.0/crm/contact/{contactid}/einvoice'].put).toBeDefined();
  });
});

