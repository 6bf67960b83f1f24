// Everything a reader's view of invoices needs, batch-loaded: one query per table for any number
// of invoices (fixing the original's N+1 cascade, spec Q12), with the reader's rights applied.
import { canReadContact, type Contact } from '../../domain/contacts/contact.js';
import type { InvoiceTax } from '../../domain/invoices/catalogue.js';
import { computeInvoiceCost, type CostLine } from '../../domain/invoices/invoice-cost.js';
import { canAccessOpportunity, type Opportunity } from '../../domain/opportunities/opportunity.js';
import { canAccessInvoice, canDeleteInvoice, canEditInvoice, type Invoice, type InvoiceLine } from '../../domain/invoices/invoice.js';
import type { Decimal } from '../../domain/money.js';
import type { Actor, User } from '../../domain/people/user.js';
import { findTaxes } from '../../store/catalogue.store.js';
import { findContacts } from '../../store/contacts.store.js';
import type { Executor } from '../../store/database.js';
import { readInvoiceHeader, readInvoiceLines } from '../../store/invoice-view.store.js';
import { findLinesOf } from '../../store/invoices.store.js';
import { findOpportunities } from '../../store/opportunities.store.js';
import { loadUsers } from '../people/load-users.js';

export interface InvoiceView {
  invoice: Invoice;
  lines: InvoiceLine[];
  /** null when absent or not readable by the reader (DECISIONS: embeds never leak). */
  contact: Contact | null;
  consignee: Contact | null;
  entity: Opportunity | null;
  cost: Decimal;
  canAccess: boolean;
  canEdit: boolean;
  canDelete: boolean;
}

export interface InvoiceViews {
  views: InvoiceView[];
  users: Map<string, User>;
}

/** The rates a line's cost uses: frozen ones once issued, else the taxes' current rates (DECISIONS). */
export function costLineOf(line: InvoiceLine, taxes: ReadonlyMap<number, Pick<InvoiceTax, 'rate'>>): CostLine {
  const current = (id: number) => (id > 0 ? (taxes.get(id)?.rate ?? null) : null);
  return {
    price: line.price,
    quantity: line.quantity,
    discount: line.discount,
    tax1Rate: line.frozen ? (line.frozen.tax1?.rate ?? null) : current(line.tax1Id),
    tax2Rate: line.frozen ? (line.frozen.tax2?.rate ?? null) : current(line.tax2Id),
  };
}

export async function loadInvoiceViews(db: Executor, actor: Actor, invoices: readonly Invoice[]): Promise<InvoiceViews> {
  if (invoices.length === 0) return { views: [], users: new Map() };
  const tenantId = actor.tenantId;
  const linesByInvoice = await findLinesOf(db, tenantId, invoices.map((i) => i.id));
  const allLines = [...linesByInvoice.values()].flat();
  const [taxes, contacts, opportunities] = await Promise.all([
    findTaxes(db, tenantId, allLines.flatMap((l) => [l.tax1Id, l.tax2Id])),
    findContacts(db, tenantId, invoices.flatMap((i) => [i.contactId, i.consigneeId])),
    findOpportunities(db, tenantId, invoices.map((i) => i.entityId)),
  ]);
  const views = invoices.map((invoice) =>
    buildView(actor, invoice, linesByInvoice.get(invoice.id) ?? [], taxes, contacts, opportunities.get(invoice.entityId)),
  );
  return { views, users: await usersShownBy(db, tenantId, views) };
}

/** The users views show (one statement): their creators and the access lists of their private contacts. */
export async function usersShownBy(db: Executor, tenantId: number, views: readonly InvoiceView[]): Promise<Map<string, User>> {
  const userIds = new Set<string>();
  for (const v of views) {
    userIds.add(v.invoice.createdBy);
    for (const c of [v.contact, v.consignee]) if (c?.shareType === 0) c.accessList.forEach((u) => userIds.add(u));
  }
  return loadUsers(db, tenantId, userIds);
}

/**
 * One reader's view of one invoice from what the store read (or, for a create, from what its
 * transaction wrote and checked); the rights are the domain's.
 */
export function buildView(
  actor: Actor,
  invoice: Invoice,
  lines: InvoiceLine[],
  taxes: ReadonlyMap<number, Pick<InvoiceTax, 'rate'>>,
  contacts: ReadonlyMap<number, Contact>,
  opportunity: Opportunity | undefined,
): InvoiceView {
  const readable = (id: number): Contact | null => {
    const c = contacts.get(id);
    return c && canReadContact(actor, c) ? c : null;
  };
  const contactRow = contacts.get(invoice.contactId);
  return {
    invoice,
    lines,
    contact: readable(invoice.contactId),
    consignee: invoice.consigneeId ? readable(invoice.consigneeId) : null,
    entity: opportunity && canAccessOpportunity(actor, opportunity) ? opportunity : null,
    cost: computeInvoiceCost(lines.map((l) => costLineOf(l, taxes))),
    canAccess: canAccessInvoice(actor, invoice, !!contactRow && canReadContact(actor, contactRow)),
    canEdit: canEditInvoice(actor, invoice),
    canDelete: canDeleteInvoice(actor, invoice),
  };
}

/**
 * The view of one invoice (GET invoice/{id}) in two statements, three more when it is linked to an
 * opportunity; undefined when the tenant has no such invoice. The users map holds what the view
 * shows (creator, access lists of private contacts). The snapshot is not read (`jsonData` is '').
 */
export async function loadInvoiceView(db: Executor, actor: Actor, id: number): Promise<{ view: InvoiceView; users: Map<string, User> } | undefined> {
  const tenantId = actor.tenantId;
  // Independent statements: on PostgreSQL they run on two connections at once (one round trip).
  const [header, { lines, taxRates }] = await Promise.all([readInvoiceHeader(db, tenantId, id), readInvoiceLines(db, tenantId, id)]);
  if (!header) return undefined;
  const { invoice } = header;
  const opportunity = invoice.entityId > 0 ? (await findOpportunities(db, tenantId, [invoice.entityId])).get(invoice.entityId) : undefined;
  return { view: buildView(actor, invoice, lines, taxRates, header.contacts, opportunity), users: header.users };
}
