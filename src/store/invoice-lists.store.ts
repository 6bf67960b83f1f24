// Invoice lists: the search of `invoice/filter` (spec §4.4) and the invoices of a contact or an
// opportunity (§4.5). The reader's rights of spec §3.5 are part of every query, so pages and
// totals never include what the reader may not see.
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { InvoiceCriteria, InvoiceSort } from '../domain/invoices/invoice-filter.js';
import type { Invoice } from '../domain/invoices/invoice.js';
import type { Actor } from '../domain/people/user.js';
import { whereContactReadable } from './contacts.store.js';
import { toInvoice } from './invoices.store.js';
import type { Executor } from './database.js';
import type { DB, InvoicesTable } from './schema.js';
import { num } from './rows.js';
import { searchNeedle } from './invoice-search.js';

type InvoiceEb = ExpressionBuilder<DB & { i: InvoicesTable }, 'i'>;

// Every column an InvoiceBase needs; `json_data` (the snapshot, often kilobytes) is left out.
const LIST_COLUMNS = [
  'i.id', 'i.tenant_id', 'i.status', 'i.number', 'i.issue_date', 'i.due_date', 'i.template_type', 'i.contact_id',
  'i.consignee_id', 'i.entity_type', 'i.entity_id', 'i.billing_address_id', 'i.delivery_address_id', 'i.language',
  'i.currency', 'i.exchange_rate', 'i.purchase_order_number', 'i.terms', 'i.description', 'i.file_id',
  'i.created_by', 'i.created_at', 'i.updated_by', 'i.updated_at',
] as const;


/** SQL filter: the invoice's contact exists and the actor may read it (spec §3.5). */
function contactReadable(actor: Actor) {
  return (eb: InvoiceEb) =>
    eb.exists(
      eb.selectFrom('contacts as c')
        .select('c.id')
        .whereRef('c.id', '=', 'i.contact_id')
        .where('c.tenant_id', '=', actor.tenantId)
        .where(whereContactReadable(actor)),
    );
}

// LIKE with `\` as the escape character on both databases; the pattern is a bound parameter.
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const like = (column: Expression<string | null>, pattern: string) => sql<SqlBool>`${column} like ${pattern} escape '\\'`;

/**
 * spec §4.4 search fallback: every word must prefix-match a word (start of the column or after a
 * space) of the number or the description, ignoring case. Both live, normalised as the words are
 * (NFKC, lower case), in the search key (store/invoice-search.ts), where such a match is the
 * substring ` {word}`: one LIKE per word on one column, decided from the status + due-date index
 * alone when that index serves the query (migration 012).
 */
function matchesWord(eb: InvoiceEb, word: string) {
  const pattern = `%${escapeLike(searchNeedle(word))}%`;
  // A key too long for the indexes is in search_key_long; it is read through a subquery, so the
  // outer query refers to indexed columns only (an index-only scan on PostgreSQL) and the table
  // row is read only for the rare invoice whose search_key is null.
  const long = eb.exists(
    eb.selectFrom('invoices as lk').select('lk.id').whereRef('lk.id', '=', 'i.id').where((e) => like(e.ref('lk.search_key_long'), pattern)),
  );
  return eb.or([like(eb.ref('i.search_key'), pattern), eb.and([eb('i.search_key', 'is', null), long])]);
}

function whereCriteria(c: InvoiceCriteria) {
  return (eb: InvoiceEb) => {
    const and: Expression<SqlBool>[] = [];
    if (c.status !== undefined) and.push(eb('i.status', '=', c.status));
    if (c.issueDate?.from !== undefined) and.push(eb('i.issue_date', '>=', c.issueDate.from));
    if (c.issueDate?.to !== undefined) and.push(eb('i.issue_date', '<=', c.issueDate.to));
    if (c.dueDate?.from !== undefined) and.push(eb('i.due_date', '>=', c.dueDate.from));
    if (c.dueDate?.to !== undefined) and.push(eb('i.due_date', '<=', c.dueDate.to));
    if (c.contactId !== undefined) and.push(eb('i.contact_id', '=', c.contactId));
    if (c.opportunityId !== undefined) and.push(eb('i.entity_id', '=', c.opportunityId));
    if (c.currency !== undefined) and.push(eb('i.currency', '=', c.currency));
    for (const w of c.words) and.push(matchesWord(eb, w));
    return eb.and(and);
  };
}

