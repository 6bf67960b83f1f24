// Invoice items (spec §5.4–5.9).
import { Decimal } from '../../domain/money.js';
import type { Deps } from '../../use-cases/deps.js';
import type { InvoiceItemView, Presentable } from '../../use-cases/catalogue/catalogue-views.js';
import { createInvoiceItem } from '../../use-cases/catalogue/create-invoice-item.js';
import { deleteInvoiceItem, deleteInvoiceItems } from '../../use-cases/catalogue/delete-invoice-items.js';
import { getInvoiceItem } from '../../use-cases/catalogue/get-invoice-item.js';
import { listInvoiceItems } from '../../use-cases/catalogue/list-invoice-items.js';
import { updateInvoiceItem } from '../../use-cases/catalogue/update-invoice-item.js';
import type { InvoiceItemInput } from '../../domain/invoices/catalogue.js';
import type { Actor } from '../../domain/people/user.js';
import type { App } from '../app-type.js';
import { sendOk } from '../envelope.js';
import { fetchSize, pageMeta, pageOf, parseListQuery } from '../list-query.js';
import { presentInvoiceItem } from '../presenters/catalogue.presenter.js';
import {
  CreateInvoiceItemBody, DeleteInvoiceItemsBody, InvoiceItemEnvelope, InvoiceItemIdParams, InvoiceItemListEnvelope, InvoiceItemListQuery,
  UpdateInvoiceItemBody,
} from '../schemas/catalogue.schemas.js';

const TAGS = ['invoice items'];
const ITEM = '/api/2.0/crm/invoiceitem/:id(^\\d+$)';
const decimal = (text: string | undefined) => (text === undefined ? undefined : new Decimal(text));

/** Wire body → use-case input (names and types only; rules live in the domain). */
const toItemInput = (b: CreateInvoiceItemBody): InvoiceItemInput => ({
  title: b.title, description: b.description, sku: b.sku,
  price: decimal(b.price), stockQuantity: decimal(b.stockQuantity), trackInventory: b.trackInventory,
  tax1Id: b.invoiceTax1id, tax2Id: b.invoiceTax2id,
});

const presentAll = (actor: Actor, { views, users }: Presentable<InvoiceItemView>) =>
  views.map((v) => presentInvoiceItem({ actor, users }, v.item, v.taxes, v.currency, v.canDelete));
const present = (actor: Actor, result: Presentable<InvoiceItemView>) => presentAll(actor, result)[0];

export function invoiceItemsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/2.0/crm/invoiceitem/filter',
    {
      schema: {
        tags: TAGS,
        summary: 'Search and page invoice items (any CRM user)',
        description:
          'Paged in SQL (spec §1.6): `total` counts every match with the same filter as the page (the original caches a looser count); `nextIndex` when more rows exist. A `sortBy` outside the listed values gives the default order (title ascending) instead of the original\'s in-memory sort by a response member.',
        querystring: InvoiceItemListQuery,
        response: { 200: InvoiceItemListEnvelope },
      },
    },
    async (req, reply) => {
      const q = parseListQuery(req);
      const result = await listInvoiceItems(deps, req.actor, {
        filterValue: q.filterValue, inventoryStock: req.query.inventoryStock,
        sortBy: q.sortBy, descending: q.descending, offset: q.startIndex, limit: fetchSize(q),
      });
      return sendOk(reply, pageOf(q, presentAll(req.actor, result)), pageMeta(q, result.views.length, result.total));
    },
  );

  app.get(
    ITEM,
    { schema: { tags: TAGS, summary: 'One invoice item (any CRM user)', params: InvoiceItemIdParams, response: { 200: InvoiceItemEnvelope } } },
    async (req, reply) => sendOk(reply, present(req.actor, await getInvoiceItem(deps, req.actor, req.params.id))),
  );

  app.post(
    '/api/2.0/crm/invoiceitem',
    { schema: { tags: TAGS, summary: 'Create an invoice item (CRM admins)', body: CreateInvoiceItemBody, response: { 201: InvoiceItemEnvelope } } },
    async (req, reply) => sendOk(reply, present(req.actor, await createInvoiceItem(deps, req.actor, toItemInput(req.body)))),
  );

  app.put(
    ITEM,
    {
      schema: {
        tags: TAGS,
        summary: 'Replace an invoice item (CRM admins)',
        description: 'Every member is replaced (omitted ones take their defaults). Invoice lines keep their own price and description. Answers the item as stored, with its real createOn and createBy.',
        params: InvoiceItemIdParams,
        body: UpdateInvoiceItemBody,
        response: { 200: InvoiceItemEnvelope },
      },
    },
    async (req, reply) => sendOk(reply, present(req.actor, await updateInvoiceItem(deps, req.actor, req.params.id, toItemInput(req.body)))),
  );

  app.delete(
    ITEM,
    {
      schema: {
        tags: TAGS,
        summary: 'Delete an invoice item no invoice line uses (CRM admins); answers the deleted item',
        params: InvoiceItemIdParams,
        response: { 200: InvoiceItemEnvelope },
      },
    },
    async (req, reply) => sendOk(reply, present(req.actor, await deleteInvoiceItem(deps, req.actor, req.params.id))),
  );

  app.delete(
    '/api/2.0/crm/invoiceitem',
    {
      schema: {
        tags: TAGS,
        summary: 'Delete several invoice items (CRM admins); answers the deleted ones',
        description: 'In one transaction. Unknown items and items an invoice line uses are skipped. No ids is a 400 (the original answers 500).',
        body: DeleteInvoiceItemsBody,
        response: { 200: InvoiceItemListEnvelope },
      },
    },
    async (req, reply) => sendOk(reply, presentAll(req.actor, await deleteInvoiceItems(deps, req.actor, req.body.ids))),
  );
}
