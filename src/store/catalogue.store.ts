// Catalogue items and taxes (reads shared by invoices; writes: invoice-items / invoice-taxes).
import type { Selectable } from 'kysely';
import type { InvoiceItem, InvoiceItemFields, InvoiceTax, InvoiceTaxFields } from '../domain/invoices/catalogue.js';
import { fromScaled, toScaled } from '../domain/money.js';
import type { Dialect, Executor } from './database.js';
import type { InvoiceItemsTable, InvoiceTaxesTable } from './schema.js';
import { bool, flag, instant, num } from './rows.js';

export const toTax = (r: Selectable<InvoiceTaxesTable>): InvoiceTax => ({
  id: num(r.id),
  name: r.name,
  description: r.description,
  rate: fromScaled(r.rate, 2),
  createdBy: r.created_by,
  createdAt: instant(r.created_at)!,
});

export const toItem = (r: Selectable<InvoiceItemsTable>): InvoiceItem => ({
  id: num(r.id),
  title: r.title,
  description: r.description,
  sku: r.sku,
  price: fromScaled(r.price, 2),
  stockQuantity: fromScaled(r.stock_quantity, 2),
  trackInventory: bool(r.track_inventory),
  tax1Id: num(r.tax1_id),
  tax2Id: num(r.tax2_id),
  createdBy: r.created_by,
  createdAt: instant(r.created_at)!,
});

export async function findTaxes(db: Executor, tenantId: number, ids: readonly number[]): Promise<Map<number, InvoiceTax>> {
  const wanted = [...new Set(ids.filter((id) => id > 0))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('invoice_taxes').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [num(r.id), toTax(r)]));
}

export async function findItems(db: Executor, tenantId: number, ids: readonly number[]): Promise<Map<number, InvoiceItem>> {
  const wanted = [...new Set(ids.filter((id) => id > 0))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('invoice_items').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [num(r.id), toItem(r)]));
}

// ---------------------------------------------------------------------------------------------
// Writes and the reference checks behind canDelete (spec §3.9; one query per request, quirk Q12).

const wantedIds = (ids: readonly number[]): number[] => [...new Set(ids.filter((id) => id > 0))];

export async function findTax(db: Executor, tenantId: number, id: number): Promise<InvoiceTax | undefined> {
  const row = await db.selectFrom('invoice_taxes').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return row && toTax(row);
}

/** All taxes of the tenant, by id (spec §5.10). */
export async function listTaxes(db: Executor, tenantId: number): Promise<InvoiceTax[]> {
  const rows = await db.selectFrom('invoice_taxes').selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute();
  return rows.map(toTax);
}

/**
 * Inserts a tax; undefined when its name key is taken. The unique index decides (no
 * check-then-insert), so two concurrent creates of one name give one tax and one "exists".
 */
export async function insertTax(db: Executor, tenantId: number, t: InvoiceTaxFields, userId: string, now: number): Promise<number | undefined> {
  const row = await db
    .insertInto('invoice_taxes')
    .values({
      tenant_id: tenantId, name: t.name, name_key: t.nameKey, description: t.description, rate: toScaled(t.rate, 2),
      created_by: userId, created_at: now, updated_by: userId, updated_at: now,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'name_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row && num(row.id);
}

export async function findItem(db: Executor, tenantId: number, id: number): Promise<InvoiceItem | undefined> {
  const row = await db.selectFrom('invoice_items').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return row && toItem(row);
}

export async function insertItem(db: Executor, tenantId: number, i: InvoiceItemFields, userId: string, now: number): Promise<number> {
  const row = await db
    .insertInto('invoice_items')
    .values({
      tenant_id: tenantId, title: i.title, description: i.description, sku: i.sku,
      price: toScaled(i.price, 2), stock_quantity: toScaled(i.stockQuantity, 2), track_inventory: flag(i.trackInventory),
      tax1_id: i.tax1Id, tax2_id: i.tax2Id,
      created_by: userId, created_at: now, updated_by: userId, updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return num(row.id);
}

/**
 * Which of `ids` are taxes of the tenant. On PostgreSQL the rows stay locked FOR KEY SHARE until
 * the transaction ends: a concurrent delete of such a tax waits, while rate and name edits do not.
 */
export async function lockTaxIds(db: Executor, dialect: Dialect, tenantId: number, ids: readonly number[]): Promise<Set<number>> {
  const wanted = wantedIds(ids);
  if (wanted.length === 0) return new Set();
  let q = db.selectFrom('invoice_taxes').select('id').where('tenant_id', '=', tenantId).where('id', 'in', wanted);
  if (dialect === 'postgres') q = q.forKeyShare();
  return new Set((await q.execute()).map((r) => num(r.id)));
}

/** Which of `itemIds` some invoice line references (one query). */
export async function findItemIdsInUse(db: Executor, tenantId: number, itemIds: readonly number[]): Promise<Set<number>> {
  const wanted = wantedIds(itemIds);
  if (wanted.length === 0) return new Set();
  const rows = await db
    .selectFrom('invoice_lines')
    .select('item_id as id')
    .where('tenant_id', '=', tenantId)
    .where('item_id', 'in', wanted)
    .groupBy('item_id')
    .execute();
  return new Set(rows.map((r) => num(r.id)));
}

/** Which of `taxIds` an item (as tax 1 or 2) or an invoice line references (one query). */
export async function findTaxIdsInUse(db: Executor, tenantId: number, taxIds: readonly number[]): Promise<Set<number>> {
  const wanted = wantedIds(taxIds);
  if (wanted.length === 0) return new Set();
  const rows = await db
    .selectFrom('invoice_items').select('tax1_id as id').where('tenant_id', '=', tenantId).where('tax1_id', 'in', wanted)
    .union(db.selectFrom('invoice_items').select('tax2_id as id').where('tenant_id', '=', tenantId).where('tax2_id', 'in', wanted))
    .union(db.selectFrom('invoice_lines').select('tax1_id as id').where('tenant_id', '=', tenantId).where('tax1_id', 'in', wanted))
    .union(db.selectFrom('invoice_lines').select('tax2_id as id').where('tenant_id', '=', tenantId).where('tax2_id', 'in', wanted))
    .execute();
  return new Set(rows.map((r) => num(r.id)));
}
