// Single invoice lines (spec §5.1–5.3) and the invoice-row writes that go with them. Reads of
// whole invoices and of all lines of an invoice live in invoices.store.ts.
import type { Dialect, Executor } from './database.js';
import { lineValues, lockInvoices, type NewLineRow } from './invoices.store.js';
import { num } from './rows.js';

/**
 * Takes the invoice row's write lock for the rest of the transaction; false when there is no such
 * invoice. On PostgreSQL this is `SELECT … FOR UPDATE`, so concurrent line operations on one
 * invoice run one after the other; SQLite's single connection serialises transactions anyway.
 */
export async function lockInvoiceRow(db: Executor, dialect: Dialect, tenantId: number, invoiceId: number): Promise<boolean> {
  return (await lockInvoices(db, dialect, tenantId, [invoiceId])).length > 0;
}

/** Which invoice a line belongs to; undefined when the tenant has no such line. */
export async function findLineInvoiceId(db: Executor, tenantId: number, lineId: number): Promise<number | undefined> {
  const r = await db.selectFrom('invoice_lines').select('invoice_id').where('tenant_id', '=', tenantId).where('id', '=', lineId).executeTakeFirst();
  return r && num(r.invoice_id);
}

export async function countLinesOf(db: Executor, tenantId: number, invoiceId: number): Promise<number> {
  const r = await db
    .selectFrom('invoice_lines')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  return num(r.n);
}


export async function insertLine(db: Executor, tenantId: number, invoiceId: number, line: NewLineRow): Promise<number> {
  const r = await db
    .insertInto('invoice_lines')
    .values({ tenant_id: tenantId, invoice_id: invoiceId, ...lineValues(line) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return num(r.id);
}

/** Replaces every value of a line (spec §5.2); its id and invoice stay. */
export async function updateLine(db: Executor, tenantId: number, lineId: number, line: NewLineRow): Promise<void> {
  await db.updateTable('invoice_lines').set(lineValues(line)).where('tenant_id', '=', tenantId).where('id', '=', lineId).execute();
}

export async function deleteLine(db: Executor, tenantId: number, lineId: number): Promise<void> {
  await db.deleteFrom('invoice_lines').where('tenant_id', '=', tenantId).where('id', '=', lineId).execute();
}

/** Stores a refreshed snapshot and marks the invoice changed; the stored PDF is stale, so file_id goes back to 0. */
export async function updateInvoiceAfterLineChange(
  db: Executor,
  tenantId: number,
  invoiceId: number,
  v: { jsonData: string; userId: string; now: number },
): Promise<void> {
  await db
    .updateTable('invoices')
    .set({ json_data: v.jsonData, file_id: 0, updated_by: v.userId, updated_at: v.now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', invoiceId)
    .execute();
}
