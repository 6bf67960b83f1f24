// Catalogue test helpers: rows written straight to the database (invoice creation is another
// resource's work) and row counts that prove a refused request wrote nothing.
import type { TestApp } from './test-app.js';

let invoiceSeq = 0;

/** Inserts a draft invoice with one line referencing the given item and taxes; returns the line id. */
export async function insertInvoiceLine(t: TestApp, ref: { itemId: number; tax1Id?: number; tax2Id?: number; tenantId?: number }): Promise<number> {
  const db = t.deps.store.db;
  const tenantId = ref.tenantId ?? 1;
  const admin = await db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('is_admin', '=', 1).executeTakeFirstOrThrow();
  const now = t.clock.now();
  const number = `FIXTURE-${process.pid}-${++invoiceSeq}`;
  const invoice = await db
    .insertInto('invoices')
    .values({
      tenant_id: tenantId, status: 1, number, number_key: number.toLowerCase(), issue_date: now, due_date: now, template_type: 0,
      contact_id: 1, consignee_id: 0, entity_type: 1, entity_id: 0, billing_address_id: 0, delivery_address_id: 0,
      language: 'en-US', currency: 'EUR', exchange_rate: 1_000_000, purchase_order_number: '', terms: '', description: '',
      json_data: '', file_id: 0, created_by: admin.id, created_at: now, updated_by: admin.id, updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const line = await db
    .insertInto('invoice_lines')
    .values({
      tenant_id: tenantId, invoice_id: Number(invoice.id), item_id: ref.itemId, tax1_id: ref.tax1Id ?? 0, tax2_id: ref.tax2Id ?? 0,
      sort_order: 0, description: '', quantity: 100, price: 1000, discount: 0,
      item_title: null, tax1_name: null, tax1_rate: null, tax2_name: null, tax2_rate: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(line.id);
}

export async function countRows(t: TestApp, table: 'invoice_items' | 'invoice_taxes'): Promise<number> {
  const r = await t.deps.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The stored scaled amounts of an item (hundredths), to check rounding at the storage boundary. */
export async function storedItemAmounts(t: TestApp, id: number): Promise<{ price: number; stockQuantity: number }> {
  const r = await t.deps.store.db.selectFrom('invoice_items').select(['price', 'stock_quantity']).where('id', '=', id).executeTakeFirstOrThrow();
  return { price: Number(r.price), stockQuantity: Number(r.stock_quantity) };
}

export async function storedTaxRate(t: TestApp, id: number): Promise<number> {
  const r = await t.deps.store.db.selectFrom('invoice_taxes').select('rate').where('id', '=', id).executeTakeFirstOrThrow();
  return Number(r.rate);
}

/** Every row of a table, by id: equal before and after a refused request means nothing was written. */
export async function tableRows(t: TestApp, table: 'invoice_items' | 'invoice_taxes' | 'invoice_lines'): Promise<unknown[]> {
  return t.deps.store.db.selectFrom(table).selectAll().orderBy('id').execute();
}

/** The stored json_data of an invoice (the rendering snapshot). */
export async function storedSnapshot(t: TestApp, invoiceId: number): Promise<string> {
  const r = await t.deps.store.db.selectFrom('invoices').select('json_data').where('id', '=', invoiceId).executeTakeFirstOrThrow();
  return r.json_data;
}
