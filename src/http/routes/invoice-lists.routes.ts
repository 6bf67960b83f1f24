// Invoice lists (spec §4.4 search with paging, §4.5 invoices of a contact or an opportunity).
import type { InvoiceFilterInput } from '../../domain/invoices/invoice-filter.js';
import type { Deps } from '../../use-cases/deps.js';
import { filterInvoices } from '../../use-cases/invoice-lists/filter-invoices.js';
import { listEntityInvoices, type InvoiceListEntity } from '../../use-cases/invoice-lists/list-entity-invoices.js';
import type { App } from '../app-type.js';
import { sendOk } from '../envelope.js';
import { fetchSize, pageMeta, pageOf, parseListQuery, type ListQuery } from '../list-query.js';
import { presentInvoiceBase } from '../presenters/invoices.presenter.js';
import { EntityInvoicesParams, InvoiceFilterQuery } from '../schemas/invoice-lists.schemas.js';

const TAGS = ['invoices'];
const date = (iso: string | undefined) => (iso ? new Date(iso) : undefined);

/** Wire query → use-case input (names and types only; rules live in the domain). */
const toFilterInput = (q: InvoiceFilterQuery, list: ListQuery): InvoiceFilterInput => ({
  status: q.status,
  issueDateFrom: date(q.issueDateFrom),
  issueDateTo: date(q.issueDateTo),
  dueDateFrom: date(q.dueDateFrom),
  dueDateTo: date(q.dueDateTo),
  entityType: q.entityType,
  entityId: q.entityid,
  currency: q.currency,
  searchText: list.filterValue,
});

const ENTITIES: readonly InvoiceListEntity[] = ['contact', 'person', 'company', 'opportunity'];

export function invoiceListsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/2.0/crm/invoice/filter',
    {
      schema: {
        tags: TAGS,
        summary: 'Search invoices (spec §4.4): filters, sort and paging; `total` counts exactly what the reader may see',
        querystring: InvoiceFilterQuery,
      },
    },
    async (req, reply) => {
      const list = parseListQuery(req);
      const page = await filterInvoices(deps, req.actor, toFilterInput(req.query, list), {
        sortBy: list.sortBy, descending: list.descending, offset: list.startIndex, limit: fetchSize(list),
      });
      const ctx = { actor: req.actor, users: page.users };
      return sendOk(reply, pageOf(list, page.views).map((v) => presentInvoiceBase(ctx, v)), pageMeta(list, page.views.length, page.total));
    },
  );

  // One route per entity segment (the router ignores letter case): contact, person and company
  // list the invoices billed to the contact, opportunity those linked to it (spec §4.5, §3.8).
  for (const entity of ENTITIES) {
    app.get(
      `/api/2.0/crm/${entity}/invoicelist/:entityid(^\\d+$)`,
      {
        schema: {
          tags: TAGS,
          summary: entity === 'opportunity'
            ? 'Invoices linked to an opportunity that the reader may access, by id (spec §4.5)'
            : `Invoices billed to a ${entity} (not as consignee) that the reader may access, by id (spec §4.5)`,
          params: EntityInvoicesParams,
        },
      },
      async (req, reply) => {
        const { views, users } = await listEntityInvoices(deps, req.actor, entity, req.params.entityid);
        return sendOk(reply, views.map((v) => presentInvoiceBase({ actor: req.actor, users }, v)));
      },
    );
  }
}
