// InvoiceDocument: the one view model every invoice renderer reads (the PDF here; UBL, CII,
// XRechnung and Factur-X later). It is the §3.2 print model made structured: what the snapshot
// prints as text is here as values *and* text, so a renderer never computes, rounds, formats or
// looks anything up (STYLE rule 12). Built by buildInvoiceDocument from what the use case
// use-cases/documents/invoice-document.ts loaded; nothing here does I/O.
//
// Arithmetic: the printed table, footer and total follow the snapshot's own formula (spec §3.2,
// DECISIONS Q11: per line the two rates are added and rounded once), so the PDF shows exactly what
// `jsondata` says; `cost` carries the §3.1 amount the API reports, which can differ by 0.01 per line.
import type { AddressParts } from '../contacts/contact.js';
import type { InvoiceStatus } from '../invoices/invoice.js';
import { computeInvoiceTotals } from '../invoices/invoice-totals.js';
import { fillLabel, labelLanguageOf, labelsFor, type DocumentLabels, type LabelLanguage } from '../invoices/labels.js';
import { formatSnapshotDate, joinAddress } from '../invoices/snapshot.js';
import type { Decimal } from '../money.js';
import type { LogoType } from '../settings/organisation-logo.js';
import { localDate } from '../shared/time-zone.js';
import { documentLocale, formatDecimal } from './format.js';

/** An exact amount (money, quantity, percent) and the text a document prints for it. */
export interface DocumentAmount {
  value: Decimal;
  /** In the document's locale, 2 fraction digits: `1.805,00` (de), `1 805,00` (ru), `1,805.00` (en). */
  text: string;
}

/** A calendar date of the invoice. */
export interface DocumentDate {
  /** The stored instant. */
  instant: Date;
  /** The tenant-local calendar date, `YYYY-MM-DD` (DECISIONS Q25); e-invoices print this. */
  isoDate: string;
  /** The same date in the invoice's culture, as the snapshot prints it (`2.3.2026` for de-DE). */
  text: string;
}

export interface DocumentAddress extends AddressParts {
  /** The non-empty parts in order street, city, state, zip, country. */
  lines: string[];
  /** Those parts joined by ", ", as the snapshot prints them. */
  text: string;
}

export interface DocumentParty {
  /** Contact id (0 for the seller). */
  contactId: number;
  isCompany: boolean;
  /** Display name: company name, or "first last" (spec §2.3.4). */
  name: string;
  /** The invoice's billing address (bill-to), delivery address (ship-to) or the organisation address (seller); null when none. */
  address: DocumentAddress | null;
}

export interface DocumentLogo {
  id: number;
  contentType: LogoType;
  /** The image bytes, base64. */
  dataBase64: string;
}

export interface DocumentSeller extends DocumentParty {
  /** The organisation logo when one is set (spec §5.17); renderers that cannot draw its type leave it out. */
  logo: DocumentLogo | null;
}

export interface DocumentLineTax {
  /** The tax's catalogue id (frozen lines keep the id they had). */
  id: number;
  name: string;
  /** Percent. */
  rate: DocumentAmount;
  /** round2_even(net × rate / 100): this tax's own amount on the line (spec §3.1 and the §3.2 footer). */
  amount: DocumentAmount;
}

export interface DocumentLine {
  /** 1-based position in print order (sortOrder, then id). */
  position: number;
  lineId: number;
  itemId: number;
  /** The item's title: frozen on issued invoices, the catalogue's current one on drafts. */
  itemTitle: string;
  /** The line's own description ('' when none). */
  description: string;
  /** What the snapshot prints in the item column: title, plus ": description" when there is one. */
  title: string;
  quantity: DocumentAmount;
  /** Unit price. */
  price: DocumentAmount;
  /** Percent. */
  discountPercent: DocumentAmount;
  /** round2_even(price × quantity). */
  gross: DocumentAmount;
  /** round2_even(gross × discount / 100). */
  discountAmount: DocumentAmount;
  /** gross − discountAmount: the "Amount" column. */
  net: DocumentAmount;
  tax1: DocumentLineTax | null;
  tax2: DocumentLineTax | null;
  /** round2_even(net × (rate1 + rate2) / 100): the snapshot's tax of the line (rates added, rounded once). */
  taxAmount: DocumentAmount;
  /** net + taxAmount; the invoice total is the sum of these. */
  total: DocumentAmount;
}

