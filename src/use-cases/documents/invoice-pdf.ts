// The invoice PDF and its fileID bookkeeping (spec §3.10, §4.11, §4.12). invoices.file_id names the
// current PDF; every change of the invoice (PUT, line operations, leaving Draft) sets it back to 0,
// and the next request renders the InvoiceDocument again. Rendering happens outside any
// transaction; the new file is then stored only if the invoice is still as it was rendered (a
// compare under the invoice's row lock), otherwise the render is repeated from the new state.
import { randomUUID } from 'node:crypto';
import { PDF_CONTENT_TYPE, pdfTitleOf, type InvoiceFile } from '../../domain/documents/invoice-file.js';
import { DomainError, invalid, notFound } from '../../domain/errors.js';
import type { Invoice } from '../../domain/invoices/invoice.js';
import type { Actor, User } from '../../domain/people/user.js';
import { deleteInvoiceFilesExcept, findInvoiceFile, findInvoiceFileContent, insertInvoiceFile, updateInvoiceFileId } from '../../store/invoice-files.store.js';
import { findInvoice, lockInvoices } from '../../store/invoices.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { loadUsers } from '../people/load-users.js';
import { findAccessibleInvoice, hiddenPartiesFor, loadInvoiceDocument } from './invoice-document.js';

/**
 * The PDF renderer, loaded on the first render rather than at start: pdfmake and its fonts hold
 * ~30 MB that a server which never renders a PDF need not carry (issue 7 memory).
 */
const renderInvoicePdf: (typeof import('../../documents/pdf/invoice-pdf.js'))['renderInvoicePdf'] = async (doc) =>
  (await import('../../documents/pdf/invoice-pdf.js')).renderInvoicePdf(doc);

const ATTEMPTS = 3;

export interface PresentableFile {
  file: InvoiceFile;
  users: Map<string, User>;
}

export interface FileContent {
  file: InvoiceFile;
  content: Uint8Array;
}

/** What a rendered PDF was rendered from: any difference means the invoice changed meanwhile. */
const stampOf = (inv: Invoice): string => JSON.stringify({ ...inv, fileId: undefined });

/** The invoice's current file, when file_id names one that exists. */
async function currentFile(deps: Deps, invoice: Invoice): Promise<InvoiceFile | undefined> {
  const file = await findInvoiceFile(deps.store.db, invoice.tenantId, invoice.fileId);
  return file && file.invoiceId === invoice.id ? file : undefined;
}

/**
 * The invoice's current PDF: the stored one while file_id names it, else a new one rendered,
 * stored and recorded in the audit trail. The caller has checked the actor may see the invoice.
 */
export async function ensureInvoicePdf(deps: Deps, actor: Actor, seen: Invoice): Promise<InvoiceFile> {
  let invoice = seen;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const existing = await currentFile(deps, invoice);
    if (existing) return existing;
    const content = await renderInvoicePdf(await loadInvoiceDocument(deps.store.db, invoice));
    const now = deps.clock.now();
    const stored = await deps.store.transaction(async (trx) => {
      const [locked] = await lockInvoices(trx, deps.store.dialect, actor.tenantId, [invoice.id]);
      if (!locked) throw notFound();
      // Another request stored a PDF of this very state meanwhile: answer that one.
      const other = locked.fileId > 0 ? await findInvoiceFile(trx, actor.tenantId, locked.fileId) : undefined;
      if (other && other.invoiceId === locked.id && stampOf(locked) === stampOf(invoice)) return other;
      if (stampOf(locked) !== stampOf(invoice) || locked.fileId !== invoice.fileId) return { retry: locked };
      const file = await insertInvoiceFile(trx, actor.tenantId, {
        invoiceId: locked.id, title: pdfTitleOf(locked.number), contentType: PDF_CONTENT_TYPE, content, createdBy: actor.userId, now,
      });
      await updateInvoiceFileId(trx, actor.tenantId, locked.id, file.id);
      // The superseded PDFs of this invoice go: only the current one is kept (and served).
      await deleteInvoiceFilesExcept(trx, actor.tenantId, locked.id, file.id);
      await recordAudit(auditContext(deps, trx, actor, now), {
        action: 'invoice.pdf-generated', targetType: 'invoice', targetIds: [locked.id],
        changes: { fileID: { before: locked.fileId, after: file.id }, contentLength: { after: file.contentLength } },
      });
      return file;
    });
    if (!('retry' in stored)) return stored;
    invoice = stored.retry;
  }
  throw new DomainError('CONCURRENT_REQUEST', `Invoice ${seen.id} kept changing while its PDF was being generated; try again`);
}

