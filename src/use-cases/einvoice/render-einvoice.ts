import { accessDenied } from '../../domain/errors.js';
// GET crm/invoice/{id}/einvoice?format= (our extension): the invoice as an EN 16931 e-invoice,
// made from its InvoiceDocument (the view model every renderer reads) and the e-invoice settings.
// 400 for an unknown format; then the rights of GET invoice (spec §3.5, §4.11: id ≤ 0 → 400,
// missing → 404, no CanAccess → 403); then 400 naming every missing business term.
import { einvoiceInputOf } from '../../domain/documents/einvoice-input.js';
import type { InvoiceDocument } from '../../domain/documents/invoice-document.js';
import { composeEinvoice } from '../../domain/einvoice/compose-einvoice.js';
import type { EinvoiceFormat } from '../../domain/einvoice/einvoice-model.js';
import { parseEinvoiceFormat, profileOf } from '../../domain/einvoice/profiles.js';
import type { Actor } from '../../domain/people/user.js';
import { findItems } from '../../store/catalogue.store.js';
import type { Executor } from '../../store/database.js';
import { findContactSettings, findSellerSettings } from '../../store/einvoice.store.js';
import { findAccessibleInvoice, loadInvoiceDocument, hiddenPartiesFor } from '../documents/invoice-document.js';
import type { Deps } from '../deps.js';

// The XML and Factur-X renderers (xmlbuilder2, and pdfmake for Factur-X) load on the first
// e-invoice rather than at start (issue 7 memory).
const loadCii = () => import('../../documents/einvoice/cii/render-cii.js');
const loadUbl = () => import('../../documents/einvoice/ubl/render-ubl.js');
const loadFacturx = () => import('../../documents/einvoice/facturx/render-facturx.js');

export interface EinvoiceFile {
  format: EinvoiceFormat;
  contentType: string;
  fileName: string;
  body: Buffer;
}

/** A file name from the invoice number: letters, digits, dot, dash and underscore only. */
const fileNameOf = (number: string, extension: string) => `${number.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 120) || 'invoice'}.${extension}`;

async function loadExtras(db: Executor, tenantId: number, doc: InvoiceDocument) {
  const partyIds = [doc.billTo?.contactId ?? 0, doc.shipTo?.contactId ?? 0];
  const [seller, contacts, items] = await Promise.all([
    findSellerSettings(db, tenantId),
    findContactSettings(db, tenantId, partyIds),
    findItems(db, tenantId, doc.lines.map((l) => l.itemId)),
  ]);
  return { seller, contacts, skus: new Map([...items].map(([id, item]) => [id, item.sku])) };
}

export async function renderEinvoice(deps: Deps, actor: Actor, invoiceId: number, formatText: string | undefined): Promise<EinvoiceFile> {
  const format = parseEinvoiceFormat(formatText);
  const db = deps.store.db;
  const invoice = await findAccessibleInvoice(db, actor, invoiceId);
  // An e-invoice must name its buyer (and delivery party): a reader who may not see one of them
  // gets no e-invoice rather than a leak (DECISIONS: embeds never leak).
  const hidden = await hiddenPartiesFor(db, actor, invoice);
  if (hidden.billTo || hidden.shipTo) throw accessDenied('Access Denied: the e-invoice names a contact you may not read');
  const doc = await loadInvoiceDocument(db, invoice);
  const model = composeEinvoice(einvoiceInputOf(doc, await loadExtras(db, actor.tenantId, doc)), profileOf(format));
  if (format === 'facturx') {
    const [{ renderCii }, { renderFacturx }] = await Promise.all([loadCii(), loadFacturx()]);
    const xml = renderCii(model);
    // The PDF's dates are the invoice's last change: one state of the invoice, one file.
    const body = await renderFacturx(model, {
      xml,
      createdAt: invoice.updatedAt,
      text: { labels: doc.labels, locale: doc.locale, issueDate: doc.issueDate.text, dueDate: doc.dueDate.text, logo: doc.seller.logo },
    });
    return { format, contentType: 'application/pdf', fileName: fileNameOf(model.number, 'pdf'), body };
  }
  const xml = model.profile.syntax === 'ubl' ? (await loadUbl()).renderUbl(model) : (await loadCii()).renderCii(model);
  return { format, contentType: 'application/xml; charset=utf-8', fileName: fileNameOf(model.number, 'xml'), body: Buffer.from(xml, 'utf8') };
}
