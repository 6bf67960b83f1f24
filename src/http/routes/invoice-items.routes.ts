// Invoice items (spec §5.5, §5.6).
import { Decimal } from '../../domain/money.js';
import type { Deps } from '../../use-cases/deps.js';
import type { InvoiceItemView, Presentable } from '../../use-cases/catalogue/catalogue-views.js';
import { createInvoiceItem } from '../../use-cases/catalogue/create-invoice-item.js';
import { getInvoiceItem } from '../../use-cases/catalogue/get-invoice-item.js';
import type { Actor } from '../../domain/people/user.js';
import type { App } from '../app-type.js';
import { sendOk } from '../envelope.js';
import { presentInvoiceItem } from '../presenters/catalogue.presenter.js';
import { CreateInvoiceItemBody, InvoiceItemEnvelope, InvoiceItemIdParams } from '../schemas/catalogue.schemas.js';

const TAGS = ['invoice items'];
const decimal = (text: string | undefined) => (text === undefined ? undefined : new Decimal(text));

const present = (actor: Actor, { views, users }: Presentable<InvoiceItemView>) => {
  const v = views[0]!;
  return presentInvoiceItem({ actor, users }, v.item, v.taxes, v.currency, v.canDelete);
};

export function invoiceItemsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/2.0/crm/invoiceitem/:id',
    { schema: { tags: TAGS, summary: 'One invoice item (any CRM user)', params: InvoiceItemIdParams, response: { 200: InvoiceItemEnvelope } } },
    async (req, reply) => sendOk(reply, present(req.actor, await getInvoiceItem(deps, req.actor, req.params.id))),
  );

  app.post(
    '/api/2.0/crm/invoiceitem',
    { schema: { tags: TAGS, summary: 'Create an invoice item (CRM admins)', body: CreateInvoiceItemBody, response: { 201: InvoiceItemEnvelope } } },
    async (req, reply) => {
      const b = req.body;
      const result = await createInvoiceItem(deps, req.actor, {
        title: b.title, description: b.description, sku: b.sku,
        price: decimal(b.price), stockQuantity: decimal(b.stockQuantity), trackInventory: b.trackInventory,
        tax1Id: b.invoiceTax1id, tax2Id: b.invoiceTax2id,
      });
      return sendOk(reply, present(req.actor, result));
    },
  );
}
