// The print snapshot (spec §3.2): a denormalised "print model" stored as a JSON string with
// PascalCase members and .NET tuples as {Item1, Item2}. Its arithmetic differs from `cost` on
// purpose (DECISIONS Q11 keeps both): per line the two tax rates are added and rounded once.
import type { AddressParts } from '../contacts/contact.js';
import type { Decimal } from '../money.js';
import { computeInvoiceTotals } from './invoice-totals.js';

export interface SnapshotLabels {
  seller: string;
  invoice: string;
  invoiceDate: string;
  poNumber: string;
  dueDate: string;
  billTo: string;
  tableHeader: readonly string[];
  subtotal: string;
  /** `{0}` is replaced by the currency code. */
  invoiceTotal: string;
  terms: string;
  clientNotes: string;
  shipTo: string;
}

export const ENGLISH_LABELS: SnapshotLabels = {
  seller: 'Seller',
  invoice: 'Invoice',
  invoiceDate: 'Invoice Date',
  poNumber: 'PO Number',
  dueDate: 'Due date',
  billTo: 'Bill To',
  tableHeader: ['Item', 'Quantity', 'Price', 'Discount', 'Tax', 'Tax', 'Amount'],
  subtotal: 'Subtotal',
  invoiceTotal: 'Invoice Total ({0})',
  terms: 'Terms',
  clientNotes: 'Client notes',
  shipTo: 'Ship To',
};

export interface SnapshotTax {
  id: number;
  name: string;
  rate: Decimal;
}

export interface SnapshotLine {
  itemTitle: string;
  description: string;
  quantity: Decimal;
  price: Decimal;
  discount: Decimal;
  tax1: SnapshotTax | null;
  tax2: SnapshotTax | null;
}

export interface SnapshotParty {
  name: string;
  address?: AddressParts;
}

export interface SnapshotInput {
  templateType: number;
  number: string;
  /** Already formatted calendar dates (tenant-local, DECISIONS Q25). */
  issueDate: string;
  dueDate: string;
  purchaseOrderNumber: string;
  terms: string;
  description: string;
  currency: string;
  seller: SnapshotParty;
  logoId: number;
  customer: SnapshotParty | null;
  consignee: SnapshotParty | null;
  billingAddressId: number;
  deliveryAddressId: number;
  lines: readonly SnapshotLine[];
  labels: SnapshotLabels;
}

type Tuple = { Item1: string; Item2: string };
const tuple = (Item1: string, Item2: string): Tuple => ({ Item1, Item2 });
const money = (d: Decimal) => d.toFixed(2);

export function joinAddress(a: AddressParts | undefined): string {
  if (!a) return '';
  return [a.street, a.city, a.state, a.zip, a.country].filter((p) => p && p.trim() !== '').join(', ');
}

const partyText = (p: SnapshotParty) => {
  const address = joinAddress(p.address);
  return address ? `${p.name}\n${address}` : p.name;
};

/** The table parts (rows, footer, total), rebuilt on their own after line edits (DECISIONS Q6). */
export function buildSnapshotTable(lines: readonly SnapshotLine[], currency: string, labels: SnapshotLabels) {
  // The one totals formula (invoice-totals.ts): the editor, the PDF and this snapshot agree.
  const totals = computeInvoiceTotals(lines);
  const rows = lines.map((line, i) => [
    line.description ? `${line.itemTitle}: ${line.description}` : line.itemTitle,
    money(line.quantity),
    money(line.price),
    money(line.discount),
    line.tax1?.name ?? '',
    line.tax2?.name ?? '',
    money(totals.lines[i]!.net),
  ]);
  return {
    TableHeaderRow: [...labels.tableHeader],
    TableBodyRows: rows,
    TableFooterRows: [
      tuple(labels.subtotal, money(totals.subtotal)),
      ...totals.taxes.map((t) => tuple(`${t.tax.name} (${t.tax.rate.toFixed(2)}%)`, money(t.amount))),
    ],
    TableTotalRow: tuple(labels.invoiceTotal.replace('{0}', currency), money(totals.total)),
  };
}

/** The whole snapshot as the JSON string stored with the invoice. */
export function buildSnapshot(input: SnapshotInput): string {
  const l = input.labels;
  const invoiceRows = [tuple(l.invoiceDate, input.issueDate)];
  if (input.purchaseOrderNumber) invoiceRows.push(tuple(l.poNumber, input.purchaseOrderNumber));
  invoiceRows.push(tuple(l.dueDate, input.dueDate));
  const snapshot = {
    TemplateType: input.templateType,
    Seller: tuple(l.seller, partyText(input.seller)),
    LogoBase64Id: input.logoId,
    LogoBase64: null,
    LogoSrcFormat: null,
    Number: tuple(l.invoice, input.number),
    Invoice: invoiceRows,
    Customer: input.customer ? tuple(l.billTo, partyText(input.customer)) : null,
    ...buildSnapshotTable(input.lines, input.currency, l),
    Terms: tuple(l.terms, input.terms),
    Notes: input.description ? tuple(l.clientNotes, input.description) : null,
    Consignee: input.consignee ? tuple(l.shipTo, partyText(input.consignee)) : null,
    DeliveryAddressID: input.deliveryAddressId,
    BillingAddressID: input.billingAddressId,
  };
  return JSON.stringify(snapshot);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date as the snapshot prints it: tenant-local (DECISIONS Q25), in the invoice's culture. */
export function formatSnapshotDate(instant: Date, timeZone: string, language: string): string {
  const key = `${language}|${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' };
    try {
      format = new Intl.DateTimeFormat(language || 'en-US', options);
    } catch {
      format = new Intl.DateTimeFormat('en-US', options);
    }
    if (dateFormats.size >= 256) dateFormats.clear();
    dateFormats.set(key, format);
  }
  return format.format(instant);
}

/** The snapshot without the parties a reader may not see (their members become null). */
export function redactSnapshotParties(jsonData: string, hide: { customer: boolean; consignee: boolean }): string {
  const snapshot = JSON.parse(jsonData) as Record<string, unknown>;
  if (hide.customer) snapshot.Customer = null;
  if (hide.consignee) snapshot.Consignee = null;
  return JSON.stringify(snapshot);
}
