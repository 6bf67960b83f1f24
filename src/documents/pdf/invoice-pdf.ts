// The invoice PDF (issue 6): a pure renderer of one InvoiceDocument. A4, Roboto embedded, the
// layout chosen by the invoice's template (0 Eur, 1 Rus), labels in the invoice's language.
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { InvoiceDocument } from '../../domain/documents/invoice-document.js';
import { fillLabel } from '../../domain/invoices/labels.js';
import { GREY, STYLES } from './blocks.js';
import { eurContent } from './layout-eur.js';
import { rusContent } from './layout-rus.js';
import { PDF_FONT, renderPdf } from './pdf-engine.js';

/** The pdfmake definition of an invoice; `withLogo: false` leaves the organisation logo out. */
export function invoicePdfDefinition(doc: InvoiceDocument, options: { withLogo: boolean } = { withLogo: true }): TDocumentDefinitions {
  const content = doc.template === 'rus' ? rusContent(doc, options.withLogo) : eurContent(doc, options.withLogo);
  return {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 48],
    language: doc.locale,
    info: {
      title: `${doc.labels.invoice} ${doc.number}`,
      author: doc.seller.name,
      subject: doc.number,
      creator: 'Ledgerline',
      producer: 'Ledgerline (pdfmake)',
    },
    defaultStyle: { font: PDF_FONT, fontSize: 9.5, lineHeight: 1.15 },
    styles: {
      ...STYLES,
      title: { fontSize: doc.template === 'rus' ? 15 : 22, bold: true },
      number: { fontSize: 12, bold: true },
      sellerName: { fontSize: 13, bold: true },
    },
    content,
    footer: (page: number, pages: number) => ({
      columns: [
        { text: doc.template === 'eur' ? doc.seller.name : `${doc.labels.invoice} ${doc.number}`, color: GREY, fontSize: 8 },
        { text: fillLabel(doc.labels.page, String(page), String(pages)), alignment: 'right', color: GREY, fontSize: 8 },
      ],
      margin: [40, 16, 40, 0],
    }),
  };
}

/**
 * Renders the invoice to PDF bytes. A logo pdfkit cannot read (a corrupt image that passed the
 * upload check) must not make the invoice unprintable: the invoice is then rendered without it.
 */
export async function renderInvoicePdf(doc: InvoiceDocument): Promise<Buffer> {
  if (!doc.seller.logo) return renderPdf(invoicePdfDefinition(doc, { withLogo: false }));
  try {
    return await renderPdf(invoicePdfDefinition(doc, { withLogo: true }));
  } catch {
    return renderPdf(invoicePdfDefinition(doc, { withLogo: false }));
  }
}
