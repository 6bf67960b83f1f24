import type { Deps } from '../../use-cases/deps.js';
import { changeInvoiceStatus } from '../../use-cases/invoices/change-invoice-status.js';
import { createInvoice } from '../../use-cases/invoices/create-invoice.js';
import { deleteInvoice, deleteInvoicesBatch } from '../../use-cases/invoices/delete-invoices.js';
import { findInvoiceByNumber, invoiceNumberExists } from '../../use-cases/invoices/find-invoice-by-number.js';
import { getInvoice } from '../../use-cases/invoices/get-invoice.js';
import { getInvoiceSnapshotText, setInvoiceDate } from '../../use-cases/invoices/invoice-snapshot-text.js';
import { updateInvoice } from '../../use-cases/invoices/update-invoice.js';
import { toDecimal, type InvoiceInput } from '../../domain/invoices/validate-invoice.js';
import type { App } from '../app-type.js';
import { sendOk } from '../envelope.js';
import { presentInvoiceItem } from '../presenters/catalogue.presenter.js';
import { presentInvoice, presentInvoiceBase } from '../presenters/invoices.presenter.js';
import {
  CreationDateBody,
  InvoiceBody,
  InvoiceIdParams,
  InvoiceIdsBody,
  LastModifiedDateBody,
  NumberQuery,
  StatusParams,
} from '../schemas/invoices.schemas.js';

/** Wire body → use-case input (names and types only; rules live in the domain). */
export function toInvoiceInput(b: InvoiceBody): InvoiceInput {
  return {
    number: b.number ?? '',
    issueDate: b.issueDate ? new Date(b.issueDate) : undefined,
    dueDate: b.dueDate ? new Date(b.dueDate) : undefined,
    templateType: b.templateType ?? 0,
    contactId: b.contactId ?? 0,
    consigneeId: b.consigneeId ?? 0,
    entityId: b.entityId ?? 0,
    billingAddressId: b.billingAddressID ?? 0,
    deliveryAddressId: b.deliveryAddressID ?? 0,
    language: (b.language ?? '').trim(),
    currency: b.currency ?? '',
    exchangeRate: toDecimal(b.exchangeRate),
    purchaseOrderNumber: b.purchaseOrderNumber ?? '',
    terms: b.terms ?? '',
    description: b.description ?? '',
    lines: (b.invoiceLines ?? []).map((l) => ({
      itemId: l.invoiceItemID ?? 0,
      tax1Id: l.invoiceTax1ID ?? 0,
      tax2Id: l.invoiceTax2ID ?? 0,
      description: l.description ?? '',
      quantity: toDecimal(l.quantity),
      price: toDecimal(l.price),
      discount: toDecimal(l.discount),
    })),
  };
}

const ID = ':invoiceid(^\\d+$)';
const tags = ['invoices'];