/** One row of the tax footer: one per distinct tax, in first-use order (spec §3.2 TableFooterRows). */
export interface DocumentTaxRow {
  taxId: number;
  name: string;
  rate: DocumentAmount;
  /** Σ over the lines using it (as tax 1 or tax 2) of round2_even(net × rate / 100). */
  amount: DocumentAmount;
  /** The sum of the nets of those lines (counted once per use). */
  taxableAmount: DocumentAmount;
  /** `"{name} ({rate}%)"`, the rate in the document's locale. */
  label: string;
}

export interface DocumentCurrency {
  /** ISO 4217 code, upper case. */
  code: string;
  /** From the catalogue (spec §2.4); the code when the catalogue does not know it. */
  title: string;
  symbol: string;
}

export type DocumentTemplate = 'eur' | 'rus';

export interface InvoiceDocument {
  invoiceId: number;
  number: string;
  status: InvoiceStatus;
  /** True once the invoice left Draft: lines print what they were issued with (DECISIONS). */
  isIssued: boolean;
  /** The stored templateType (spec §2.1) and the layout it selects: 1 → `rus`, anything else → `eur`. */
  templateType: number;
  template: DocumentTemplate;
  /** The invoice's `language` as stored ('' allowed). */
  language: string;
  /** The culture numbers and dates are written in (`language`, or en-US when empty or unknown). */
  locale: string;
  /** Which label catalogue was used (`labels` below). */
  labelLanguage: LabelLanguage;
  labels: DocumentLabels;
  currency: DocumentCurrency;
  /** Units of the tenant's default currency per unit of the invoice currency (6 decimals). */
  exchangeRate: Decimal;
  issueDate: DocumentDate;
  dueDate: DocumentDate;
  purchaseOrderNumber: string;
  seller: DocumentSeller;
  /** The contact billed, with the invoice's billing address; null if the contact no longer exists. */
  billTo: DocumentParty | null;
  /** The consignee with the invoice's delivery address; null when the invoice has none. */
  shipTo: DocumentParty | null;
  lines: DocumentLine[];
  /** Σ net ("Subtotal"). */
  subtotal: DocumentAmount;
  taxes: DocumentTaxRow[];
  /** Σ line totals ("Invoice Total"), the snapshot's total. */
  total: DocumentAmount;
  /** The §3.1 `cost` the API reports for the invoice (may differ from `total` by 0.01 per line). */
  cost: DocumentAmount;
  /** `labels.invoiceTotal` with the currency code filled in. */
  totalLabel: string;
  terms: string;
  /** The invoice's description, printed as "Client notes"; '' when none. */
  notes: string;
}

// ---------------------------------------------------------------------------------------------
// Building it.

/** A tax as a line uses it: frozen name and rate on issued invoices, the catalogue's on drafts. */
export interface DocumentSourceTax {
  id: number;
  name: string;
  rate: Decimal;
}

export interface DocumentSourceLine {
  id: number;
  itemId: number;
  itemTitle: string;
  description: string;
  quantity: Decimal;
  price: Decimal;
  discount: Decimal;
  tax1: DocumentSourceTax | null;
  tax2: DocumentSourceTax | null;
}

export interface DocumentSourceParty {
  contactId: number;
  isCompany: boolean;
  name: string;
  address: AddressParts | undefined;
}

