// The InvoiceDocument view model (issue 6), pure: its arithmetic is the snapshot's (spec §3.2) and
// its cost the API's (§3.1); numbers are written exactly in the invoice's culture; file sizes as
// the original's File wrapper writes them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal, documentLocale } from '../../src/domain/documents/format.js';
import { buildInvoiceDocument, type InvoiceDocumentSources } from '../../src/domain/documents/invoice-document.js';
import { formatFileSize } from '../../src/domain/documents/invoice-file.js';
import { computeInvoiceCost } from '../../src/domain/invoices/invoice-cost.js';
import { ENGLISH_LABELS, buildSnapshotTable } from '../../src/domain/invoices/snapshot.js';
import { Decimal } from '../../src/domain/money.js';

const d = (s: string | number) => new Decimal(s);
const base = (over: Partial<InvoiceDocumentSources> = {}): InvoiceDocumentSources => ({
  invoice: {
    id: 1, number: 'INV-1', status: 'draft', templateType: 0, language: 'en-US', currency: 'eur', exchangeRate: d(1),
    issueDate: new Date('2015-05-31T21:00:00Z'), dueDate: new Date('2015-06-30T21:00:00Z'), purchaseOrderNumber: '', terms: 'Net 30', description: '',
  },
  lines: [],
  seller: { name: 'Seller Ltd', address: undefined, logo: null },
  billTo: { contactId: 2, isCompany: true, name: 'ACME', address: { street: '1 Main St', city: 'Springfield', state: '', zip: '', country: '' } },
  shipTo: null,
  currency: { title: 'Euro', symbol: '€' },
  timeZone: 'Europe/Moscow',
  ...over,
});

