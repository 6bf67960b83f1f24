// Screens 2, 3 and 8: the invoice list (with the bulk status change), an invoice's details (next
// actions, delete confirmation, PDF and e-invoice downloads) and a client's page. Thin like the
// API's routes: read the request, call use cases, render or redirect (Post/Redirect/Get).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../domain/people/user.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { InvoiceStatus } from '../../domain/invoices/invoice.js';
import { localDate } from '../../domain/shared/time-zone.js';
import { getContact } from '../../use-cases/contacts/get-contact.js';
import type { Deps } from '../../use-cases/deps.js';
import { getInvoiceDocument } from '../../use-cases/documents/invoice-document.js';
import { downloadInvoicePdf } from '../../use-cases/documents/invoice-pdf.js';
import { renderEinvoice } from '../../use-cases/einvoice/render-einvoice.js';
import { listEntityInvoices } from '../../use-cases/invoice-lists/list-entity-invoices.js';
import { deleteInvoice } from '../../use-cases/invoices/delete-invoices.js';
import { getInvoice } from '../../use-cases/invoices/get-invoice.js';
import { changeStatusEach } from '../../use-cases/web/change-status-each.js';
import { loadInvoiceListPage } from '../../use-cases/web/invoice-list-page.js';
import { redirectTo, sendPage, webContext } from '../context.js';
import { setFlash, takeFlash, flashOfReport } from '../components/invoice-flash.js';
import { PAGE_SIZE, parseListQuery } from '../components/invoice-list-query.js';
import { rowOf } from '../components/invoice-table.js';
import { ClientPage } from '../screens/client-page.js';
import { DeleteInvoicePage, EinvoiceRefusedPage } from '../screens/delete-invoice.js';
import { EINVOICE_FORMATS, InvoiceDetailsPage, type EinvoiceFormatName } from '../screens/invoice-details.js';
import { InvoiceListPage } from '../screens/invoice-list.js';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

/** Statuses a person may set from the web app (Archived is not offered, as in the original UI). */
const SETTABLE: readonly InvoiceStatus[] = ['sent', 'paid', 'rejected', 'draft'];

const ID = ':id(^\\d{1,10}$)';

const actorOf = (req: FastifyRequest): Actor => {
  if (!req.webActor) throw new DomainError('UNAUTHENTICATED', 'Unauthorized');
  return req.webActor;
};

const idOf = (req: IdRequest): number => {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw notFound();
  return id;
};

/** RFC 6266 attachment header with an ASCII fallback and the UTF-8 name (invoice numbers may be Cyrillic). */
const attachment = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

