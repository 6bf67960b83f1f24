// Contacts, their access lists and contact information. Visibility (spec §3.5) is applied here
// in SQL by whereContactReadable, the twin of domain/contacts/contact.ts canReadContact.
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Contact, ContactInfo, ShareType } from '../domain/contacts/contact.js';
import type { Actor } from '../domain/people/user.js';
import type { Executor } from './database.js';
import type { ContactsTable, DB } from './schema.js';
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
  const rows = await db.selectFrom('contact_access').select(['contact_id', 'user_id']).where('tenant_id', '=', tenantId).where('contact_id', 'in', ids).execute();
  for (const r of rows) {
    const id = num(r.contact_id);
    lists.set(id, [...(lists.get(id) ?? []), r.user_id]);
  }
  return lists;
}

/** Contacts by id with their access lists, regardless of visibility (callers apply the rule). */
export async function findContacts(db: Executor, tenantId: number, ids: readonly number[]): Promise<Map<number, Contact>> {
  const wanted = [...new Set(ids.filter((id) => id > 0))];
  const out = new Map<number, Contact>();
  if (wanted.length === 0) return out;
  const rows = await db.selectFrom('contacts').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', wanted).execute();
  const lists = await accessListsOf(db, tenantId, rows.map((r) => num(r.id)));
  for (const r of rows) out.set(num(r.id), toContact(r, lists.get(num(r.id)) ?? []));
  return out;
}

export async function findContact(db: Executor, tenantId: number, id: number): Promise<Contact | undefined> {
  return (await findContacts(db, tenantId, [id])).get(id);
}

const toInfo = (r: { id: number; contact_id: number; info_type: number; category: number; data: string; is_primary: number }): ContactInfo => ({
  id: num(r.id),
  contactId: num(r.contact_id),
  infoType: num(r.info_type),
  category: num(r.category),
  data: r.data,
  isPrimary: bool(r.is_primary),
});

export async function findContactInfo(db: Executor, tenantId: number, id: number): Promise<ContactInfo | undefined> {
  if (id <= 0) return undefined;
  const r = await db.selectFrom('contact_infos').select(['id', 'contact_id', 'info_type', 'category', 'data', 'is_primary']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return r && toInfo(r);
}

/** All information of a contact, newest first (spec §6.3). */
export async function listContactInfos(db: Executor, tenantId: number, contactId: number): Promise<ContactInfo[]> {
  const rows = await db
    .selectFrom('contact_infos')
    .select(['id', 'contact_id', 'info_type', 'category', 'data', 'is_primary'])
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

/** Persons of a company the actor may read. */
export async function countReadablePersons(db: Executor, actor: Actor, companyId: number): Promise<number> {
  const row = await db
    .selectFrom('contacts as c')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('c.tenant_id', '=', actor.tenantId)
    .where('c.is_company', '=', 0)
    .where('c.company_id', '=', companyId)
    .where(whereContactReadable(actor))
    .executeTakeFirstOrThrow();
  return num(row.n as number | string);
}

/** Whether any invoice names the contact as client or consignee (spec §3.9). */
export async function isContactReferencedByInvoice(db: Executor, tenantId: number, contactId: number): Promise<boolean> {
  const row = await db
    .selectFrom('invoices')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('contact_id', '=', contactId), eb('consignee_id', '=', contactId)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
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