describe('InvoiceDocument', () => {
  it('the spec\'s examples: 0.11 printed where cost is 0.10; 721.88 both ways', () => {
    const vat = { id: 1, name: 'VAT', rate: d('5.00') };
    const eco = { id: 2, name: 'Eco', rate: d('5.00') };
    const doc = buildInvoiceDocument(base({ lines: [{ id: 1, itemId: 1, itemTitle: 'Pen', description: '', quantity: d(1), price: d('0.10'), discount: d(0), tax1: vat, tax2: eco }] }));
    expect([doc.total.text, doc.cost.text, doc.subtotal.text]).toEqual(['0.11', '0.10', '0.10']);
    expect(doc.taxes.map((t) => [t.label, t.amount.text, t.taxableAmount.text])).toEqual([['VAT (5.00%)', '0.00', '0.10'], ['Eco (5.00%)', '0.00', '0.10']]);
    const big = buildInvoiceDocument(base({
      lines: [{ id: 1, itemId: 1, itemTitle: 'Cable', description: 'per m', quantity: d(100), price: d('7.70'), discount: d(25), tax1: { id: 3, name: 'VAT', rate: d(20) }, tax2: { id: 4, name: 'Eco', rate: d(5) } }],
    }));
    const line = big.lines[0]!;
    expect([line.gross.text, line.discountAmount.text, line.net.text, line.tax1!.amount.text, line.tax2!.amount.text, line.total.text])
      .toEqual(['770.00', '192.50', '577.50', '115.50', '28.88', '721.88']);
    expect(line.title).toBe('Cable: per m');
    expect(big.cost.text).toBe('721.88');
  });

  it('table, footer and total agree with buildSnapshotTable; cost with computeInvoiceCost (property)', () => {
    const amount = fc.integer({ min: 0, max: 10_000_000 }).map((n) => d(n).dividedBy(100));
    const rate = fc.integer({ min: -500, max: 12_000 }).map((n) => d(n).dividedBy(100));
    const tax = fc.option(fc.record({ id: fc.integer({ min: 1, max: 4 }), rate }), { nil: null });
    const line = fc.record({ quantity: amount, price: amount, discount: fc.integer({ min: 0, max: 10_000 }).map((n) => d(n).dividedBy(100)), tax1: tax, tax2: tax });
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), (raw) => {
      // One rate per tax id, as in a catalogue.
      const rates = new Map<number, Decimal>();
      const taxOf = (t: { id: number; rate: Decimal } | null) => {
        if (!t) return null;
        if (!rates.has(t.id)) rates.set(t.id, t.rate);
        return { id: t.id, name: `T${t.id}`, rate: rates.get(t.id)! };
      };
      const lines = raw.map((l, i) => ({ id: i + 1, itemId: 1, itemTitle: 'X', description: '', quantity: l.quantity, price: l.price, discount: l.discount, tax1: taxOf(l.tax1), tax2: taxOf(l.tax2) }));
      const doc = buildInvoiceDocument(base({ lines }));
      const table = buildSnapshotTable(lines.map((l) => ({ ...l, itemTitle: l.itemTitle })), 'EUR', ENGLISH_LABELS);
      expect(doc.lines.map((l) => l.net.value.toFixed(2))).toEqual(table.TableBodyRows.map((r) => r[6]));
      expect([doc.subtotal.value.toFixed(2), ...doc.taxes.map((t) => t.amount.value.toFixed(2))]).toEqual(table.TableFooterRows.map((r) => r.Item2));
      expect(doc.total.value.toFixed(2)).toBe(table.TableTotalRow.Item2);
      expect(doc.cost.value.toFixed(2)).toBe(computeInvoiceCost(lines.map((l) => ({ ...l, tax1Rate: l.tax1?.rate ?? null, tax2Rate: l.tax2?.rate ?? null }))).toFixed(2));
    }), { numRuns: 300 });
  });

  it('dates are the tenant\'s calendar dates, in the invoice\'s culture; labels and template follow the invoice', () => {
    const doc = buildInvoiceDocument(base({ invoice: { ...base().invoice, language: 'ru-RU', templateType: 1 } }));
    expect(doc.issueDate).toMatchObject({ isoDate: '2015-06-01', text: '01.06.2015' });
    expect(doc.dueDate.isoDate).toBe('2015-07-01');
    expect([doc.template, doc.labelLanguage, doc.locale, doc.labels.billTo, doc.totalLabel]).toEqual(['rus', 'ru', 'ru-RU', 'Плательщик', 'Итого по счёту (EUR)']);
    expect(buildInvoiceDocument(base({ invoice: { ...base().invoice, templateType: 7, language: '' } }))).toMatchObject({ template: 'eur', labelLanguage: 'en', locale: 'en-US' });
    expect(doc.billTo?.address).toMatchObject({ lines: ['1 Main St', 'Springfield'], text: '1 Main St, Springfield' });
    expect(doc.seller.address).toBeNull();
  });
});

describe('formatDecimal', () => {
  it.each([
    ['1234.5', 'en-US', '1,234.50'], ['1234.5', 'de-DE', '1.234,50'], ['1234.5', 'ru-RU', '1\u00a0234,50'], ['-1234567.891', 'de-DE', '-1.234.567,89'],
    ['1234.5', 'es-ES', '1234,50'], ['12345.5', 'es-ES', '12.345,50'], ['0', 'de-DE', '0,00'], ['-0.001', 'en-US', '0.00'],
    ['12345678901234567.89', 'en-US', '12,345,678,901,234,567.89'], ['1234.5', 'fr-FR', '1\u00a0234,50'],
  ])('%s in %s → %j', (value, locale, expected) => expect(formatDecimal(d(value), locale)).toBe(expected));

  it('documentLocale: the language when Intl knows it, else en-US', () => {
    expect([documentLocale('de-at'), documentLocale(''), documentLocale('not a tag!')]).toEqual(['de-AT', 'en-US', 'en-US']);
  });
});

describe('formatFileSize (the File wrapper\'s contentLength)', () => {
  it.each([[0, '0 bytes'], [1023, '1,023 bytes'], [1024, '1 KB'], [36050, '35.21 KB'], [1048576, '1 MB'], [1572864, '1.5 MB']])('%d → %s', (n, s) =>
    expect(formatFileSize(n)).toBe(s));
});
