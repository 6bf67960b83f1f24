// Generated invoice PDFs (spec §3.10) and the invoices.file_id that names the current one.
import type { InvoiceFile } from '../domain/documents/invoice-file.js';
import type { Executor } from './database.js';
import { instant, num } from './rows.js';

const META = ['id', 'tenant_id', 'invoice_id', 'title', 'content_type', 'content_length', 'created_by', 'created_at'] as const;

const toFile = (r: { id: number; tenant_id: number; invoice_id: number; title: string; content_type: string; content_length: number | string; created_by: string; created_at: number | string }): InvoiceFile => ({
  id: num(r.id),
  tenantId: num(r.tenant_id),
  invoiceId: num(r.invoice_id),
  title: r.title,
  contentType: r.content_type,
  contentLength: num(r.content_length),
  createdBy: r.created_by,
  createdAt: instant(r.created_at)!,
});

export interface NewInvoiceFile {
  invoiceId: number;
  title: string;
  contentType: string;
  content: Uint8Array;
  createdBy: string;
  now: number;
}

export async function insertInvoiceFile(db: Executor, tenantId: number, f: NewInvoiceFile): Promise<InvoiceFile> {
  const r = await db
    .insertInto('invoice_files')
    .values({
      tenant_id: tenantId,
      invoice_id: f.invoiceId,
      title: f.title,
      content_type: f.contentType,
      content: f.content,
      content_length: f.content.byteLength,
      created_by: f.createdBy,
      created_at: f.now,
    })
    .returning(META)
    .executeTakeFirstOrThrow();
  return toFile(r);
}

/** A file's description (no bytes); undefined when the tenant has no such file. */
export async function findInvoiceFile(db: Executor, tenantId: number, id: number): Promise<InvoiceFile | undefined> {
  if (!(id > 0)) return undefined;
  const r = await db.selectFrom('invoice_files').select(META).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return r && toFile(r);
}

/** A file with its bytes; undefined when the tenant has no such file. */
export async function findInvoiceFileContent(db: Executor, tenantId: number, id: number): Promise<{ file: InvoiceFile; content: Uint8Array } | undefined> {
  if (!(id > 0)) return undefined;
  const r = await db.selectFrom('invoice_files').select([...META, 'content']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return r && { file: toFile(r), content: r.content };
}

/** Points the invoice at its current file. Not a change of the invoice: updated_at stays. */
export async function updateInvoiceFileId(db: Executor, tenantId: number, invoiceId: number, fileId: number): Promise<void> {
  await db.updateTable('invoices').set({ file_id: fileId }).where('tenant_id', '=', tenantId).where('id', '=', invoiceId).execute();
}

/** Removes the invoice's superseded files (all but `keepId`); answers how many. */
export async function deleteInvoiceFilesExcept(db: Executor, tenantId: number, invoiceId: number, keepId: number): Promise<number> {
  const r = await db.deleteFrom('invoice_files').where('tenant_id', '=', tenantId).where('invoice_id', '=', invoiceId).where('id', '<>', keepId).executeTakeFirst();
  return Number(r.numDeletedRows);
}
