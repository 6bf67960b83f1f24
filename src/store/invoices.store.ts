// Invoices and their lines.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Invoice, InvoiceLine, InvoiceStatus } from '../domain/invoices/invoice.js';
import { statusFromWire, WIRE_STATUS } from '../domain/invoices/invoice.js';
import { fromScaled, toScaled, type Decimal } from '../domain/money.js';
import type { Executor } from './database.js';
import type { InvoiceLinesTable, InvoicesTable } from './schema.js';
import { insertRows, PREPARE } from './plain-sql.js';
import { instant, num } from './rows.js';
import { invoiceSearchColumns, searchColumnsKeepingNumber } from './invoice-search.js';

/** The header columns an invoice view needs: everything but the snapshot (`json_data`) and the keys. */
export const INVOICE_VIEW_COLUMNS = [
  'id', 'tenant_id', 'status', 'number', 'issue_date', 'due_date', 'template_type', 'contact_id', 'consignee_id',
  'entity_type', 'entity_id', 'billing_address_id', 'delivery_address_id', 'language', 'currency', 'exchange_rate',
  'purchase_order_number', 'terms', 'description', 'file_id', 'created_by', 'created_at', 'updated_by', 'updated_at',
] as const;

/** Maps an invoice row; lists leave out the snapshot (`json_data`), which then reads as ''. */
export const toInvoice = (r: Omit<Selectable<InvoicesTable>, 'json_data' | 'number_key' | 'search_key' | 'search_key_long'> & { json_data?: string }): Invoice => ({
  id: num(r.id),
  tenantId: num(r.tenant_id),
  status: statusFromWire(num(r.status)) ?? 'draft',
  number: r.number,
  issueDate: instant(r.issue_date)!,
  dueDate: instant(r.due_date)!,
  templateType: num(r.template_type),
  contactId: num(r.contact_id),
  consigneeId: num(r.consignee_id),
  entityType: num(r.entity_type),
  entityId: num(r.entity_id),
  billingAddressId: num(r.billing_address_id),
  deliveryAddressId: num(r.delivery_address_id),
  language: r.language,
  currency: r.currency,
  exchangeRate: fromScaled(r.exchange_rate, 6),
  purchaseOrderNumber: r.purchase_order_number,
  terms: r.terms,
  description: r.description,
  jsonData: r.json_data ?? '',
  fileId: num(r.file_id),
  createdBy: r.created_by,
  createdAt: instant(r.created_at)!,
  updatedBy: r.updated_by,
  updatedAt: instant(r.updated_at)!,
});

const RETURNED_HEADER = sql.raw(INVOICE_VIEW_COLUMNS.join(', '));
/** The line columns a view reads (all but tenant_id). */
const RETURNED_LINE = sql.raw(
  'id, invoice_id, item_id, tax1_id, tax2_id, sort_order, description, quantity, price, discount, item_title, tax1_name, tax1_rate, tax2_name, tax2_rate',
);

export const toLine = (r: Omit<Selectable<InvoiceLinesTable>, 'tenant_id'>): InvoiceLine => ({
  id: num(r.id),
  invoiceId: num(r.invoice_id),
  itemId: num(r.item_id),
  tax1Id: num(r.tax1_id),
  tax2Id: num(r.tax2_id),
  sortOrder: num(r.sort_order),
  description: r.description,
  quantity: fromScaled(r.quantity, 2),
  price: fromScaled(r.price, 2),
  discount: fromScaled(r.discount, 2),
  frozen:
    r.item_title === null
      ? null
      : {
          itemTitle: r.item_title,
          tax1: r.tax1_name === null ? null : { name: r.tax1_name, rate: fromScaled(r.tax1_rate ?? 0, 2) },
          tax2: r.tax2_name === null ? null : { name: r.tax2_name, rate: fromScaled(r.tax2_rate ?? 0, 2) },
        },
});

export interface NewInvoiceRow {
  tenantId: number;
  status: InvoiceStatus;
  number: string;
  numberKey: string;
  issueDate: Date;
  dueDate: Date;
  templateType: number;
  contactId: number;
  consigneeId: number;
  entityId: number;
  billingAddressId: number;
  deliveryAddressId: number;
  language: string;
  currency: string;
  exchangeRate: Decimal;
  purchaseOrderNumber: string;
  terms: string;
  description: string;
  jsonData: string;
  userId: string;
  now: number;
}

/**
 * Inserts the header unless the tenant already has an invoice with its number key: the stored
 * invoice as a read maps it (without the snapshot), or undefined when the number is taken (the
 * unique index decides, ON CONFLICT DO NOTHING, so a number can never be checked free and then be
 * taken by a concurrent transaction before the insert).
 */
