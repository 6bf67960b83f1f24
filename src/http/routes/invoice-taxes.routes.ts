// Invoice taxes (spec §5.10, §5.11).
import { Decimal } from '../../domain/money.js';
import type { Actor } from '../../domain/people/user.js';
import type { InvoiceTaxView, Presentable } from '../../use-cases/catalogue/catalogue-views.js';
import { createInvoiceTax } from '../../use-cases/catalogue/create-invoice-tax.js';
import { listInvoiceTaxes } from '../../use-cases/catalogue/list-invoice-taxes.js';
import type { Deps } from '../../use-cases/deps.js';
import type { App } from '../app-type.js';
import { sendOk } from '../envelope.js';
import { presentInvoiceTax } from '../presenters/catalogue.presenter.js';
import { CreateInvoiceTaxBody, InvoiceTaxEnvelope, InvoiceTaxListEnvelope } from '../schemas/catalogue.schemas.js';

const TAGS = ['invoice taxes'];

const present = (actor: Actor, { views, users }: Presentable<InvoiceTaxView>) =>
  views.map((v) => presentInvoiceTax({ actor, users }, v.tax, v.canDelete));

export function invoiceTaxesRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/2.0/crm/invoice/tax',
    { schema: { tags: TAGS, summary: 'All invoice taxes, by id (any CRM user)', response: { 200: InvoiceTaxListEnvelope } } },
    async (req, reply) => sendOk(reply, present(req.actor, await listInvoiceTaxes(deps, req.actor))),
  );

  app.post(
    '/api/2.0/crm/invoice/tax',
    { schema: { tags: TAGS, summary: 'Create an invoice tax (CRM admins)', body: CreateInvoiceTaxBody, response: { 201: InvoiceTaxEnvelope } } },
    async (req, reply) => {
      const b = req.body;
      const result = await createInvoiceTax(deps, req.actor, {
        name: b.name, description: b.description, rate: b.rate === undefined ? undefined : new Decimal(b.rate),
      });
      return sendOk(reply, present(req.actor, result)[0]);
    },
  );
}