/** GET invoice/{id}/pdf (spec §4.11): the File of the invoice's current PDF, generated if needed. */
export async function getInvoicePdf(deps: Deps, actor: Actor, id: number): Promise<PresentableFile> {
  const invoice = await findAccessibleInvoice(deps.store.db, actor, id);
  const file = await ensureInvoicePdf(deps, actor, invoice);
  return { file, users: await loadUsers(deps.store.db, actor.tenantId, [file.createdBy]) };
}

/**
 * The stored PDF names every party. A reader who may see the invoice but not its contact (a creator
 * who lost access) or not its consignee gets the same document rendered without them, never the
 * stored bytes (DECISIONS: embeds never leak; the same rule as jsondata).
 */
async function forReader(deps: Deps, actor: Actor, invoice: Invoice, found: FileContent): Promise<FileContent> {
  const { billTo: hideBillTo, shipTo: hideShipTo } = await hiddenPartiesFor(deps.store.db, actor, invoice);
  if (!hideBillTo && !hideShipTo) return found;
  const doc = await loadInvoiceDocument(deps.store.db, invoice);
  const content = await renderInvoicePdf({ ...doc, billTo: hideBillTo ? null : doc.billTo, shipTo: hideShipTo ? null : doc.shipTo });
  return { file: { ...found.file, contentLength: content.length }, content };
}

/** GET invoice/{id}/pdf/download (our extension): the bytes of the invoice's current PDF, generated if needed. */
export async function downloadInvoicePdf(deps: Deps, actor: Actor, id: number): Promise<FileContent> {
  let invoice = await findAccessibleInvoice(deps.store.db, actor, id);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const file = await ensureInvoicePdf(deps, actor, invoice);
    const found = await findInvoiceFileContent(deps.store.db, actor.tenantId, file.id);
    if (found) return forReader(deps, actor, invoice, found);
    // Superseded between the two reads by a newer PDF: take that one.
    invoice = (await findInvoice(deps.store.db, actor.tenantId, id)) ?? invoice;
  }
  throw new DomainError('CONCURRENT_REQUEST', `Invoice ${id} kept changing while its PDF was being read; try again`);
}

/** GET files/{fileid}/download (our extension): a stored file, with the rights of its invoice. */
export async function downloadFile(deps: Deps, actor: Actor, fileId: number): Promise<FileContent> {
  if (!(fileId > 0)) throw invalid('fileid must be greater than 0');
  const found = await findInvoiceFileContent(deps.store.db, actor.tenantId, fileId);
  if (!found) throw notFound();
  const invoice = await findAccessibleInvoice(deps.store.db, actor, found.file.invoiceId);
  return forReader(deps, actor, invoice, found);
}

export interface ConverterInput {
  invoiceId: number;
  storageUrl: string;
  revisionId: string;
}

export interface ConverterResult {
  file: InvoiceFile;
  /** The revision id sent, or a new one when none was. */
  revisionId: string;
}

/**
 * POST invoice/converter/data (spec §4.12) without a Document Server: the PDF is generated at once,
 * so the first answer already has fileId ≠ 0 and a client's polling loop ends after one call.
 */
export async function convertInvoiceToPdf(deps: Deps, actor: Actor, input: ConverterInput): Promise<ConverterResult> {
  const invoice = await findAccessibleInvoice(deps.store.db, actor, input.invoiceId, 'invoiceId');
  const file = await ensureInvoicePdf(deps, actor, invoice);
  return { file, revisionId: input.revisionId.trim() || randomUUID() };
}