export async function insertInvoiceIfNumberFree(db: Executor, v: NewInvoiceRow): Promise<Invoice | undefined> {
  const row = {
    tenant_id: v.tenantId,
    status: WIRE_STATUS[v.status],
    number: v.number,
    number_key: v.numberKey,
    ...headerColumns(v),
    ...invoiceSearchColumns(v.numberKey, v.description),
    created_by: v.userId,
    created_at: v.now,
  } satisfies Insertable<InvoicesTable>;
  const { rows } = await sql<Parameters<typeof toInvoice>[0]>`${PREPARE}${insertRows('invoices', [row])} on conflict (tenant_id, number_key) do nothing returning ${RETURNED_HEADER}`.execute(db);
  return rows[0] && toInvoice(rows[0]);
}

/** The columns a create writes and a full update (PUT) replaces; the PDF goes stale (file_id 0). */
function headerColumns(v: InvoiceHeaderUpdate) {
  return {
    issue_date: v.issueDate.getTime(),
    due_date: v.dueDate.getTime(),
    template_type: v.templateType,
    contact_id: v.contactId,
    consignee_id: v.consigneeId,
    entity_type: 1, // always an opportunity (spec §3.8)
    entity_id: v.entityId,
    billing_address_id: v.billingAddressId,
    delivery_address_id: v.deliveryAddressId,
    language: v.language,
    currency: v.currency,
    exchange_rate: toScaled(v.exchangeRate, 6),
    purchase_order_number: v.purchaseOrderNumber,
    terms: v.terms,
    description: v.description,
    json_data: v.jsonData,
    file_id: 0,
    updated_by: v.userId,
    updated_at: v.now,
  };
}

export interface NewLineRow {
  itemId: number;
  tax1Id: number;
  tax2Id: number;
  sortOrder: number;
  description: string;
  quantity: Decimal;
  price: Decimal;
  discount: Decimal;
}

/** The stored columns of a new line. Lines change only on drafts, and drafts follow the catalogue: nothing frozen. */
export const lineValues = (l: NewLineRow) => ({
  item_id: l.itemId,
  tax1_id: l.tax1Id,
  tax2_id: l.tax2Id,
  sort_order: l.sortOrder,
  description: l.description,
  quantity: toScaled(l.quantity, 2),
  price: toScaled(l.price, 2),
  discount: toScaled(l.discount, 2),
  item_title: null,
  tax1_name: null,
  tax1_rate: null,
  tax2_name: null,
  tax2_rate: null,
});

/** Inserts lines; answers them as a read maps them, in sortOrder then id order. */
export async function insertLines(db: Executor, tenantId: number, invoiceId: number, lines: readonly NewLineRow[]): Promise<InvoiceLine[]> {
  const out: InvoiceLine[] = [];
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < lines.length; i += 200) {
    const rows = lines.slice(i, i + 200).map((l) => ({ tenant_id: tenantId, invoice_id: invoiceId, ...lineValues(l) }) satisfies Insertable<InvoiceLinesTable>);
    const inserted = await sql<Parameters<typeof toLine>[0]>`${PREPARE}${insertRows('invoice_lines', rows)} returning ${RETURNED_LINE}`.execute(db);
    for (const r of inserted.rows) out.push(toLine(r));
  }
  // RETURNING promises no order.
  return out.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
}

export async function updateInvoiceSnapshot(db: Executor, tenantId: number, invoiceId: number, jsonData: string): Promise<void> {
  await db.updateTable('invoices').set({ json_data: jsonData }).where('tenant_id', '=', tenantId).where('id', '=', invoiceId).execute();
}

export async function findInvoice(db: Executor, tenantId: number, id: number): Promise<Invoice | undefined> {
  const r = await db.selectFrom('invoices').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return r && toInvoice(r);
}

/** Lines of several invoices, by invoice, each in sortOrder (then id) order. */
export async function findLinesOf(db: Executor, tenantId: number, invoiceIds: readonly number[]): Promise<Map<number, InvoiceLine[]>> {
  const out = new Map<number, InvoiceLine[]>();
  if (invoiceIds.length === 0) return out;
  const rows = await db
    .selectFrom('invoice_lines')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('invoice_id', 'in', [...new Set(invoiceIds)])
    .orderBy('invoice_id')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const line = toLine(r);
    const list = out.get(line.invoiceId);
    if (list) list.push(line);
    else out.set(line.invoiceId, [line]);
  }
  return out;
}

export async function numberKeyExists(db: Executor, tenantId: number, key: string): Promise<boolean> {
  const { rows } = await sql`select 1 as found from invoices where tenant_id = ${tenantId} and number_key = ${key}`.execute(db);
  return rows.length > 0;
}

