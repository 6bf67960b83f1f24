// Invoice documents (issue 6): the PDF as a File (spec §4.11) with fileID bookkeeping (§3.10), its
// download (our extension: the original serves files from its Documents module), and the
// conversion helper of §4.12, answered at once since we render without a Document Server.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { FileContent } from '../../use-cases/documents/invoice-pdf.js';
import { convertInvoiceToPdf, downloadFile, downloadInvoicePdf, getInvoicePdf } from '../../use-cases/documents/invoice-pdf.js';
import type { Deps } from '../../use-cases/deps.js';
import type { App } from '../app-type.js';
import { sendOk } from '../envelope.js';
import { presentConverterData, presentFile } from '../presenters/file.presenter.js';
import { InvoiceIdParams } from '../schemas/invoices.schemas.js';

const tags = ['invoice documents'];
// Negative ids reach the use case, which answers 400 as spec §4.11 step 1 says (not a 404 for no route).
const ID = ':invoiceid(^-?\\d+$)';

const FileIdParams = Type.Object({ fileid: Type.Integer({ maximum: 2_147_483_647 }) });

const ConverterBody = Type.Object({
  invoiceId: Type.Optional(Type.Integer({ default: 0, description: 'The invoice (required, > 0)' })),
  storageUrl: Type.Optional(Type.String({ default: '', description: 'Echo of a previous answer; not needed here' })),
  revisionId: Type.Optional(Type.String({ default: '', description: 'Echoed back; a new one is made when empty' })),
});

/** The origin clients reached us at, for the absolute URLs of the File wrapper (as the original answers). */
const baseUrlOf = (req: FastifyRequest): string => `${req.protocol}://${req.host}`;

/** RFC 6266 attachment header with an ASCII fallback and the UTF-8 name (invoice numbers may be Cyrillic). */
function contentDisposition(title: string): string {
  const ascii = title.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(title)}`;
}

/** A binary answer: the file's own content type, not the JSON envelope (DECISIONS: binary downloads aside). */
const sendFile = (reply: FastifyReply, { file, content }: FileContent) =>
  reply
    .code(200)
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file.title))
    .header('cache-control', 'private, max-age=0')
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(content.buffer, content.byteOffset, content.byteLength));

export function documentsRoutes(app: App, deps: Deps): void {
  app.get(
    `/api/2.0/crm/invoice/${ID}/pdf`,
    {
      schema: {
        tags,
        summary:
          'The invoice as a PDF file (spec §4.11, §2.3.17): generated on the first request and kept until the invoice changes (fileID, §3.10). id ≤ 0 → 400, missing → 404, no access → 403. `viewUrl` downloads it',
        params: InvoiceIdParams,
      },
    },
    async (req, reply) => {
      const { file, users } = await getInvoicePdf(deps, req.actor, req.params.invoiceid);
      return sendOk(reply, presentFile({ actor: req.actor, users }, file, baseUrlOf(req)));
    },
  );

  app.get(
    `/api/2.0/crm/invoice/${ID}/pdf/download`,
    {
      schema: {
        tags,
        summary: 'Our extension: the bytes of the invoice\'s PDF (application/pdf), generated if needed; the rights of GET invoice/{id}/pdf',
        params: InvoiceIdParams,
      },
    },
    async (req, reply) => sendFile(reply, await downloadInvoicePdf(deps, req.actor, req.params.invoiceid)),
  );

  app.get(
    '/api/2.0/crm/files/:fileid(^-?\\d+$)/download',
    {
      schema: {
        tags,
        summary:
          'Our extension: a stored invoice file by id (the `viewUrl` of the File wrapper), application/pdf; the rights of its invoice. A PDF superseded by a change of the invoice is gone (404)',
        params: FileIdParams,
      },
    },
    async (req, reply) => sendFile(reply, await downloadFile(deps, req.actor, req.params.fileid)),
  );

  app.post(
    '/api/2.0/crm/invoice/converter/data',
    {
      schema: {
        tags,
        summary:
          'PDF conversion helper (spec §4.12). Without a Document Server the PDF is made at once: the first answer has fileId ≠ 0, storageUrl its download URL and revisionId as sent (a new one when empty). invoiceId ≤ 0 → 400, missing → 404, no access → 403',
        body: ConverterBody,
      },
    },
    async (req, reply) => {
      const input = { invoiceId: req.body.invoiceId ?? 0, storageUrl: req.body.storageUrl ?? '', revisionId: req.body.revisionId ?? '' };
      const { file, revisionId } = await convertInvoiceToPdf(deps, req.actor, input);
      return sendOk(reply, presentConverterData(input.invoiceId, file, revisionId, baseUrlOf(req)));
    },
  );
}
