// The EN 16931 semantic model of domain/einvoice: line mapping, VAT breakdown and totals, parties,
// and the findings that become one 400.
import { describe, expect, it } from 'vitest';
import type { EinvoiceInput, EinvoiceLineInput } from '../../src/domain/documents/einvoice-input.js';
import { composeEinvoice } from '../../src/domain/einvoice/compose-einvoice.js';
import { countryCodeOf } from '../../src/domain/einvoice/country.js';
import { EMPTY_CONTACT_SETTINGS, EMPTY_SELLER_SETTINGS, isValidGln, isValidIban } from '../../src/domain/einvoice/einvoice-settings.js';
import { parseEinvoiceFormat, profileOf } from '../../src/domain/einvoice/profiles.js';
import { Decimal } from '../../src/domain/money.js';

const d = (s: string | number) => new Decimal(s);
const line = (over: Partial<EinvoiceLineInput> = {}): EinvoiceLineInput => ({
  itemTitle: 'Item', sku: '', description: '', quantity: d(1), price: d(10), discount: d(0), tax1: { name: 'VAT', rate: d(20) }, tax2: null, ...over,
});
const input = (over: Partial<EinvoiceInput> = {}): EinvoiceInput => ({
  number: 'INV-1', issueDate: '2026-01-15', dueDate: '2026-02-14', currency: 'EUR', purchaseOrderNumber: '', terms: 'Net 30', description: '',
  seller: { name: 'Seller GmbH', address: { street: 'A 1', city: 'Berlin', state: '', zip: '10115', country: 'Germany' }, settings: { ...EMPTY_SELLER_SETTINGS, vatId: 'DE123456789' } },
  buyer: { name: 'Buyer', address: { street: 'B 2', city: 'Paris', state: '', zip: '75001', country: 'France' }, settings: { ...EMPTY_CONTACT_SETTINGS } },
  consignee: null,
  lines: [line()],
  ...over,
});
const ubl = profileOf('ubl');