/** Invoices matching the criteria that the actor may list: non-admins only those whose contact they can read (spec §3.5; no creator exception, Q30). */
function searchQuery(db: Executor, actor: Actor, criteria: InvoiceCriteria) {
  let q = db.selectFrom('invoices as i').where('i.tenant_id', '=', actor.tenantId).where(whereCriteria(criteria));
  if (!actor.isAdmin) q = q.where(contactReadable(actor));
  return q;
}

// Contact display name (spec §2.3.4) for sorting, ignoring case as the original's MySQL collation does.
const contactSortName = sql<string>`lower(case when sc.is_company = 1 then sc.company_name else sc.first_name || ' ' || sc.last_name end)`;

/**
 * One page of the search, `limit` rows from `offset`. The sort column comes first and the id
 * breaks ties, both in the requested direction, so an index on (tenant_id[, status], column, id)
 * serves filter, order and limit together. Number sorts on the unique number key (case-insensitive,
 * as the original's collation). Contact: invoices without a contact last, then number ascending.
 */
export async function listInvoicePage(db: Executor, actor: Actor, criteria: InvoiceCriteria, sort: InvoiceSort, offset: number, limit: number): Promise<Invoice[]> {
  const dir = sort.descending ? 'desc' : 'asc';
  let q = searchQuery(db, actor, criteria).select(LIST_COLUMNS);
  switch (sort.key) {
    case 'number':
      q = q.orderBy('i.number_key', dir);
      break;
    case 'issueDate':
      q = q.orderBy('i.issue_date', dir).orderBy('i.id', dir);
      break;
    case 'dueDate':
      q = q.orderBy('i.due_date', dir).orderBy('i.id', dir);
      break;
    case 'status':
      q = q.orderBy('i.status', dir).orderBy('i.id', dir);
      break;
    case 'id':
      q = q.orderBy('i.id', dir);
      break;
    case 'contact':
      q = q
        .leftJoin('contacts as sc', (j) => j.onRef('sc.id', '=', 'i.contact_id').on('sc.tenant_id', '=', actor.tenantId))
        .orderBy(sql`case when sc.id is null then 1 else 0 end`)
        .orderBy(contactSortName, dir)
        .orderBy('i.number_key', 'asc');
      break;
  }
  const rows = await q.limit(limit).offset(offset).execute();
  return rows.map(toInvoice);
}

/** How many invoices the same search finds for the actor: the page's predicate exactly (fixing Q10). */
export async function countInvoices(db: Executor, actor: Actor, criteria: InvoiceCriteria): Promise<number> {
  const row = await searchQuery(db, actor, criteria)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return num(row.n);
}

export type InvoiceOwner = { contactId: number } | { opportunityId: number };

/**
 * Invoices of a contact (as the bill-to contact, not the consignee) or linked to an opportunity
 * (spec §3.8), that the actor may access (CanAccess of §3.5: admin, creator, or may read the
 * contact), by id.
 */
export async function listOwnedInvoices(db: Executor, actor: Actor, owner: InvoiceOwner): Promise<Invoice[]> {
  let q = db.selectFrom('invoices as i').select(LIST_COLUMNS).where('i.tenant_id', '=', actor.tenantId);
  q = 'contactId' in owner ? q.where('i.contact_id', '=', owner.contactId) : q.where('i.entity_id', '=', owner.opportunityId);
  if (!actor.isAdmin) q = q.where((eb) => eb.or([eb('i.created_by', '=', actor.userId), contactReadable(actor)(eb)]));
  const rows = await q.orderBy('i.id').execute();
  return rows.map(toInvoice);
}
