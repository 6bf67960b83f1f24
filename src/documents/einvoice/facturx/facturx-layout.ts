// The human-readable page of a Factur-X invoice. Its figures come from the same EN 16931 model as
// the embedded XML, so that what the PDF shows (lines, VAT breakdown, totals) is exactly what the
// XML says — Factur-X requires the two to agree, and an e-invoice's totals follow EN 16931's
// calculation rules, not the snapshot's (see domain/einvoice/einvoice-totals.ts). Its words come
// from the invoice's label catalogue and culture (the InvoiceDocument's), as the PDF's do.
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { formatDecimal } from '../../../domain/documents/format.js';
import type { DocumentLogo } from '../../../domain/documents/invoice-document.js';
import type { EinvoiceModel, EinvoiceParty, PostalAddress } from '../../../domain/einvoice/einvoice-model.js';
import { fillLabel, type DocumentLabels } from '../../../domain/invoices/labels.js';
import type { Decimal } from '../../../domain/money.js';
import { logoContent } from '../../pdf/blocks.js';
import { xmlText } from '../xml.js';

/** The words and dates of the page, in the invoice's language (from its InvoiceDocument). */
export interface FacturxText {
  labels: DocumentLabels;
  locale: string;
  issueDate: string;
  dueDate: string;
  /** The organisation logo, drawn as the invoice PDF draws it. */
  logo: DocumentLogo | null;
}

const clean = (s: string) => xmlText(s);

function addressLines(a: PostalAddress): string[] {
  return [a.street, [a.postCode, a.city].filter(Boolean).join(' '), a.subdivision, a.countryCode].filter((l) => l.trim() !== '');
}

function partyBlock(title: string, name: string, address: PostalAddress | undefined, p?: EinvoiceParty): Content {
  const ids = [p?.vatId && `VAT ${p.vatId}`, p?.taxRegistrationId, p?.legalRegistration?.id].filter((x): x is string => !!x);
  return {
    stack: [
      { text: title, style: 'label' },
      { text: clean(name), bold: true },
      ...(address ? addressLines(address) : []).map((l) => ({ text: clean(l) })),
      ...ids.map((l) => ({ text: clean(l), style: 'small' })),
    ],
  };
}

export function facturxContent(m: EinvoiceModel, t: FacturxText): Content[] {
  const L = t.labels;
  const money = (d: Decimal) => formatDecimal(d, t.locale);
  const rate = (d: Decimal | undefined) => (d ? ` ${formatDecimal(d, t.locale)} %` : '');
  const [item, quantity, price, discount, tax, , amount] = L.tableHeader;
  const numeric = new Set([2, 3, 6]);
  const header: TableCell[] = [L.lineNumber, item, quantity, price, discount, tax, amount].map((h, i) => ({ text: h ?? '', style: 'th', alignment: numeric.has(i) ? 'right' : 'left' }));
  const rows: TableCell[][] = m.lines.map((l) => [
    l.id,
    { stack: [{ text: clean(l.itemName) }, ...(l.itemDescription ? [{ text: clean(l.itemDescription), style: 'small' }] : [])] },
    { text: money(l.quantity), alignment: 'right' },
    { text: money(l.price), alignment: 'right' },
    { text: l.allowancesCharges.map((ac) => `${ac.isCharge ? '+' : '−'}${money(ac.amount)} (${clean(ac.reason)}${ac.reasonCode ? ` ${money(ac.percent)} %` : ''})`).join('\n'), style: 'small' },
    { text: `${l.vat.category}${rate(l.vat.rate)}` },
    { text: money(l.netAmount), alignment: 'right' },
  ]);
  const totalRow = (label: string, value: string, bold = false): TableCell[] => [{ text: label, bold }, { text: value, alignment: 'right', bold }];
  const vatRows = m.vatBreakdown.map((b) =>
    totalRow(`${tax ?? ''} ${b.category}${rate(b.rate)} (${money(b.taxableAmount)})${b.exemptionReason ? `: ${clean(b.exemptionReason)}` : ''}`, money(b.taxAmount)));
  const facts: [string, string][] = [
    [L.invoice, m.number],
    [L.invoiceDate, t.issueDate],
    [L.dueDate, t.dueDate],
    ...(m.orderReference ? [[L.poNumber, m.orderReference] as [string, string]] : []),
  ];
  const p = m.payment;
  const logo = logoContent(t.logo, [160, 60]);
  return [
    ...(logo ? [{ stack: [logo], margin: [0, 0, 0, 8] } as Content] : []),
    {
      columns: [
        partyBlock(L.seller, m.seller.name, m.seller.postalAddress, m.seller),
        { width: 220, table: { body: facts.map(([k, v]) => [{ text: k, style: 'label' }, { text: clean(v), bold: k === L.invoice }]) }, layout: 'noBorders' },
      ],
    },
    {
      columns: [
        partyBlock(L.billTo, m.buyer.name, m.buyer.postalAddress, m.buyer),
        m.delivery ? partyBlock(L.shipTo, m.delivery.name, m.delivery.address) : { text: '' },
      ],
      margin: [0, 16, 0, 0],
    },
    { table: { headerRows: 1, widths: [18, '*', 50, 55, 100, 50, 65], body: [header, ...rows] }, layout: 'lightHorizontalLines', margin: [0, 12, 0, 8] },
    {
      columns: [
        { width: '*', text: '' },
        {
          width: 280,
          table: { widths: ['*', 80], body: [totalRow(L.subtotal, money(m.totals.taxExclusive)), ...vatRows, totalRow(fillLabel(L.invoiceTotal, m.currency), money(m.totals.payable), true)] },
          layout: 'noBorders',
        },
      ],
    },
    ...(p?.accountId ? [{ text: clean(`IBAN ${p.accountId}${p.bic ? ` · BIC ${p.bic}` : ''}${p.accountName ? ` · ${p.accountName}` : ''} · ${m.number}`), margin: [0, 12, 0, 0] } as Content] : []),
    ...(m.paymentTerms ? [{ stack: [{ text: L.terms, style: 'label' }, { text: clean(m.paymentTerms) }], margin: [0, 8, 0, 0] } as Content] : []),
    ...(m.note ? [{ stack: [{ text: L.clientNotes, style: 'label' }, { text: clean(m.note) }], margin: [0, 8, 0, 0] } as Content] : []),
  ];
}
