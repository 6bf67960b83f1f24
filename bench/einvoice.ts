// Render time of a 50-line e-invoice (issue 6): median and p95 over BENCH_RUNS renders (default
// 30, at least 20) after warm-up runs, in-process: InvoiceDocument + e-invoice settings → EN 16931
// model → document bytes (no database, no HTTP). UBL is the figure the issue asks for; CII and
// Factur-X are printed for comparison.
// Run: node --import tsx bench/einvoice.ts
import { einvoiceInputOf, type EinvoiceExtras } from '../src/domain/documents/einvoice-input.js';
import { buildInvoiceDocument, type InvoiceDocument } from '../src/domain/documents/invoice-document.js';
import { composeEinvoice } from '../src/domain/einvoice/compose-einvoice.js';
import { EMPTY_CONTACT_SETTINGS, EMPTY_SELLER_SETTINGS } from '../src/domain/einvoice/einvoice-settings.js';
import { profileOf } from '../src/domain/einvoice/profiles.js';
import { Decimal } from '../src/domain/money.js';
import { renderCii } from '../src/documents/einvoice/cii/render-cii.js';
import { renderFacturx } from '../src/documents/einvoice/facturx/render-facturx.js';
import { renderUbl } from '../src/documents/einvoice/ubl/render-ubl.js';

const RUNS = Math.max(20, Number(process.env.BENCH_RUNS ?? 30));
const WARMUP = 3;
const LINES = 50;

function fiftyLineInvoice(): InvoiceDocument {
  const d = (s: string | number) => new Decimal(s);
  const vat = { id: 1, name: 'VAT 19', rate: d('19.00') };
  const reduced = { id: 2, name: 'VAT 7', rate: d('7.00') };
  const zero = { id: 3, name: 'Zero rated', rate: d('0.00') };
  const eco = { id: 4, name: 'Eco levy', rate: d('2.50') };
  return buildInvoiceDocument({
    invoice: {
      id: 1, number: 'INV-0000050', status: 'sent', templateType: 0, language: 'de-DE', currency: 'EUR', exchangeRate: d(1),
      issueDate: new Date('2026-03-02T09:00:00Z'), dueDate: new Date('2026-04-01T00:00:00Z'), purchaseOrderNumber: 'PO-4711',
      terms: 'Payable within 30 days without deduction.', description: 'Thank you for your order.',
    },
    lines: Array.from({ length: LINES }, (_, i) => ({
      id: i + 1, itemId: (i % 7) + 1, itemTitle: `Article ${i + 1} — Консультация`, description: i % 3 === 0 ? 'Delivered and installed on site' : '',
      quantity: d((i % 9) + 1), price: d(`${100 + i}.45`), discount: d(i % 4 === 0 ? 5 : 0),
      tax1: i % 5 === 0 ? zero : i % 2 ? reduced : vat, tax2: i % 5 === 0 ? eco : null,
    })),
    seller: { name: 'Ledgerline Demo GmbH', address: { street: 'Unter den Linden 1', city: 'Berlin', state: '', zip: '10117', country: 'Germany' }, logo: null },
    billTo: { contactId: 2, isCompany: true, name: 'Müller & Söhne KG', address: { street: 'Königsallee 12', city: 'Düsseldorf', state: '', zip: '40212', country: 'Germany' } },
    shipTo: { contactId: 3, isCompany: true, name: 'Hafenlager AG', address: { street: 'Am Sandtorkai 5', city: 'Hamburg', state: '', zip: '20457', country: 'Germany' } },
    currency: { title: 'Euro', symbol: '€' },
    timeZone: 'Europe/Berlin',
  });
}

const EXTRAS: EinvoiceExtras = {
  seller: { ...EMPTY_SELLER_SETTINGS, vatId: 'DE123456789', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', electronicAddress: 'billing@example.test', electronicAddressScheme: 'EM' },
  contacts: new Map([[2, { ...EMPTY_CONTACT_SETTINGS, vatId: 'DE987654321', electronicAddress: 'ap@example.test', electronicAddressScheme: 'EM' }]]),
  skus: new Map(Array.from({ length: 7 }, (_, i) => [i + 1, `SKU-${i + 1}`])),
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(render: () => Promise<number> | number): Promise<{ medianMs: number; p95Ms: number; bytes: number }> {
  let bytes = 0;
  for (let i = 0; i < WARMUP; i++) bytes = await render();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await render();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { medianMs: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), bytes };
}

async function main(): Promise<void> {
  const doc = fiftyLineInvoice();
  const model = (format: 'ubl' | 'cii' | 'facturx') => composeEinvoice(einvoiceInputOf(doc, EXTRAS), profileOf(format));
  const figures: [string, () => Promise<number> | number][] = [
    ['UBL 2.1 (EN 16931)', () => Buffer.byteLength(renderUbl(model('ubl')))],
    ['CII D16B (EN 16931)', () => Buffer.byteLength(renderCii(model('cii')))],
    ['Factur-X (PDF/A-3 + CII)', async () => {
      const m = model('facturx');
      const text = { labels: doc.labels, locale: doc.locale, issueDate: doc.issueDate.text, dueDate: doc.dueDate.text, logo: doc.seller.logo };
      return (await renderFacturx(m, { xml: renderCii(m), createdAt: new Date('2026-03-02T09:00:00Z'), text })).length;
    }],
  ];
  for (const [what, render] of figures) {
    const r = await measure(render);
    console.log(JSON.stringify({ figure: `render a ${LINES}-line ${what} e-invoice (model + XML${what.startsWith('Factur') ? ' + PDF' : ''}, in-process)`, runs: RUNS, ...r }));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
