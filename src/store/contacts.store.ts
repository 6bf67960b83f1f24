// Contacts, their access lists and contact information. Visibility (spec §3.5) is applied here
// in SQL by whereContactReadable, the twin of domain/contacts/contact.ts canReadContact.
import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Contact, ContactInfo, ShareType } from '../domain/contacts/contact.js';
import type { ContactCriteria, ContactSort } from '../domain/contacts/contact-filter.js';
import type { Actor } from '../domain/people/user.js';
import type { Dialect, Executor } from './database.js';
import type { ContactsTable, DB } from './schema.js';
import { list, lockClause, type RowLock } from './plain-sql.js';
import { bool, flag, instant, num } from './rows.js';

export const toContact = (r: Selectable<ContactsTable>, accessList: string[]): Contact => ({
  id: num(r.id),
  tenantId: num(r.tenant_id),
  isCompany: bool(r.is_company),
  firstName: r.first_name,
  lastName: r.last_name,
  companyName: r.company_name,
  title: r.title,
  about: r.about,
  industry: r.industry,
  companyId: num(r.company_id),
  shareType: num(r.share_type) as ShareType,
  currency: r.currency,
  createdBy: r.created_by,
  createdAt: instant(r.created_at)!,
  accessList,
});

/** SQL filter: contacts (aliased `c`) the actor may read. */
export function whereContactReadable(actor: Actor) {
  return (eb: ExpressionBuilder<DB & { c: ContactsTable }, 'c'>) =>
    actor.isAdmin
      ? eb.lit(true)
      : eb.or([
          eb('c.share_type', 'in', [1, 2]),
          eb.exists(
            eb.selectFrom('contact_access as ca')
              .select('ca.user_id')
              .whereRef('ca.contact_id', '=', 'c.id')
              .where('ca.tenant_id', '=', actor.tenantId)
              .where('ca.user_id', '=', actor.userId),
          ),
        ]);
}

async function accessListsOf(db: Executor, tenantId: number, ids: number[]): Promise<Map<number, string[]>> {
  const lists = new Map<number, string[]>();
  if (ids.length === 0) return lists;
  const { rows } = await sql<{ contact_id: number | string; user_id: string }>`select contact_id, user_id from contact_access where tenant_id = ${tenantId} and contact_id in (${list(ids)})`.execute(db);
  for (const r of rows) {
    const id = num(r.contact_id);
    lists.set(id, [...(lists.get(id) ?? []), r.user_id]);
  }
  return lists;
}

async function selectContacts(db: Executor, dialect: Dialect | undefined, tenantId: number, ids: readonly number[], lock: RowLock): Promise<Map<number, Contact>> {
  const wanted = [...new Set(ids.filter((id) => id > 0))];
  const out = new Map<number, Contact>();
  if (wanted.length === 0) return out;
  // One statement: each contact once per user on its access list (once if the list is empty).
  const { rows } = await sql<Selectable<ContactsTable> & { ca_user_id: string | null }>`select c.*, ca.user_id as ca_user_id from contacts c left join contact_access ca on ca.tenant_id = c.tenant_id and ca.contact_id = c.id where c.tenant_id = ${tenantId} and c.id in (${list(wanted)}) order by c.id${lockClause(dialect, lock, 'c')}`.execute(db);
  for (const { ca_user_id: userId, ...r } of rows) {
    const id = num(r.id);
    let contact = out.get(id);
    if (!contact) out.set(id, (contact = toContact(r, [])));
    if (userId !== null) contact.accessList.push(userId);
  }
  // Access lists in user id order, as every read gives them (invoice-view.store.ts too).
  for (const c of out.values()) if (c.accessList.length > 1) c.accessList.sort();
  return out;
}

/** Contacts by id with their access lists, regardless of visibility (callers apply the rule). */
export async function findContacts(db: Executor, tenantId: number, ids: readonly number[]): Promise<Map<number, Contact>> {
  return selectContacts(db, undefined, tenantId, ids, 'none');
}

export async function findContact(db: Executor, tenantId: number, id: number): Promise<Contact | undefined> {
  return (await findContacts(db, tenantId, [id])).get(id);
}

type InfoRow = { id: number; contact_id: number; info_type: number; category: number; data: string; is_primary: number };
const INFO_COLUMNS = ['id', 'contact_id', 'info_type', 'category', 'data', 'is_primary'] as const;

const toInfo = (r: InfoRow): ContactInfo => ({
  id: num(r.id),
  contactId: num(r.contact_id),
  infoType: num(r.info_type),
  category: num(r.category),
  data: r.data,
  isPrimary: bool(r.is_primary),
});

export async function findContactInfo(db: Executor, tenantId: number, id: number): Promise<ContactInfo | undefined> {
  if (id <= 0) return undefined;
  const r = await db.selectFrom('contact_infos').select(INFO_COLUMNS).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return r && toInfo(r);
}

