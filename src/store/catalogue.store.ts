// Catalogue items and taxes (reads shared by invoices; writes: invoice-items / invoice-taxes).
import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { InvoiceItem, InvoiceItemFields, InvoiceTax, InvoiceTaxFields, ItemFilter, ItemOrder } from '../domain/invoices/catalogue.js';
import { fromScaled, toScaled } from '../domain/money.js';
import type { Dialect, Executor } from './database.js';
import type { DB, InvoiceItemsTable, InvoiceTaxesTable } from './schema.js';
import { lockClause, list } from './plain-sql.js';
import { bool, flag, instant, isUniqueViolation, num } from './rows.js';

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

// ---------------------------------------------------------------------------------------------
// Locks. PostgreSQL row locks, held until the transaction ends; SQLite runs one writer at a time.
// A writer that references items or taxes takes FOR KEY SHARE; a delete takes FOR UPDATE before
// its in-use check, so neither can commit a reference to a row the other removes (spec §3.9).

/** The items among `ids`, locked FOR KEY SHARE: a concurrent delete waits; edits of them do not. */
export async function lockItems(db: Executor, dialect: Dialect, tenantId: number, ids: readonly number[]): Promise<Map<number, InvoiceItem>> {
  const wanted = wantedIds(ids);
  if (wanted.length === 0) return new Map();
  const { rows } = await sql<Selectable<InvoiceItemsTable>>`select * from invoice_items where tenant_id = ${tenantId} and id in (${list(wanted)})${lockClause(dialect, 'keyShare')}`.execute(db);
  return new Map(rows.map((r) => [num(r.id), toItem(r)]));
}

/** The taxes among `ids`, locked FOR KEY SHARE (as lockTaxIds, with the rows). */
export async function lockTaxes(db: Executor, dialect: Dialect, tenantId: number, ids: readonly number[]): Promise<Map<number, InvoiceTax>> {
  const wanted = wantedIds(ids);
  if (wanted.length === 0) return new Map();
  const { rows } = await sql<Selectable<InvoiceTaxesTable>>`select * from invoice_taxes where tenant_id = ${tenantId} and id in (${list(wanted)})${lockClause(dialect, 'keyShare')}`.execute(db);
  return new Map(rows.map((r) => [num(r.id), toTax(r)]));
}

/** The items among `ids`, by id, locked FOR UPDATE (before deleting them). */
export async function lockItemsForDelete(db: Executor, dialect: Dialect, tenantId: number, ids: readonly number[]): Promise<InvoiceItem[]> {
  const wanted = wantedIds(ids);
  if (wanted.length === 0) return [];
  let q = db.selectFrom('invoice_items').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', wanted).orderBy('id');
  if (dialect === 'postgres') q = q.forUpdate();
  return (await q.execute()).map(toItem);
}

/** The tax, locked FOR UPDATE (before deleting it). */
export async function lockTaxForDelete(db: Executor, dialect: Dialect, tenantId: number, id: number): Promise<InvoiceTax | undefined> {
  let q = db.selectFrom('invoice_taxes').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id);
  if (dialect === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toTax(row);
}

/**
 * The item, locked FOR NO KEY UPDATE on PostgreSQL (the lock its UPDATE takes anyway, taken before
 * reading it): concurrent edits queue, so each sees the values the previous one left (the audit
 * trail's "before"); writers holding FOR KEY SHARE (new lines) are not held up.
 */
export async function lockItemForEdit(db: Executor, dialect: Dialect, tenantId: number, id: number): Promise<InvoiceItem | undefined> {
  let q = db.selectFrom('invoice_items').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id);
  if (dialect === 'postgres') q = q.forNoKeyUpdate();
  const row = await q.executeTakeFirst();
  return row && toItem(row);
}

/** The tax, locked FOR NO KEY UPDATE on PostgreSQL before an edit (as lockItemForEdit). */
export async function lockTaxForEdit(db: Executor, dialect: Dialect, tenantId: number, id: number): Promise<InvoiceTax | undefined> {
  let q = db.selectFrom('invoice_taxes').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id);
  if (dialect === 'postgres') q = q.forNoKeyUpdate();
  const row = await q.executeTakeFirst();
  return row && toTax(row);
}

// ---------------------------------------------------------------------------------------------
// Item and tax updates and deletes (spec §5.7–5.9, §5.12, §5.13)

