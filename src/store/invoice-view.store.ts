// The reads behind one invoice view (GET invoice/{id}, and the answer of an update; a create answers
// from what it wrote), in two statements whatever the invoice holds (issue 7 "read"; spec Q12 fixed):
//  1. the header, joined with its contact and consignee, their access lists, the users on those
//     lists (for private contacts) and the invoice's creator;
//  2. the lines, joined with the current rates of their taxes (what a draft's cost uses).
// Written as plain SQL texts (the same on both databases, parameters bound): Kysely's query
// builder costs ~15 µs per statement to build and compile, more than SQLite takes to run it.
// Visibility is not decided here: the rows come regardless of the reader, the use case applies
// the domain rules (canReadContact, canAccessInvoice).
import { sql } from 'kysely';
import type { Contact, ShareType } from '../domain/contacts/contact.js';
import type { Invoice, InvoiceLine } from '../domain/invoices/invoice.js';
import { fromScaled, type Decimal } from '../domain/money.js';
import type { User } from '../domain/people/user.js';
import type { Executor } from './database.js';
import { INVOICE_VIEW_COLUMNS, toInvoice, toLine } from './invoices.store.js';
import { PREPARE } from './plain-sql.js';
import { bool, instant, num } from './rows.js';
import { toUser, USER_COLUMNS, type UserRow } from './users.store.js';

const CONTACT_COLUMNS = [
  'id', 'is_company', 'first_name', 'last_name', 'company_name', 'title', 'about', 'industry', 'company_id',
  'share_type', 'currency', 'created_by', 'created_at',
] as const;

const prefixed = (alias: string, prefix: string, columns: readonly string[]) => columns.map((c) => `${alias}.${c} as ${prefix}${c}`).join(', ');

type Prefixed<P extends string, T> = { [K in keyof T & string as `${P}${K}`]: T[K] | null };
type InvoiceRow = Parameters<typeof toInvoice>[0];
type ContactRow = {
  id: number; is_company: number; first_name: string; last_name: string; company_name: string; title: string; about: string;
  industry: string; company_id: number; share_type: number; currency: string | null; created_by: string; created_at: number | string;
};
type HeaderRow = InvoiceRow & Prefixed<'c_', ContactRow> & { ca_user_id: string | null } & Prefixed<'au_', UserRow> & Prefixed<'cu_', UserRow>;

const HEADER_SELECT = sql.raw(
  `select ${INVOICE_VIEW_COLUMNS.map((c) => `i.${c}`).join(', ')}, ${prefixed('c', 'c_', CONTACT_COLUMNS)}, ca.user_id as ca_user_id, ` +
    `${prefixed('au', 'au_', USER_COLUMNS)}, ${prefixed('cu', 'cu_', USER_COLUMNS)} ` +
    'from invoices i ' +
    'left join users cu on cu.tenant_id = i.tenant_id and cu.id = i.created_by ' +
    'left join contacts c on c.tenant_id = i.tenant_id and c.id in (i.contact_id, i.consignee_id) ' +
    'left join contact_access ca on ca.tenant_id = c.tenant_id and ca.contact_id = c.id ' +
    // The users on an access list are shown only for private contacts (spec §2.3.4 accessList).
    'left join users au on c.share_type = 0 and au.tenant_id = ca.tenant_id and au.id = ca.user_id ',
);

export interface InvoiceHeaderRead {
  /** The invoice without its snapshot (`jsonData` reads as ''). */
  invoice: Invoice;
  /** Its contact and consignee (when they exist), with their access lists, regardless of visibility. */
  contacts: Map<number, Contact>;
  /** Its creator and the users on the access lists of its private contacts. */
  users: Map<string, User>;
}

const userOf = (r: HeaderRow, p: 'au_' | 'cu_'): User | undefined => {
  const id = r[`${p}id`];
  if (id === null) return undefined;
  const row = {} as Record<string, unknown>;
  for (const c of USER_COLUMNS) row[c] = r[`${p}${c}`];
  return toUser(row as UserRow);
};

/** One statement: the header, its contacts with their access lists, and the users a view shows. */
export async function readInvoiceHeader(db: Executor, tenantId: number, id: number): Promise<InvoiceHeaderRead | undefined> {
  const { rows } = await sql<HeaderRow>`${PREPARE}${HEADER_SELECT}where i.tenant_id = ${tenantId} and i.id = ${id}`.execute(db);
  const first = rows[0];
  if (!first) return undefined;
  const contacts = new Map<number, Contact>();
  const users = new Map<string, User>();
  const creator = userOf(first, 'cu_');
  if (creator) users.set(creator.id, creator);
  for (const r of rows) {
    if (r.c_id === null) continue;
    const contactId = num(r.c_id);
    let contact = contacts.get(contactId);
    if (!contact) {
      contact = {
        id: contactId,
        tenantId,
        isCompany: bool(r.c_is_company),
        firstName: r.c_first_name!,
        lastName: r.c_last_name!,
        companyName: r.c_company_name!,
        title: r.c_title!,
        about: r.c_about!,
        industry: r.c_industry!,
        companyId: num(r.c_company_id),
        shareType: num(r.c_share_type) as ShareType,
        currency: r.c_currency,
        createdBy: r.c_created_by!,
        createdAt: instant(r.c_created_at)!,
        accessList: [],
      };
      contacts.set(contactId, contact);
    }
    if (r.ca_user_id !== null) contact.accessList.push(r.ca_user_id);
    const user = userOf(r, 'au_');
    if (user) users.set(user.id, user);
  }
  // Access lists in user id order (sorted here: an ORDER BY would cost the statement a sorter).
  for (const c of contacts.values()) if (c.accessList.length > 1) c.accessList.sort();
  return { invoice: toInvoice(first), contacts, users };
}

type LineRow = Parameters<typeof toLine>[0] & { tax1_current: number | string | null; tax2_current: number | string | null };

export interface InvoiceLinesRead {
  /** In sortOrder, then id. */
  lines: InvoiceLine[];
  /** Current rates of the taxes the lines reference, by tax id (a deleted tax is absent). */
  taxRates: Map<number, { rate: Decimal }>;
}

/** One statement: the lines of an invoice with the current rates of their taxes. */
export async function readInvoiceLines(db: Executor, tenantId: number, invoiceId: number): Promise<InvoiceLinesRead> {
  const { rows } = await sql<LineRow>`${PREPARE}select l.id, l.invoice_id, l.item_id, l.tax1_id, l.tax2_id, l.sort_order, l.description, l.quantity, l.price, l.discount, l.item_title, l.tax1_name, l.tax1_rate, l.tax2_name, l.tax2_rate, t1.rate as tax1_current, t2.rate as tax2_current from invoice_lines l left join invoice_taxes t1 on t1.tenant_id = l.tenant_id and t1.id = l.tax1_id left join invoice_taxes t2 on t2.tenant_id = l.tenant_id and t2.id = l.tax2_id where l.tenant_id = ${tenantId} and l.invoice_id = ${invoiceId} order by l.sort_order, l.id`.execute(db);
  const taxRates = new Map<number, { rate: Decimal }>();
  const lines = rows.map((r) => {
    const line = toLine(r);
    if (r.tax1_current !== null && !taxRates.has(line.tax1Id)) taxRates.set(line.tax1Id, { rate: fromScaled(r.tax1_current, 2) });
    if (r.tax2_current !== null && !taxRates.has(line.tax2Id)) taxRates.set(line.tax2Id, { rate: fromScaled(r.tax2_current, 2) });
    return line;
  });
  return { lines, taxRates };
}