/** All information of a contact, newest first (spec §6.3). */
export async function listContactInfos(db: Executor, tenantId: number, contactId: number): Promise<ContactInfo[]> {
  const rows = await db
    .selectFrom('contact_infos')
    .select(INFO_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('contact_id', '=', contactId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toInfo);
}

export interface ContactRowValues {
  isCompany: boolean;
  firstName: string;
  lastName: string;
  companyName: string;
  title: string;
  about: string;
  companyId: number;
  shareType: ShareType;
}

/** Inserts a contact and returns its id. */
export async function insertContact(db: Executor, tenantId: number, c: ContactRowValues, by: string, now: number): Promise<number> {
  const row = await db
    .insertInto('contacts')
    .values({
      tenant_id: tenantId,
      is_company: flag(c.isCompany),
      first_name: c.firstName,
      last_name: c.lastName,
      company_name: c.companyName,
      title: c.title,
      about: c.about,
      industry: '',
      company_id: c.companyId,
      share_type: c.shareType,
      currency: null,
      created_by: by,
      created_at: now,
      updated_by: by,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return num(row.id);
}

/** Puts users on a contact's access list (spec §3.5 "managers"). */
export async function insertContactAccess(db: Executor, tenantId: number, contactId: number, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db.insertInto('contact_access').values(userIds.map((u) => ({ tenant_id: tenantId, contact_id: contactId, user_id: u }))).execute();
}

/** Links persons to a company (their company_id). */
export async function updatePersonsCompany(db: Executor, tenantId: number, personIds: readonly number[], companyId: number, by: string, now: number): Promise<void> {
  if (personIds.length === 0) return;
  await db
    .updateTable('contacts')
    .set({ company_id: companyId, updated_by: by, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('is_company', '=', 0)
    .where('id', 'in', [...personIds])
    .execute();
}

export interface ContactInfoValues {
  contactId: number;
  infoType: number;
  category: number;
  data: string;
  isPrimary: boolean;
}

/** Inserts a contact information row and returns its id. */
export async function insertContactInfo(db: Executor, tenantId: number, info: ContactInfoValues, by: string, now: number): Promise<number> {
  const row = await db
    .insertInto('contact_infos')
    .values({
      tenant_id: tenantId,
      contact_id: info.contactId,
      info_type: info.infoType,
      category: info.category,
      data: info.data,
      is_primary: flag(info.isPrimary),
      created_by: by,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return num(row.id);
}

// ---- Lists (GET contact/filter) -------------------------------------------------------------

type ContactEb = ExpressionBuilder<DB & { c: ContactsTable }, 'c'>;

// The display name of spec §2.3.4 (company name, or "first last"), lower-cased for search and sort.
const displayNameLower = sql<string>`lower(case when c.is_company = 1 then c.company_name else c.first_name || ' ' || c.last_name end)`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);
const like = (column: Expression<string>, pattern: string) => sql<SqlBool>`${column} like ${pattern} escape '\\'`;

function whereCriteria(tenantId: number, f: ContactCriteria) {
  return (eb: ContactEb) => {
    const and: Expression<SqlBool>[] = [];
    if (f.kind) and.push(eb('c.is_company', '=', f.kind === 'company' ? 1 : 0));
    if (f.isShared !== undefined) and.push(f.isShared ? eb('c.share_type', 'in', [1, 2]) : eb('c.share_type', '=', 0));
    if (f.created?.from !== undefined) and.push(eb('c.created_at', '>=', f.created.from));
    if (f.created?.to !== undefined) and.push(eb('c.created_at', '<=', f.created.to));
    if (f.withOpportunity)
      and.push(eb.exists(eb.selectFrom('opportunity_members as om').select('om.contact_id').whereRef('om.contact_id', '=', 'c.id').where('om.tenant_id', '=', tenantId)));
    if (f.managerId)
      and.push(eb.exists(eb.selectFrom('contact_access as cm').select('cm.user_id').whereRef('cm.contact_id', '=', 'c.id').where('cm.tenant_id', '=', tenantId).where('cm.user_id', '=', f.managerId)));
    // Each word starts the display name or one of its words (as the original's BuildLike).
    for (const w of f.words) and.push(eb.or([like(displayNameLower, `${escapeLike(w)}%`), like(displayNameLower, `% ${escapeLike(w)}%`)]));
    return eb.and(and);
  };
}

/** The contacts matching the criteria that the actor may read (spec §3.5 in SQL). */
const searchContacts = (db: Executor, actor: Actor, f: ContactCriteria) =>
  db.selectFrom('contacts as c').where('c.tenant_id', '=', actor.tenantId).where(whereCriteria(actor.tenantId, f)).where(whereContactReadable(actor));

/** One page of the search: `limit` rows from `offset`; the id breaks ties in the requested direction. */
export async function listContactPage(db: Executor, actor: Actor, f: ContactCriteria, sort: ContactSort, offset: number, limit: number): Promise<Contact[]> {
  const dir = sort.descending ? 'desc' : 'asc';
  let q = searchContacts(db, actor, f).selectAll('c');
  switch (sort.key) {
    case 'firstName':
      q = q.orderBy(sql`lower(c.first_name)`, dir).orderBy(displayNameLower, dir);
      break;
    case 'lastName':
      q = q.orderBy(sql`lower(c.last_name)`, dir).orderBy(displayNameLower, dir);
      break;
    case 'created':
      q = q.orderBy('c.created_at', dir);
      break;
    case 'history':
      q = q.orderBy('c.updated_at', dir);
      break;
    default: // displayName; contactType too (no contact has a type: the names decide)
      q = q.orderBy(displayNameLower, dir);
  }
  const rows = await q.orderBy('c.id', dir).offset(offset).limit(limit).execute();
  const lists = await accessListsOf(db, actor.tenantId, rows.map((r) => num(r.id)));
  return rows.map((r) => toContact(r, lists.get(num(r.id)) ?? []));
}

/** How many contacts the search finds for the actor: the page's own predicate. */
export async function countContacts(db: Executor, actor: Actor, f: ContactCriteria): Promise<number> {
  const row = await searchContacts(db, actor, f).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return num(row.n);
}

/** The information of several contacts, each newest first. */
export async function listContactInfosOf(db: Executor, tenantId: number, contactIds: readonly number[]): Promise<Map<number, ContactInfo[]>> {
  const out = new Map<number, ContactInfo[]>();
  if (contactIds.length === 0) return out;
  const rows = await db.selectFrom('contact_infos').select(INFO_COLUMNS).where('tenant_id', '=', tenantId).where('contact_id', 'in', [...new Set(contactIds)]).orderBy('id', 'desc').execute();
  for (const r of rows) {
    const info = toInfo(r);
    out.set(info.contactId, [...(out.get(info.contactId) ?? []), info]);
  }
  return out;
}

/** Which of the contacts an invoice names as client or consignee (spec §3.9). */
export async function findContactIdsReferencedByInvoices(db: Executor, tenantId: number, contactIds: readonly number[]): Promise<Set<number>> {
  if (contactIds.length === 0) return new Set();
  const ids = [...new Set(contactIds)];
  const rows = await db
    .selectFrom('invoices')
    .select('contact_id as id')
    .where('tenant_id', '=', tenantId)
    .where('contact_id', 'in', ids)
    .union(db.selectFrom('invoices').select('consignee_id as id').where('tenant_id', '=', tenantId).where('consignee_id', 'in', ids))
    .execute();
  return new Set(rows.map((r) => num(r.id)));
}

/** Persons the actor may read, counted per company. */
export async function countReadablePersonsOf(db: Executor, actor: Actor, companyIds: readonly number[]): Promise<Map<number, number>> {
  if (companyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('contacts as c')
    .select((eb) => ['c.company_id', eb.fn.countAll<number | string>().as('n')])
    .where('c.tenant_id', '=', actor.tenantId)
    .where('c.is_company', '=', 0)
    .where('c.company_id', 'in', [...new Set(companyIds)])
    .where(whereContactReadable(actor))
    .groupBy('c.company_id')
    .execute();
  return new Map(rows.map((r) => [num(r.company_id), num(r.n)]));
}

// ---- Writes ----------------------------------------------------------------------------------

/**
 * Contacts by id with their access lists, locked until the transaction ends on PostgreSQL.
 * `update` is FOR NO KEY UPDATE, which lets key-share readers (lockContactsShared) go on;
 * `delete` is FOR UPDATE, which waits for them.
 */
export async function lockContacts(db: Executor, dialect: Dialect, tenantId: number, ids: readonly number[], mode: 'update' | 'delete'): Promise<Map<number, Contact>> {
  return selectContacts(db, dialect, tenantId, ids, mode === 'delete' ? 'update' : 'noKeyUpdate');
}

/**
 * Contacts by id, key-share locked on PostgreSQL: for writes that start referencing a contact
 * (a new contact information, an invoice's contact or consignee), so a concurrent delete waits
 * for them and then sees the reference, or wins and leaves nothing to reference.
 */
export async function lockContactsShared(db: Executor, dialect: Dialect, tenantId: number, ids: readonly number[]): Promise<Map<number, Contact>> {
  return selectContacts(db, dialect, tenantId, ids, 'keyShare');
}

/** Replaces a contact's own columns (everything a PUT person/company sends). */
export async function updateContact(db: Executor, tenantId: number, id: number, c: ContactRowValues, by: string, now: number): Promise<void> {
  await db
    .updateTable('contacts')
    .set({
      first_name: c.firstName, last_name: c.lastName, company_name: c.companyName, title: c.title, about: c.about,
      company_id: c.companyId, share_type: c.shareType, updated_by: by, updated_at: now,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** Replaces a contact's access list. */
export async function replaceContactAccess(db: Executor, tenantId: number, contactId: number, userIds: readonly string[]): Promise<void> {
  await db.deleteFrom('contact_access').where('tenant_id', '=', tenantId).where('contact_id', '=', contactId).execute();
  await insertContactAccess(db, tenantId, contactId, userIds);
}

/** Persons linked to any of the companies (their ids and current links), for the audit of an unlink. */
export async function findPersonsOfCompanies(db: Executor, tenantId: number, companyIds: readonly number[]): Promise<Contact[]> {
  if (companyIds.length === 0) return [];
  const rows = await db.selectFrom('contacts').selectAll().where('tenant_id', '=', tenantId).where('is_company', '=', 0).where('company_id', 'in', [...companyIds]).orderBy('id').execute();
  const lists = await accessListsOf(db, tenantId, rows.map((r) => num(r.id)));
  return rows.map((r) => toContact(r, lists.get(num(r.id)) ?? []));
}

export interface OpportunityLink {
  opportunityId: number;
  /** The opportunity's primary contact. */
  contactId: number;
  members: number[];
}

/** Opportunities whose primary contact or members include any of the contacts. */
export async function findOpportunityLinks(db: Executor, tenantId: number, contactIds: readonly number[]): Promise<OpportunityLink[]> {
  if (contactIds.length === 0) return [];
  const ids = [...contactIds];
  const opps = await db
    .selectFrom('opportunities as o')
    .select(['o.id', 'o.contact_id'])
    .where('o.tenant_id', '=', tenantId)
    .where((eb) => eb.or([
      eb('o.contact_id', 'in', ids),
      eb.exists(eb.selectFrom('opportunity_members as m').select('m.contact_id').whereRef('m.opportunity_id', '=', 'o.id').where('m.tenant_id', '=', tenantId).where('m.contact_id', 'in', ids)),
    ]))
    .orderBy('o.id')
    .execute();
  if (opps.length === 0) return [];
  const members = await db.selectFrom('opportunity_members').select(['opportunity_id', 'contact_id']).where('tenant_id', '=', tenantId).where('opportunity_id', 'in', opps.map((o) => num(o.id))).execute();
  return opps.map((o) => ({
    opportunityId: num(o.id),
    contactId: num(o.contact_id),
    members: members.filter((m) => num(m.opportunity_id) === num(o.id)).map((m) => num(m.contact_id)).sort((a, b) => a - b),
  }));
}

/**
 * Deletes contacts with everything that hangs on them, as the original's DeleteBatchContact: their
 * information and access lists; persons of a deleted company lose the link; opportunities lose the
 * contacts as primary contact (0) and as members. Invoices are never touched: a referenced
 * contact is not deleted (spec §3.9, checked by the caller).
 */
export async function deleteContacts(db: Executor, tenantId: number, ids: readonly number[], by: string, now: number): Promise<void> {
  if (ids.length === 0) return;
  const list = [...ids];
  await db.deleteFrom('contact_infos').where('tenant_id', '=', tenantId).where('contact_id', 'in', list).execute();
  await db.deleteFrom('contact_access').where('tenant_id', '=', tenantId).where('contact_id', 'in', list).execute();
  await db.updateTable('contacts').set({ company_id: 0, updated_by: by, updated_at: now }).where('tenant_id', '=', tenantId).where('is_company', '=', 0).where('company_id', 'in', list).execute();
  await db.deleteFrom('opportunity_members').where('tenant_id', '=', tenantId).where('contact_id', 'in', list).execute();
  await db.updateTable('opportunities').set({ contact_id: 0, updated_by: by, updated_at: now }).where('tenant_id', '=', tenantId).where('contact_id', 'in', list).execute();
  await db.deleteFrom('contacts').where('tenant_id', '=', tenantId).where('id', 'in', list).execute();
}

/** Replaces an information's type, category, data and primary flag. */
export async function updateContactInfo(db: Executor, tenantId: number, id: number, info: ContactInfoValues): Promise<void> {
  await db
    .updateTable('contact_infos')
    .set({ info_type: info.infoType, category: info.category, data: info.data, is_primary: flag(info.isPrimary) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('contact_id', '=', info.contactId)
    .execute();
}

export async function deleteContactInfo(db: Executor, tenantId: number, id: number): Promise<void> {
  await db.deleteFrom('contact_infos').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}