/** The invoice, locked against concurrent writers until the transaction ends (PostgreSQL row lock; SQLite serialises writers). */
export async function lockInvoices(db: Executor, dialect: 'sqlite' | 'postgres', tenantId: number, ids: readonly number[]): Promise<Invoice[]> {
  if (ids.length === 0) return [];
  let q = db.selectFrom('invoices').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', [...new Set(ids)]).orderBy('id');
  if (dialect === 'postgres') q = q.forUpdate();
  return (await q.execute()).map(toInvoice);
}

export async function findInvoicesByIds(db: Executor, tenantId: number, ids: readonly number[]): Promise<Invoice[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('invoices').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', [...new Set(ids)]).orderBy('id').execute()).map(toInvoice);
}

export async function findInvoiceByNumberKey(db: Executor, tenantId: number, key: string): Promise<Invoice | undefined> {
  const r = await db.selectFrom('invoices').selectAll().where('tenant_id', '=', tenantId).where('number_key', '=', key).executeTakeFirst();
  return r && toInvoice(r);
}

/** What PUT invoice replaces: everything but the tenant, the status and the number. */
export type InvoiceHeaderUpdate = Omit<NewInvoiceRow, 'tenantId' | 'status' | 'number' | 'numberKey'>;

/** PUT invoice (spec §4.10): every header member replaced; status and number kept; the PDF reset. */
export async function updateInvoiceHeader(db: Executor, tenantId: number, id: number, v: InvoiceHeaderUpdate): Promise<void> {
  await db
    .updateTable('invoices')
    // The number (and so its part of the search key) stays; the description part follows the new description.
    .set({ ...headerColumns(v), ...searchColumnsKeepingNumber(v.description) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function deleteLinesOf(db: Executor, tenantId: number, invoiceId: number): Promise<void> {
  await db.deleteFrom('invoice_lines').where('tenant_id', '=', tenantId).where('invoice_id', '=', invoiceId).execute();
}

/** Deletes invoices and their lines. */
export async function deleteInvoices(db: Executor, tenantId: number, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('invoice_lines').where('tenant_id', '=', tenantId).where('invoice_id', 'in', [...ids]).execute();
  await db.deleteFrom('invoices').where('tenant_id', '=', tenantId).where('id', 'in', [...ids]).execute();
}

/**
 * Compare-and-set of a status: changes the row only if it still has `from`, so two concurrent
 * changes cannot both apply (and move stock twice). True when this call changed it.
 */
export async function updateInvoiceStatus(db: Executor, tenantId: number, id: number, from: InvoiceStatus, to: InvoiceStatus, userId: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('invoices')
    .set({ status: WIRE_STATUS[to], updated_by: userId, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', WIRE_STATUS[from])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Freezes what an issued invoice keeps (DECISIONS): each line's item title and its taxes' names
 * and rates, copied from the catalogue as they are now.
 */
export async function freezeLines(db: Executor, tenantId: number, invoiceId: number): Promise<void> {
  await db
    .updateTable('invoice_lines')
    .set({
      item_title: sql<string>`coalesce((select i.title from invoice_items i where i.tenant_id = invoice_lines.tenant_id and i.id = invoice_lines.item_id), '')`,
      tax1_name: sql<string | null>`(select t.name from invoice_taxes t where t.tenant_id = invoice_lines.tenant_id and t.id = invoice_lines.tax1_id)`,
      tax1_rate: sql<number | null>`(select t.rate from invoice_taxes t where t.tenant_id = invoice_lines.tenant_id and t.id = invoice_lines.tax1_id)`,
      tax2_name: sql<string | null>`(select t.name from invoice_taxes t where t.tenant_id = invoice_lines.tenant_id and t.id = invoice_lines.tax2_id)`,
      tax2_rate: sql<number | null>`(select t.rate from invoice_taxes t where t.tenant_id = invoice_lines.tenant_id and t.id = invoice_lines.tax2_id)`,
    })
    .where('tenant_id', '=', tenantId)
    .where('invoice_id', '=', invoiceId)
    .execute();
}

/** Back to Draft: the lines follow the catalogue's current values again (as in the original). */
export async function unfreezeLines(db: Executor, tenantId: number, invoiceId: number): Promise<void> {
  await db
    .updateTable('invoice_lines')
    .set({ item_title: null, tax1_name: null, tax1_rate: null, tax2_name: null, tax2_rate: null })
    .where('tenant_id', '=', tenantId)
    .where('invoice_id', '=', invoiceId)
    .execute();
}

/** Hidden test helpers of spec §4.15 (LEDGERLINE_TEST_MODE only). */
export async function setInvoiceDates(db: Executor, tenantId: number, id: number, set: { createdAt?: number; updatedAt?: number }): Promise<void> {
  await db
    .updateTable('invoices')
    .set({ ...(set.createdAt !== undefined ? { created_at: set.createdAt } : {}), ...(set.updatedAt !== undefined ? { updated_at: set.updatedAt } : {}) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}
