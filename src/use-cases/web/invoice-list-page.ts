// What the web app's invoice list shows (UI.md screen 2): one page of the API's invoice search
// (filterInvoices: rights, total and batch loads as GET invoice/filter) for the list's own
// filters, with Overdue derived as Sent and due before today in the tenant's time zone, plus the
// choices of the client filter.
import { contactDisplayName } from '../../domain/contacts/contact.js';
import type { InvoiceFilterInput } from '../../domain/invoices/invoice-filter.js';
import { lastOverdueDueDate } from '../../domain/invoices/overdue.js';
import { WIRE_STATUS, type InvoiceStatus } from '../../domain/invoices/invoice.js';
import type { Actor } from '../../domain/people/user.js';
import { localDate, utcWallMs, wallTimeToInstant } from '../../domain/shared/time-zone.js';
import { getContact } from '../contacts/get-contact.js';
import { listContacts } from '../contacts/list-contacts.js';
import type { Deps } from '../deps.js';
import { filterInvoices } from '../invoice-lists/filter-invoices.js';
import type { InvoiceView } from '../invoices/invoice-view.js';

export type ListStatusFilter = 'all' | InvoiceStatus | 'overdue';
/** UI sort keys; `client` is the API's contact sort. */
export type ListSortKey = 'number' | 'client' | 'issueDate' | 'dueDate' | 'status';

export interface InvoiceListRequest {
  /** Search words (number and description, as GET invoice/filter searches). */
  q: string;
  status: ListStatusFilter;
  /** Tenant-local calendar dates YYYY-MM-DD, '' when open. */
  issuedFrom: string;
  issuedTo: string;
  clientId: number;
  currency: string;
  sort: ListSortKey;
  descending: boolean;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface ClientChoice {
  id: number;
  name: string;
}

export interface InvoiceListPage {
  views: InvoiceView[];
  /** Every invoice the filters match that the reader may see. */
  total: number;
  /** The page shown (a page past the end shows the last one). */
  page: number;
  /** The tenant's calendar date today, YYYY-MM-DD. */
  today: string;
  timeZone: string;
  clients: ClientChoice[];
}

/** How many clients the filter offers (by name); a chosen client outside them is added. */
export const CLIENT_CHOICES = 200;

const API_SORT: Record<ListSortKey, string> = { number: 'number', client: 'contact', issueDate: 'issueDate', dueDate: 'dueDate', status: 'status' };

/** The instant the tenant's day `iso` starts. */
function startOfDay(iso: string, timeZone: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(wallTimeToInstant(utcWallMs(y, m, d), timeZone));
}

export function filterInputOf(req: InvoiceListRequest, today: string, timeZone: string): InvoiceFilterInput {
  const input: InvoiceFilterInput = { entityId: 0 };
  if (req.q.trim()) input.searchText = req.q.trim();
  if (req.status === 'overdue') {
    // Sent, due on or before yesterday (the filter's `to` covers its whole day).
    input.status = WIRE_STATUS.sent;
    input.dueDateTo = startOfDay(lastOverdueDueDate(today), timeZone);
  } else if (req.status !== 'all') input.status = WIRE_STATUS[req.status];
  if (req.issuedFrom) input.issueDateFrom = startOfDay(req.issuedFrom, timeZone);
  if (req.issuedTo) input.issueDateTo = startOfDay(req.issuedTo, timeZone);
  if (req.clientId > 0) {
    input.entityType = 'contact';
    input.entityId = req.clientId;
  }
  if (req.currency) input.currency = req.currency;
  return input;
}

export async function loadInvoiceListPage(deps: Deps, actor: Actor, req: InvoiceListRequest): Promise<InvoiceListPage> {
  const timeZone = actor.timeZone;
  const today = localDate(deps.clock.now(), timeZone);
  const input = filterInputOf(req, today, timeZone);
  const fetch = (page: number) =>
    filterInvoices(deps, actor, input, { sortBy: API_SORT[req.sort], descending: req.descending, offset: (page - 1) * req.pageSize, limit: req.pageSize });
  const [first, clients] = await Promise.all([fetch(req.page), clientChoices(deps, actor, req.clientId)]);
  let result = first;
  let page = req.page;
  if (result.views.length === 0 && result.total > 0 && page > 1) {
    page = Math.ceil(result.total / req.pageSize);
    result = await fetch(page);
  }
  return { views: result.views, total: result.total, page, today, timeZone, clients };
}

async function clientChoices(deps: Deps, actor: Actor, chosen: number): Promise<ClientChoice[]> {
  const { details } = await listContacts(deps, actor, { tags: [], sortBy: 'displayName', descending: false, offset: 0, limit: CLIENT_CHOICES });
  const choices = details.map((d) => ({ id: d.contact.id, name: contactDisplayName(d.contact) }));
  if (chosen > 0 && !choices.some((c) => c.id === chosen)) {
    try {
      const d = await getContact(deps, actor, chosen);
      choices.unshift({ id: d.contact.id, name: contactDisplayName(d.contact) });
    } catch {
      // A client the reader may not see is not offered (and filters to nothing).
    }
  }
  return choices;
}
