// E-invoices (issue 6, our extension): the invoice as UBL 2.1 or CII D16B per EN 16931, as
// XRechnung 3.0, or as Factur-X (PDF/A-3 with factur-x.xml); and the EN 16931 data the
// ONLYOFFICE model lacks, as organisation and contact settings.
import type { FastifyReply } from 'fastify';
import type { Deps } from '../../use-cases/deps.js';
import { getContactSettings, getSellerSettings, setContactSettings, setSellerSettings } from '../../use-cases/einvoice/einvoice-settings.js';
import { renderEinvoice, type EinvoiceFile } from '../../use-cases/einvoice/render-einvoice.js';
import type { App } from '../app-type.js';
import { sendOk } from '../envelope.js';
import { presentContactSettings, presentSellerSettings } from '../presenters/einvoice.presenter.js';
import { ContactSettingsBody, EinvoiceContactParams, EinvoiceParams, EinvoiceQuery, SellerSettingsBody } from '../schemas/einvoice.schemas.js';

const tags = ['e-invoices'];

const EINVOICE_DESCRIPTION = [
  'Our extension. Answers the document itself, not the JSON envelope: `application/xml; charset=utf-8` (ubl, cii, xrechnung-ubl, xrechnung-cii) or `application/pdf` (facturx), as an attachment named after the invoice number.',
  'Rights as `GET invoice/{id}`: id ≤ 0 → 400, missing → 404, no access → 403. An unknown `format` → 400.',
  'Seller data come from the organisation profile and `settings/organisation/einvoice`, the buyer from the invoice\'s contact, its billing address and `contact/{id}/einvoice`, delivery from the consignee and the delivery address.',
  'An invoice that lacks data EN 16931 (or XRechnung) requires is a 400 whose message names each missing business term, e.g. "missing BT-31 Seller VAT identifier …, BT-40 Seller country code …"; data the standard cannot express (a second tax beside a VAT > 0 %, a negative rate, untaxed lines beside taxed ones under category O) are named the same way.',
  'Mapping: line price = item net price (BT-146), discount = line allowance (BG-27, reason 95), first tax = VAT category S (rate > 0) or Z (0 %), lines without a tax = the organisation\'s untaxed category (O or E), a second tax beside a 0 % first tax = line charge (BG-28). VAT is computed per category on the sum of line net amounts (EN 16931 BR-CO rules), which can differ by cents from `cost`.',
].join('\n\n');

/** RFC 6266 attachment header with an ASCII fallback and the UTF-8 name (invoice numbers may be Cyrillic). */
const contentDisposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

const sendDocument = (reply: FastifyReply, file: EinvoiceFile) =>
  reply
    .code(200)
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('cache-control', 'private, max-age=0')
    .header('x-content-type-options', 'nosniff')
    .send(file.body);

export function einvoiceRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/2.0/crm/invoice/:invoiceid(^-?\\d+$)/einvoice',
    {
      schema: {
        tags,
        summary: 'The invoice as an EN 16931 e-invoice: UBL, CII, XRechnung 3.0 (UBL or CII) or Factur-X',
        description: EINVOICE_DESCRIPTION,
        params: EinvoiceParams,
        querystring: EinvoiceQuery,
      },
    },
    async (req, reply) => sendDocument(reply, await renderEinvoice(deps, req.actor, req.params.invoiceid, req.query.format)),
  );

  app.get(
    '/api/2.0/crm/settings/organisation/einvoice',
    { schema: { tags, summary: 'The organisation\'s e-invoice settings (EN 16931 seller data; our extension); any CRM user' } },
    async (req, reply) => sendOk(reply, presentSellerSettings(await getSellerSettings(deps, req.actor))),
  );

  app.put(
    '/api/2.0/crm/settings/organisation/einvoice',
    {
      schema: {
        tags,
        summary: 'Set the organisation\'s e-invoice settings (administrators only); answers them',
        description: 'Changes the members sent ("" clears one) and keeps the others. Values are checked against the EN 16931 code lists (country, EAS, ICD, UNTDID 4461, VATEX), VAT identifiers against BR-CO-09, the IBAN against its check digits; a bad value is a 400 naming the member. Audited.',
        body: SellerSettingsBody,
      },
    },
    async (req, reply) => sendOk(reply, presentSellerSettings(await setSellerSettings(deps, req.actor, req.body))),
  );

  app.get(
    '/api/2.0/crm/contact/:contactid(^-?\\d+$)/einvoice',
    { schema: { tags, summary: 'A contact\'s e-invoice settings (EN 16931 buyer data; our extension); 404 when missing or not readable', params: EinvoiceContactParams } },
    async (req, reply) => sendOk(reply, presentContactSettings(req.params.contactid, await getContactSettings(deps, req.actor, req.params.contactid))),
  );

  app.put(
    '/api/2.0/crm/contact/:contactid(^-?\\d+$)/einvoice',
    {
      schema: {
        tags,
        summary: 'Set a contact\'s e-invoice settings (the contact\'s edit right; 404 when missing or not editable, as contact data routes answer); answers them',
        description: 'Changes the members sent ("" clears one) and keeps the others; checked as the organisation settings are. Audited.',
        params: EinvoiceContactParams,
        body: ContactSettingsBody,
      },
    },
    async (req, reply) => sendOk(reply, presentContactSettings(req.params.contactid, await setContactSettings(deps, req.actor, req.params.contactid, req.body))),
  );
}
