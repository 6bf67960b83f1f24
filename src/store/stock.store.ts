// Stock of tracked catalogue items (spec §3.4), moved by invoice status changes.
import { sql } from 'kysely';
import { fromScaled, toScaled, type Decimal } from '../domain/money.js';
import type { Executor } from './database.js';
import { num } from './rows.js';

export interface StockLine {
  itemId: number;
  quantity: Decimal;
}

/** Lines of an invoice whose item tracks inventory. */
export async function findTrackedLines(db: Executor, tenantId: number, invoiceId: number): Promise<StockLine[]> {
  const rows = await db
    .selectFrom('invoice_lines as l')
    .innerJoin('invoice_items as i', (j) => j.onRef('i.id', '=', 'l.item_id').onRef('i.tenant_id', '=', 'l.tenant_id'))
    .select(['l.item_id', 'l.quantity'])
    .where('l.tenant_id', '=', tenantId)
    .where('l.invoice_id', '=', invoiceId)
    .where('i.track_inventory', '=', 1)
    .orderBy('l.item_id') // one lock order for every transaction: no deadlock between two status changes
    .execute();
  return rows.map((r) => ({ itemId: num(r.item_id), quantity: fromScaled(r.quantity, 2) }));
}

/** Adds `delta` to an item's stock in one statement (no read-modify-write race). */
export async function addToStock(db: Executor, tenantId: number, itemId: number, delta: Decimal, userId: string, now: number): Promise<void> {
  await db
    .updateTable('invoice_items')
    .set({ stock_quantity: sql<number>`stock_quantity + ${toScaled(delta, 2)}`, updated_by: userId, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', itemId)
    .execute();
}