/** Replaces every column of an item but its audit of creation; false when there is no such item. */
export async function updateItem(db: Executor, tenantId: number, id: number, i: InvoiceItemFields, userId: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('invoice_items')
    .set({
      title: i.title, description: i.description, sku: i.sku,
      price: toScaled(i.price, 2), stock_quantity: toScaled(i.stockQuantity, 2), track_inventory: flag(i.trackInventory),
      tax1_id: i.tax1Id, tax2_id: i.tax2Id, updated_by: userId, updated_at: now,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteItems(db: Executor, tenantId: number, ids: readonly number[]): Promise<void> {
  const wanted = wantedIds(ids);
  if (wanted.length === 0) return;
  await db.deleteFrom('invoice_items').where('tenant_id', '=', tenantId).where('id', 'in', wanted).execute();
}

/**
 * Replaces a tax's name, description and rate. The unique index on the name key decides whether
 * the new name is another tax's (no check-then-update): 'name-taken' then, nothing changed.
 * Call it as the transaction's last statement: on PostgreSQL the violation aborts the transaction.
 */
export async function updateTax(
  db: Executor, tenantId: number, id: number, t: InvoiceTaxFields, userId: string, now: number,
): Promise<'updated' | 'missing' | 'name-taken'> {
  try {
    const r = await db
      .updateTable('invoice_taxes')
      .set({ name: t.name, name_key: t.nameKey, description: t.description, rate: toScaled(t.rate, 2), updated_by: userId, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0 ? 'updated' : 'missing';
  } catch (e) {
    if (isUniqueViolation(e)) return 'name-taken';
    throw e;
  }
}

export async function deleteTax(db: Executor, tenantId: number, id: number): Promise<void> {
  await db.deleteFrom('invoice_taxes').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------
// The item list (spec §5.4): one predicate for the page and its total (quirk Q10 fixed).

/** `LIKE` pattern text for a literal word: `\`, `%` and `_` escaped with a backslash. */
const likeLiteral = (word: string): string => word.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The column has a word starting with `word` (at its start or after a space), ignoring case. Both
 * sides go through the database's lower(), so they fold alike: every letter on PostgreSQL, ASCII
 * letters on SQLite (whose lower() leaves other letters as they are: "É" finds "Élan", "é" does not).
 */
function hasWordStartingWith(column: 'title' | 'description' | 'sku', word: string) {
  const w = likeLiteral(word);
  const col = sql.ref(column);
  return sql<boolean>`(lower(${col}) like lower(${`${w}%`}) escape '\\' or lower(${col}) like lower(${`% ${w}%`}) escape '\\')`;
}

function itemPredicate(tenantId: number, f: ItemFilter) {
  return (eb: ExpressionBuilder<DB, 'invoice_items'>) =>
    eb.and([
      eb('tenant_id', '=', tenantId),
      ...(f.trackInventory === undefined ? [] : [eb('track_inventory', '=', flag(f.trackInventory))]),
      // Every word must match somewhere (spec §5.4).
      ...f.words.map((w) => eb.or([hasWordStartingWith('title', w), hasWordStartingWith('description', w), hasWordStartingWith('sku', w)])),
    ]);
}

/** One page of items: `limit` rows from `offset`, in `order`, ties broken by id. */
export async function listItems(db: Executor, tenantId: number, f: ItemFilter, order: ItemOrder, offset: number, limit: number): Promise<InvoiceItem[]> {
  const dir = order.descending ? 'desc' : 'asc';
  let q = db.selectFrom('invoice_items').selectAll().where(itemPredicate(tenantId, f));
  // Texts sort ignoring case, as the original's MySQL collation does; then exactly, for a stable order.
  switch (order.field) {
    case 'name':
      q = q.orderBy(sql`lower(title)`, dir).orderBy('title', dir);
      break;
    case 'price':
      q = q.orderBy('price', dir);
      break;
    case 'quantity': // stock quantity, then title ascending (spec §5.4)
      q = q.orderBy('stock_quantity', dir).orderBy(sql`lower(title)`, 'asc').orderBy('title', 'asc');
      break;
    case 'sku':
      q = q.orderBy(sql`lower(sku)`, dir).orderBy('sku', dir);
      break;
    case 'created':
      q = q.orderBy('created_at', dir);
      break;
    case 'id':
      break;
  }
  q = q.orderBy('id', order.field === 'id' ? dir : 'asc');
  return (await q.offset(offset).limit(limit).execute()).map(toItem);
}

export async function countItems(db: Executor, tenantId: number, f: ItemFilter): Promise<number> {
  const r = await db
    .selectFrom('invoice_items')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where(itemPredicate(tenantId, f))
    .executeTakeFirstOrThrow();
  return num(r.n);
}