describe('composeEinvoice', () => {
  it('keeps the cost arithmetic per line and computes VAT once per category (BR-S-09)', () => {
    const m = composeEinvoice(input({ lines: Array.from({ length: 3 }, () => line({ price: d('0.05'), tax1: { name: 'R', rate: d(7) } })) }), ubl);
    expect(m.lines.map((l) => l.netAmount.toFixed(2))).toEqual(['0.05', '0.05', '0.05']);
    expect(m.vatBreakdown).toHaveLength(1);
    expect(m.vatBreakdown[0]!.taxAmount.toFixed(2)).toBe('0.01'); // 0.0105; cost would say 0.00
    expect(m.totals.payable.toFixed(2)).toBe('0.16');
  });

  it('rounds a category VAT half away from zero', () => {
    const m = composeEinvoice(input({ lines: [line({ price: d('0.25'), tax1: { name: 'V', rate: d(10) } })] }), ubl);
    expect(m.vatBreakdown[0]!.taxAmount.toFixed(2)).toBe('0.03'); // 0.025 → 0.03 (cost: banker's 0.02)
  });

  it('maps a discount to an allowance on the gross and groups lines by category and rate', () => {
    const m = composeEinvoice(input({ lines: [line({ quantity: d(100), price: d('7.70'), discount: d(25) }), line({ tax1: { name: 'Z', rate: d(0) } }), line()] }), ubl);
    expect(m.lines[0]!.allowancesCharges).toEqual([{ isCharge: false, amount: d('192.50'), baseAmount: d('770.00'), percent: d(25), reasonCode: '95', reason: 'Discount' }]);
    expect(m.vatBreakdown.map((b) => [b.category, b.rate?.toFixed(2), b.taxableAmount.toFixed(2), b.taxAmount.toFixed(2)])).toEqual([
      ['S', '20.00', '587.50', '117.50'],
      ['Z', '0.00', '10.00', '0.00'],
    ]);
  });

  it('turns a second tax beside a 0 % first tax into a charge, a negative one into an allowance', () => {
    const m = composeEinvoice(input({ lines: [line({ tax1: { name: 'Z', rate: d(0) }, tax2: { name: 'Eco', rate: d('2.5') } }), line({ tax1: { name: 'Z', rate: d(0) }, tax2: { name: 'Rebate', rate: d(-1) } })] }), ubl);
    expect(m.lines.map((l) => [l.netAmount.toFixed(2), l.allowancesCharges.map((a) => `${a.isCharge}:${a.amount.toFixed(2)}:${a.reason}`)])).toEqual([
      ['10.25', ['true:0.25:Eco (2.50 %)']],
      ['9.90', ['false:0.10:Rebate (-1.00 %)']],
    ]);
  });

  it('collects every missing term and every inexpressible line in one message', () => {
    const bad = input({
      seller: { name: ' ', address: undefined, settings: { ...EMPTY_SELLER_SETTINGS } },
      buyer: { name: 'B', address: undefined, settings: { ...EMPTY_CONTACT_SETTINGS } },
      lines: [line({ tax2: { name: 'Second', rate: d(5) } }), line({ itemTitle: '' })],
    });
    expect(() => composeEinvoice(bad, ubl)).toThrow(
      /missing BT-27 Seller name .*, BT-31 Seller VAT identifier .*, BT-40 Seller country code .*, BT-55 Buyer country code .*, BT-153 Item name \(line 2\); cannot be expressed: BG-28 Invoice line charge: line 1/,
    );
  });

  it('XRechnung adds its own mandatory terms', () => {
    expect(() => composeEinvoice(input(), profileOf('xrechnung-cii'))).toThrow(
      /XRechnung 3.0 e-invoice \(CII\): missing BT-10 Buyer reference .*BT-34 Seller electronic address .*BT-41 .*BT-42 .*BT-43 .*BT-49 Buyer electronic address .*BT-81 Payment means type code/,
    );
  });

  it('an invoice not subject to VAT drops the VAT identifiers (BR-O-02) and needs a legal registration (BR-CO-26)', () => {
    const untaxed = input({ lines: [line({ tax1: null })], buyer: { name: 'B', address: undefined, settings: { ...EMPTY_CONTACT_SETTINGS, vatId: 'FR1', countryCode: 'FR' } } });
    expect(() => composeEinvoice(untaxed, ubl)).toThrow(/BT-30 Seller legal registration identifier \(BR-CO-26/);
    untaxed.seller.settings = { ...untaxed.seller.settings, legalRegistrationId: 'HRB 1' };
    const m = composeEinvoice(untaxed, ubl);
    expect([m.seller.vatId, m.buyer.vatId, m.lines[0]!.vat.rate]).toEqual([undefined, undefined, undefined]);
    expect(m.vatBreakdown[0]!.exemptionReason).toBe('Not subject to VAT');
  });

  it('payment: an IBAN means SEPA credit transfer for EUR, credit transfer otherwise; 30/58 need the IBAN (BR-61)', () => {
    const withIban = (currency: string) => input({ currency, seller: { ...input().seller, settings: { ...EMPTY_SELLER_SETTINGS, vatId: 'DE123456789', iban: 'DE89370400440532013000' } } });
    expect(composeEinvoice(withIban('EUR'), ubl).payment?.meansCode).toBe('58');
    expect(composeEinvoice(withIban('USD'), ubl).payment?.meansCode).toBe('30');
    const noIban = input({ seller: { ...input().seller, settings: { ...EMPTY_SELLER_SETTINGS, vatId: 'DE123456789', paymentMeansCode: '30' } } });
    expect(() => composeEinvoice(noIban, ubl)).toThrow(/missing BT-84 Payment account identifier/);
  });
});

describe('country codes from address text', () => {
  it.each([
    ['DE', 'DE'], ['de', 'DE'], ['Germany', 'DE'], ['Deutschland', 'DE'], ['Германия', 'DE'], ['USA', 'US'], ['United States', 'US'],
    ['UK', 'GB'], ['Россия', 'RU'], ['  côte d’ivoire ', 'CI'], ['Österreich', 'AT'], ['XX', undefined], ['Atlantis', undefined], ['', undefined],
  ])('%j → %s', (text, code) => expect(countryCodeOf(text)).toBe(code));
});

describe('settings checks', () => {
  it('IBAN check digits', () => {
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
    expect(isValidIban('DE89370400440532013001')).toBe(false);
  });

  it('GLN check digit (scheme 0088)', () => {
    expect(isValidGln('4000001000005')).toBe(true);
    expect(isValidGln('4000001000006')).toBe(false);
    expect(isValidGln('400000100000')).toBe(false);
  });

  it('formats', () => {
    expect(parseEinvoiceFormat(' UBL ')).toBe('ubl');
    expect(() => parseEinvoiceFormat('zugferd')).toThrow(/one of ubl, cii, xrechnung-ubl, xrechnung-cii, facturx/);
  });
});
