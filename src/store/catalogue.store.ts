// Catalogue items and taxes (reads shared by invoices; writes: invoice-items / invoice-taxes).
import type { Selectable } from 'kysely';
import type { InvoiceItem, InvoiceTax } from '../domain/invoices/catalogue.js';
import { fromScaled } from '../domain/money.js';
import type { Executor } from './database.js';
import type { InvoiceItemsTable, InvoiceTaxesTable } from './schema.js';
import { bool, instant, num } from './rows.js';

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
