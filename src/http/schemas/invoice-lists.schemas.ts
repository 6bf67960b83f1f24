// Request schemas of the invoice lists (spec §4.4, §4.5), with the wire names.
import { Type, type Static } from 'typebox';
import { STATUS_TITLE, WIRE_STATUS, type InvoiceStatus } from '../../domain/invoices/invoice.js';
import { DateParam, EnumParam } from './common.js';

// Status as a number, a member name (any case) or the English display text (Billed, Archive).
const STATUS_NAMES: Record<string, number> = Object.fromEntries(
  (Object.keys(WIRE_STATUS) as InvoiceStatus[]).flatMap((s) => [[s, WIRE_STATUS[s]], [STATUS_TITLE[s], WIRE_STATUS[s]]]),
);

// The smart-list parameters are read by http/list-query.ts from the raw query (spec §1.6: a bad
// count falls back to the default instead of failing); they are declared as text for OpenAPI.
const listText = (description: string) => Type.Optional(Type.String({ description }));

export const InvoiceFilterQuery = Type.Object({
  status: Type.Optional(EnumParam(STATUS_NAMES, 'Exact status: a number, a name in any case, or the display text')),
  issueDateFrom: Type.Optional(DateParam('Issue date ≥ this instant (a date alone is midnight in the tenant zone)')),
  issueDateTo: Type.Optional(DateParam('Issue date ≤ this instant + 1 day − 1 minute')),
  dueDateFrom: Type.Optional(DateParam('Due date ≥ this instant')),
  dueDateTo: Type.Optional(DateParam('Due date ≤ this instant + 1 day − 1 minute')),
  entityType: Type.Optional(Type.String({ description: 'contact, opportunity or case (any case); used with entityid. Anything else is refused' })),
  entityid: Type.Integer({ default: 0, description: 'Contact or opportunity id for entityType; alone it makes the result empty (quirk Q14)' }),
  currency: Type.Optional(Type.String({ description: 'Currency code, any case' })),
  filterValue: listText('Search words: each must start a word of the number or the description (any case)'),
  sortBy: listText('number, issueDate, contact, dueDate, status or id (any case), or 0–5; default number ascending'),
  sortOrder: listText('descending (exactly) for descending; ignored without sortBy'),
  startIndex: listText('Offset of the page'),
  count: listText('Page size, 0–1000 (default 1000)'),
});
export type InvoiceFilterQuery = Static<typeof InvoiceFilterQuery>;

export const EntityInvoicesParams = Type.Object({ entityid: Type.Integer({ maximum: 2_147_483_647, description: 'Contact or opportunity id (> 0)' }) });
