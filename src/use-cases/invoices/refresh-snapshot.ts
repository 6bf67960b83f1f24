// The snapshot refresh after a line change (spec §3.2 "When it is (re)built", DECISIONS Q6): the
// original means to rebuild the table parts and keep the rest, but writes the old JSON back; we
// rebuild TableBodyRows, TableFooterRows and TableTotalRow from the lines as they now are and keep
// every other member as stored (header parts, address ids). The PDF is stale afterwards.
import type { InvoiceItem, InvoiceTax } from '../../domain/invoices/catalogue.js';
import { notFound } from '../../domain/errors.js';
import type { Invoice, InvoiceLine } from '../../domain/invoices/invoice.js';
import { labelsFor } from '../../domain/invoices/labels.js';
import { buildSnapshotTable, type SnapshotLine } from '../../domain/invoices/snapshot.js';
import { findItems, findTaxes } from '../../store/catalogue.store.js';
import { findContactInfo, findContacts } from '../../store/contacts.store.js';
import type { Executor } from '../../store/database.js';
import { updateInvoiceAfterLineChange } from '../../store/invoice-lines.store.js';
import { findInvoice, findLinesOf } from '../../store/invoices.store.js';
import { findInvoiceSettings } from '../../store/settings.store.js';
import { findTenant } from '../../store/tenants.store.js';
import { assembleSnapshot, snapshotLines } from './invoice-snapshot.js';

/** Who changed the invoice, and when (bumps updated_by / updated_at). */
export interface InvoiceChange {
  userId: string;
  now: number;
}

/** A line as the snapshot prints it: what it was issued with once frozen, else the catalogue's current values. */
function snapshotLineOf(line: InvoiceLine, items: ReadonlyMap<number, InvoiceItem>, taxes: ReadonlyMap<number, InvoiceTax>): SnapshotLine {
  const f = line.frozen;
  if (!f) return snapshotLines([line], items, taxes)[0]!;
  return {
    itemTitle: f.itemTitle,
    description: line.description,
    quantity: line.quantity,
    price: line.price,
    discount: line.discount,
    tax1: f.tax1 && { id: line.tax1Id, ...f.tax1 },
    tax2: f.tax2 && { id: line.tax2Id, ...f.tax2 },
  };
}

/** The stored snapshot as an object, or undefined when there is none to keep (spec Q1: an empty string). */
function parseStored(jsonData: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(jsonData);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * With no readable stored snapshot there are no header parts to keep: build them from the invoice
 * row (its address ids are stored in columns for this, DECISIONS), as create does.
 */
async function assembleFromRow(trx: Executor, invoice: Invoice, lines: readonly InvoiceLine[], items: ReadonlyMap<number, InvoiceItem>, taxes: ReadonlyMap<number, InvoiceTax>): Promise<Record<string, unknown>> {
  const tenantId = invoice.tenantId;
  const [contacts, billingAddress, deliveryAddress, settings, tenant] = await Promise.all([
    findContacts(trx, tenantId, [invoice.contactId, invoice.consigneeId]),
    findContactInfo(trx, tenantId, invoice.billingAddressId),
    findContactInfo(trx, tenantId, invoice.deliveryAddressId),
    findInvoiceSettings(trx, tenantId),
    findTenant(trx, tenantId),
  ]);
  const json = assembleSnapshot({
    header: invoice,
    lines,
    items,
    taxes,
    contact: contacts.get(invoice.contactId),
    consignee: invoice.consigneeId > 0 ? contacts.get(invoice.consigneeId) : undefined,
    billingAddress,
    deliveryAddress,
    settings,
    timeZone: tenant?.timeZone ?? 'UTC',
  });
  return JSON.parse(json) as Record<string, unknown>;
}

/**
 * Rebuilds the table parts of the invoice's stored snapshot from its lines (sortOrder, then id),
 * keeps every other member, bumps updated_at/updated_by and resets file_id to 0.
 * Call it inside the transaction that changed the lines, after the change, holding the invoice's
 * row lock (see lockInvoiceRow). Returns the invoice's lines as they now are.
 */
export async function refreshSnapshotTable(trx: Executor, tenantId: number, invoiceId: number, change: InvoiceChange): Promise<InvoiceLine[]> {
  const invoice = await findInvoice(trx, tenantId, invoiceId);
  if (!invoice) throw notFound(`Invoice ${invoiceId} not found`);
  const lines = (await findLinesOf(trx, tenantId, [invoiceId])).get(invoiceId) ?? [];
  const current = lines.filter((l) => !l.frozen);
  const [items, taxes] = await Promise.all([
    findItems(trx, tenantId, current.map((l) => l.itemId)),
    findTaxes(trx, tenantId, current.flatMap((l) => [l.tax1Id, l.tax2Id])),
  ]);
  const table = buildSnapshotTable(lines.map((l) => snapshotLineOf(l, items, taxes)), invoice.currency, labelsFor(invoice.language));
  const stored = parseStored(invoice.jsonData) ?? (await assembleFromRow(trx, invoice, lines, items, taxes));
  // Spreading keeps the stored member order; only the three table members are replaced.
  const snapshot = {
    ...stored,
    TableBodyRows: table.TableBodyRows,
    TableFooterRows: table.TableFooterRows,
    TableTotalRow: table.TableTotalRow,
  };
  await updateInvoiceAfterLineChange(trx, tenantId, invoiceId, { jsonData: JSON.stringify(snapshot), userId: change.userId, now: change.now });
  return lines;
}