export function invoicesRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/2.0/crm/invoice',
    { schema: { tags, summary: 'Create an invoice (spec §4.9): validated first, then header, lines and snapshot in one transaction', body: InvoiceBody } },
    async (req, reply) => {
      const { view, users } = await createInvoice(deps, req.actor, toInvoiceInput(req.body));
      return sendOk(reply, presentInvoice({ actor: req.actor, users }, view));
    },
  );

  app.get(
    `/api/2.0/crm/invoice/${ID}`,
    { schema: { tags, summary: 'One invoice with its lines, contact, consignee, opportunity and cost (spec §4.1)', params: InvoiceIdParams } },
    async (req, reply) => {
      const { view, users } = await getInvoice(deps, req.actor, req.params.invoiceid);
      return sendOk(reply, presentInvoice({ actor: req.actor, users }, view));
    },
  );

  app.put(
    `/api/2.0/crm/invoice/${ID}`,
    {
      schema: {
        tags,
        summary: 'Replace a Draft invoice (spec §4.10): header and lines in one transaction; `number` is ignored; not editable → 404',
        params: InvoiceIdParams,
        body: InvoiceBody,
      },
    },
    async (req, reply) => {
      await updateInvoice(deps, req.actor, req.params.invoiceid, toInvoiceInput(req.body));
      const { view, users } = await getInvoice(deps, req.actor, req.params.invoiceid);
      return sendOk(reply, presentInvoice({ actor: req.actor, users }, view));
    },
  );

  app.delete(
    `/api/2.0/crm/invoice/${ID}`,
    { schema: { tags, summary: 'Delete an invoice and its lines (spec §4.7); the answer shows its cost before deletion', params: InvoiceIdParams } },
    async (req, reply) => {
      const { views, users } = await deleteInvoice(deps, req.actor, req.params.invoiceid);
      return sendOk(reply, presentInvoiceBase({ actor: req.actor, users }, views[0]!));
    },
  );

  app.delete(
    '/api/2.0/crm/invoice',
    { schema: { tags, summary: 'Delete several invoices (spec §4.8); ids the caller may not delete are skipped', body: InvoiceIdsBody } },
    async (req, reply) => {
      const { views, users } = await deleteInvoicesBatch(deps, req.actor, req.body.invoiceids ?? []);
      return sendOk(reply, views.map((v) => presentInvoiceBase({ actor: req.actor, users }, v)));
    },
  );

  app.put(
    '/api/2.0/crm/invoice/status/:status',
    {
      schema: {
        tags,
        summary: 'Change the status of several invoices (spec §4.6, §3.4): disallowed transitions and inaccessible ids are skipped; tracked stock moves in the same transaction',
        params: StatusParams,
        body: InvoiceIdsBody,
      },
    },
    async (req, reply) => {
      const { invoices, items } = await changeInvoiceStatus(deps, req.actor, req.params.status, req.body.invoiceids ?? []);
      const ctx = { actor: req.actor, users: new Map([...invoices.users, ...items.users]) };
      return sendOk(reply, {
        key: invoices.views.map((v) => presentInvoiceBase(ctx, v)),
        value: items.views.map((v) => presentInvoiceItem(ctx, v.item, v.taxes, v.currency, v.canDelete)),
      });
    },
  );

  app.get(
    '/api/2.0/crm/invoice/bynumber',
    { schema: { tags, summary: 'The invoice with this number, any letter case (spec §4.14; the full shape, DECISIONS Q9)', querystring: NumberQuery } },
    async (req, reply) => {
      const { views, users } = await findInvoiceByNumber(deps, req.actor, req.query.number ?? '');
      return sendOk(reply, presentInvoice({ actor: req.actor, users }, views[0]!));
    },
  );

  app.get(
    '/api/2.0/crm/invoice/bynumber/exist',
    { schema: { tags, summary: 'Whether an invoice number is taken, any letter case (spec §4.13)', querystring: NumberQuery } },
    async (req, reply) => sendOk(reply, await invoiceNumberExists(deps, req.actor, req.query.number ?? '')),
  );

  app.get(
    `/api/2.0/crm/invoice/jsondata/${ID}`,
    { schema: { tags, summary: 'The stored print snapshot (spec §3.2, §4.3) as a JSON string', params: InvoiceIdParams } },
    async (req, reply) => sendOk(reply, await getInvoiceSnapshotText(deps, req.actor, req.params.invoiceid)),
  );

  if (deps.config.testMode) {
    // Hidden test helpers of spec §4.15, mounted only when LEDGERLINE_TEST_MODE=1 (DECISIONS Q22).
    app.put(`/api/2.0/crm/invoice/${ID}/creationdate`, { schema: { hide: true, params: InvoiceIdParams, body: CreationDateBody } }, async (req, reply) => {
      await setInvoiceDate(deps, req.actor, req.params.invoiceid, 'created', req.body.creationDate);
      return sendOk(reply, undefined);
    });
    app.put(`/api/2.0/crm/invoice/${ID}/lastmodifeddate`, { schema: { hide: true, params: InvoiceIdParams, body: LastModifiedDateBody } }, async (req, reply) => {
      await setInvoiceDate(deps, req.actor, req.params.invoiceid, 'updated', req.body.lastModifedDate);
      return sendOk(reply, undefined);
    });
  }
}