/** Everything buildInvoiceDocument needs, already loaded and resolved by the use case. */
export interface InvoiceDocumentSources {
  invoice: {
    id: number;
    number: string;
    status: InvoiceStatus;
    templateType: number;
    language: string;
    currency: string;
    exchangeRate: Decimal;
    issueDate: Date;
    dueDate: Date;
    purchaseOrderNumber: string;
    terms: string;
    description: string;
  };
  /** In print order. */
  lines: readonly DocumentSourceLine[];
  seller: { name: string; address: AddressParts | undefined; logo: DocumentLogo | null };
  billTo: DocumentSourceParty | null;
  shipTo: DocumentSourceParty | null;
  currency: { title: string; symbol: string } | undefined;
  /** The tenant's time zone: dates are its calendar dates. */
  timeZone: string;
}

const addressOf = (a: AddressParts | undefined): DocumentAddress | null => {
  const text = joinAddress(a);
  if (!a || !text) return null;
  return { ...a, lines: [a.street, a.city, a.state, a.zip, a.country].filter((p) => p.trim() !== ''), text };
};

export function buildInvoiceDocument(s: InvoiceDocumentSources): InvoiceDocument {
  const inv = s.invoice;
  const locale = documentLocale(inv.language);
  const amount = (value: Decimal): DocumentAmount => ({ value, text: formatDecimal(value, locale) });
  const date = (instant: Date): DocumentDate => ({
    instant,
    isoDate: localDate(instant.getTime(), s.timeZone),
    text: formatSnapshotDate(instant, s.timeZone, inv.language),
  });
  const party = (p: DocumentSourceParty | null): DocumentParty | null =>
    p && { contactId: p.contactId, isCompany: p.isCompany, name: p.name, address: addressOf(p.address) };
  const labels = labelsFor(inv.language);
  const code = inv.currency.toUpperCase();

  // The one totals formula (domain/invoices/invoice-totals.ts): the editor shows what this prints.
  const totals = computeInvoiceTotals(s.lines);
  const lines: DocumentLine[] = s.lines.map((l, i) => {
    const a = totals.lines[i]!;
    const lineTax = (t: DocumentSourceTax | null, taxValue: Decimal): DocumentLineTax | null =>
      t && { id: t.id, name: t.name, rate: amount(t.rate), amount: amount(taxValue) };
    return {
      position: i + 1,
      lineId: l.id,
      itemId: l.itemId,
      itemTitle: l.itemTitle,
      description: l.description,
      title: l.description ? `${l.itemTitle}: ${l.description}` : l.itemTitle,
      quantity: amount(l.quantity),
      price: amount(l.price),
      discountPercent: amount(l.discount),
      gross: amount(a.gross),
      discountAmount: amount(a.discount),
      net: amount(a.net),
      tax1: lineTax(l.tax1, a.tax1),
      tax2: lineTax(l.tax2, a.tax2),
      taxAmount: amount(a.taxAmount),
      total: amount(a.total),
    };
  });

  return {
    invoiceId: inv.id,
    number: inv.number,
    status: inv.status,
    isIssued: inv.status !== 'draft',
    templateType: inv.templateType,
    template: inv.templateType === 1 ? 'rus' : 'eur',
    language: inv.language,
    locale,
    labelLanguage: labelLanguageOf(inv.language),
    labels,
    currency: { code, title: s.currency?.title ?? code, symbol: s.currency?.symbol ?? code },
    exchangeRate: inv.exchangeRate,
    issueDate: date(inv.issueDate),
    dueDate: date(inv.dueDate),
    purchaseOrderNumber: inv.purchaseOrderNumber,
    seller: { contactId: 0, isCompany: true, name: s.seller.name, address: addressOf(s.seller.address), logo: s.seller.logo },
    billTo: party(s.billTo),
    shipTo: party(s.shipTo),
    lines,
    subtotal: amount(totals.subtotal),
    taxes: totals.taxes.map((r) => ({
      taxId: r.tax.id,
      name: r.tax.name,
      rate: amount(r.tax.rate),
      amount: amount(r.amount),
      taxableAmount: amount(r.taxable),
      label: `${r.tax.name} (${formatDecimal(r.tax.rate, locale)}%)`,
    })),
    total: amount(totals.total),
    cost: amount(totals.cost),
    totalLabel: fillLabel(labels.invoiceTotal, code),
    terms: inv.terms,
    notes: inv.description,
  };
}