function sendFile(reply: FastifyReply, contentType: string, fileName: string, body: Buffer): FastifyReply {
  return reply
    .code(200)
    .header('content-type', contentType)
    .header('content-disposition', attachment(fileName))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

/** Where a bulk form may send the user back: the list, with its filters. */
const safeBack = (back: string | undefined) => (back && /^\/app\/invoices(\?[^#]*)?$/.test(back) && !back.includes('//') ? back : '/app/invoices');

const todayOf = (deps: Deps, actor: Actor) => localDate(deps.clock.now(), actor.timeZone);

export function invoicesRoutes(web: FastifyInstance, deps: Deps): void {
  web.get('/invoices', async (req, reply) => {
    const actor = actorOf(req);
    const ctx = webContext(req, reply);
    const { query, invalid } = parseListQuery(ctx.query);
    const page = await loadInvoiceListPage(deps, actor, {
      q: query.q,
      status: query.status,
      issuedFrom: query.from,
      issuedTo: query.to,
      clientId: query.client,
      currency: query.currency,
      sort: query.sort,
      descending: query.dir === 'desc',
      page: query.page,
      pageSize: PAGE_SIZE,
    });
    const flash = takeFlash(req, reply);
    return sendPage(
      reply,
      invalid.length ? 422 : 200,
      <InvoiceListPage
        ctx={ctx}
        query={{ ...query, page: page.page }}
        invalid={invalid}
        rows={page.views.map(rowOf)}
        total={page.total}
        today={page.today}
        timeZone={page.timeZone}
        clients={page.clients}
        flash={flash}
      />,
    );
  });

  web.post('/invoices/bulk-status', async (req, reply) => {
    const actor = actorOf(req);
    const form = req.webForm;
    const back = safeBack(form.get('back'));
    const status = form.text('status') as InvoiceStatus;
    if (!SETTABLE.includes(status)) {
      const ctx = webContext(req, reply);
      throw new DomainError('INVALID_ARGUMENT', ctx.t('list.bulk.badStatus'));
    }
    const ids = form.all('ids').map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
    if (ids.length === 0) {
      setFlash(reply, req, { kind: 'none-selected' });
      return redirectTo(reply, back);
    }
    setFlash(reply, req, flashOfReport(await changeStatusEach(deps, actor, status, ids)));
    return redirectTo(reply, back);
  });

  web.get(`/invoices/${ID}`, async (req: IdRequest, reply) => {
    const actor = actorOf(req);
    const id = idOf(req);
    const [{ view }, doc] = await Promise.all([getInvoice(deps, actor, id), getInvoiceDocument(deps, actor, id)]);
    const ctx = webContext(req, reply);
    const flash = takeFlash(req, reply);
    return sendPage(reply, 200, <InvoiceDetailsPage ctx={ctx} view={view} doc={doc} today={todayOf(deps, actor)} timeZone={actor.timeZone} flash={flash} />);
  });

  web.post(`/invoices/${ID}/status`, async (req: IdRequest, reply) => {
    const actor = actorOf(req);
    const id = idOf(req);
    const status = req.webForm.text('status') as InvoiceStatus;
    if (!SETTABLE.includes(status)) throw new DomainError('INVALID_ARGUMENT', webContext(req, reply).t('list.bulk.badStatus'));
    const report = await changeStatusEach(deps, actor, status, [id]);
    if (report.skipped[0]?.reason === 'not-found') throw notFound();
    setFlash(reply, req, flashOfReport(report));
    return redirectTo(reply, `/app/invoices/${id}`);
  });

  web.get(`/invoices/${ID}/delete`, async (req: IdRequest, reply) => {
    const { view } = await getInvoice(deps, actorOf(req), idOf(req));
    const ctx = webContext(req, reply);
    return sendPage(reply, view.canDelete ? 200 : 403, <DeleteInvoicePage ctx={ctx} id={view.invoice.id} number={view.invoice.number} refused={!view.canDelete} />);
  });

  web.post(`/invoices/${ID}/delete`, async (req: IdRequest, reply) => {
    const actor = actorOf(req);
    const id = idOf(req);
    const { view } = await getInvoice(deps, actor, id);
    try {
      const { views } = await deleteInvoice(deps, actor, id);
      setFlash(reply, req, { kind: 'deleted', number: (views[0]?.invoice.number ?? view.invoice.number).slice(0, 64) });
      return redirectTo(reply, '/app/invoices');
    } catch (err) {
      if (err instanceof DomainError && err.code === 'ACCESS_DENIED') {
        return sendPage(reply, 403, <DeleteInvoicePage ctx={webContext(req, reply)} id={id} number={view.invoice.number} refused />);
      }
      throw err;
    }
  });

  web.get(`/invoices/${ID}/pdf`, async (req: IdRequest, reply) => {
    const { file, content } = await downloadInvoicePdf(deps, actorOf(req), idOf(req));
    return sendFile(reply, file.contentType, file.title, Buffer.from(content.buffer, content.byteOffset, content.byteLength));
  });

  web.get(`/invoices/${ID}/einvoice/:format`, async (req: FastifyRequest<{ Params: { id: string; format: string } }>, reply) => {
    const actor = actorOf(req);
    const id = idOf(req);
    const format = req.params.format as EinvoiceFormatName;
    if (!EINVOICE_FORMATS.includes(format)) throw notFound();
    try {
      const file = await renderEinvoice(deps, actor, id, format);
      return sendFile(reply, file.contentType, file.fileName, file.body);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'INVALID_ARGUMENT') throw err;
      const { view } = await getInvoice(deps, actor, id);
      return sendPage(reply, 422, <EinvoiceRefusedPage ctx={webContext(req, reply)} id={id} number={view.invoice.number} message={err.message} />);
    }
  });

  web.get(`/clients/${ID}`, async (req: IdRequest, reply) => {
    const actor = actorOf(req);
    const id = idOf(req);
    // getContact answers 404 for a contact the reader may not see (it never tells which).
    const details = await getContact(deps, actor, id);
    const { views } = await listEntityInvoices(deps, actor, 'contact', id);
    const rows = views.map(rowOf).sort((a, b) => b.issueDate.getTime() - a.issueDate.getTime() || b.id - a.id);
    const ctx = webContext(req, reply);
    return sendPage(reply, 200, <ClientPage ctx={ctx} details={details} rows={rows} today={todayOf(deps, actor)} timeZone={actor.timeZone} />);
  });
}
