// Render time of a 50-line invoice PDF (issue 6): median and p95 over BENCH_RUNS renders (default
// 30) after warm-up runs, per layout, in-process (view model → bytes; no database, no HTTP).
// Run: node --import tsx bench/documents.ts
import { buildInvoiceDocument, type InvoiceDocument } from '../src/domain/documents/invoice-document.js';
import { Decimal } from '../src/domain/money.js';
import { renderInvoicePdf } from '../src/documents/pdf/invoice-pdf.js';

const RUNS = Math.max(20, Number(process.env.BENCH_RUNS ?? 30));
const WARMUP = 3;
const LINES = 50;

function fiftyLineInvoice(templateType: number, language: string): InvoiceDocument {
  const d = (s: string | number) => new Decimal(s);
  const vat = { id: 1, name: 'VAT', rate: d('19.00') };
  const eco = { id: 2, name: 'Eco levy', rate: d('2.50') };
  return buildInvoiceDocument({
    invoice: {
      id: 1, number: 'INV-0000050', status: 'sent', templateType, language, currency: 'EUR', exchangeRate: d(1),
      issueDate: new Date('2026-03-02T09:00:00Z'), dueDate: new Date('2026-04-01T00:00:00Z'), purchaseOrderNumber: 'PO-4711',
      terms: 'Payable within 30 days without deduction.', description: 'Thank you for your order.',
    },
    lines: Array.from({ length: LINES }, (_, i) => ({
      id: i + 1, itemId: (i % 7) + 1, itemTitle: `Article ${i + 1} — Консультация`, description: i % 3 === 0 ? 'Delivered and installed on site' : '',
      quantity: d((i % 9) + 1), price: d(`${100 + i}.45`), discount: d(i % 4 === 0 ? 5 : 0), tax1: vat, tax2: i % 5 === 0 ? eco : null,
    })),
    seller: { name: 'Ledgerline Demo GmbH', address: { street: 'Unter den Linden 1', city: 'Berlin', state: '', zip: '10117', country: 'Germany' }, logo: null },
    billTo: { contactId: 2, isCompany: true, name: 'Müller & Söhne KG', address: { street: 'Königsallee 12', city: 'Düsseldorf', state: '', zip: '40212', country: 'Germany' } },
    shipTo: { contactId: 3, isCompany: true, name: 'Hafenlager AG', address: { street: 'Am Sandtorkai 5', city: 'Hamburg', state: '', zip: '20457', country: 'Germany' } },
    currency: { title: 'Euro', symbol: '€' },
    timeZone: 'Europe/Berlin',
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(doc: InvoiceDocument): Promise<{ medianMs: number; p95Ms: number; bytes: number }> {
  let bytes = 0;
  for (let i = 0; i < WARMUP; i++) bytes = (await renderInvoicePdf(doc)).length;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await renderInvoicePdf(doc);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { medianMs: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), bytes };
}

async function main(): Promise<void> {
  for (const [layout, templateType, language] of [['Eur', 0, 'de-DE'], ['Rus', 1, 'ru-RU']] as const) {
    const r = await measure(fiftyLineInvoice(templateType, language));
    console.log(JSON.stringify({ figure: `render a ${LINES}-line invoice PDF (${layout} layout, ${language}, pdfmake, in-process)`, runs: RUNS, ...r }));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
