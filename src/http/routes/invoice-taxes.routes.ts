// Invoice taxes (spec §5.10–5.13).
import type { InvoiceTaxInput } from '../../domain/invoices/catalogue.js';
import { Decimal } from '../../domain/money.js';
import type { Actor } from '../../domain/people/user.js';
import type { InvoiceTaxView, Presentable } from '../../use-cases/catalogue/catalogue-views.js';
import { createInvoiceTax } from '../../use-cases/catalogue/create-invoice-tax.js';
import { deleteInvoiceTax } from '../../use-cases/catalogue/delete-invoice-tax.js';
import { listInvoiceTaxes } from '../../use-cases/catalogue/list-invoice-taxes.js';
import { updateInvoiceTax } from '../../use-cases/catalogue/update-invoice-tax.js';
import type { Deps } from '../../use-cases/deps.js';
import type { App } from '../app-type.js';
import { sendOk } from '../envelope.js';
import { presentInvoiceTax } from '../presenters/catalogue.presenter.js';
import {
  CreateInvoiceTaxBody, InvoiceTaxEnvelope, InvoiceTaxIdParams, InvoiceTaxListEnvelope, UpdateInvoiceTaxBody,
} from '../schemas/catalogue.schemas.js';

const TAGS = ['invoice taxes'];
const TAX = '/api/2.0/crm/invoice/tax/:id(^\\d+$)';

/** Wire body → use-case input (names and types only; rules live in the domain). */
const toTaxInput = (b: CreateInvoiceTaxBody): InvoiceTaxInput => ({
  name: b.name, description: b.description, rate: b.rate === undefined ? undefined : new Decimal(b.rate),
});

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
    async (req, reply) => sendOk(reply, present(req.actor, await createInvoiceTax(deps, req.actor, toTaxInput(req.body)))[0]),
  );

  app.put(
    TAX,
    {
      schema: {
        tags: TAGS,
        summary: 'Change an invoice tax (CRM admins)',
        description:
          'Replaces name, description and rate. Deliberate fix: renaming to a name another tax has (ignoring case) is a 400 "The tax name already exists" (the original allows duplicates on rename). Draft invoices follow the new rate; issued invoices keep the rates they were issued with. Answers the tax as stored, with its real createOn and createBy.',
        params: InvoiceTaxIdParams,
        body: UpdateInvoiceTaxBody,
        response: { 200: InvoiceTaxEnvelope },
      },
    },
    async (req, reply) => sendOk(reply, present(req.actor, await updateInvoiceTax(deps, req.actor, req.params.id, toTaxInput(req.body)))[0]),
  );

  app.delete(
    TAX,
    {
      schema: {
        tags: TAGS,
        summary: 'Delete an invoice tax no item and no invoice line references (CRM admins); answers the deleted tax',
        params: InvoiceTaxIdParams,
        response: { 200: InvoiceTaxEnvelope },
      },
    },
    async (req, reply) => sendOk(reply, present(req.actor, await deleteInvoiceTax(deps, req.actor, req.params.id))[0]),
  );
}
