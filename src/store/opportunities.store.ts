// Opportunities ("deals") with their members and access lists. Visibility (spec §3.5) is applied
// in SQL by whereOpportunityAccessible, the twin of domain/opportunities canAccessOpportunity, so
// pages, totals and batch operations never reach an opportunity the reader may not access.
import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Opportunity } from '../domain/opportunities/opportunity.js';
import type { OpportunityCriteria, OpportunitySort } from '../domain/opportunities/opportunity-filter.js';
import type { Actor } from '../domain/people/user.js';
import type { Dialect, Executor } from './database.js';
import type { DB, OpportunitiesTable } from './schema.js';
import { bool, flag, instant, num } from './rows.js';
import { fromScaled, toScaled } from '../domain/money.js';

export { findStage, listStages } from './stages.store.js';

export const toOpportunity = (r: Selectable<OpportunitiesTable>, members: number[], accessList: string[]): Opportunity => ({
  id: num(r.id),
  tenantId: num(r.tenant_id),
  contactId: num(r.contact_id),
  title: r.title,
  description: r.description,
  responsibleId: r.responsible_id,
  bidType: num(r.bid_type),
  bidValue: fromScaled(r.bid_value, 2),
  bidCurrency: r.bid_currency,
  perPeriodValue: num(r.per_period_value),
  stageId: num(r.stage_id),
  successProbability: num(r.success_probability),
  expectedCloseAt: instant(r.expected_close_at),
  actualCloseAt: instant(r.actual_close_at),
  isPrivate: bool(r.is_private),
  createdBy: r.created_by,
  createdAt: instant(r.created_at)!,
  members,
  accessList,
});

/** Rows → opportunities in the same order, members and access lists loaded in two statements. */
async function withLists(db: Executor, tenantId: number, rows: readonly Selectable<OpportunitiesTable>[]): Promise<Opportunity[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => num(r.id));
  const [members, access] = await Promise.all([
    db.selectFrom('opportunity_members').select(['opportunity_id', 'contact_id']).where('tenant_id', '=', tenantId).where('opportunity_id', 'in', ids).execute(),
    db.selectFrom('opportunity_access').select(['opportunity_id', 'user_id']).where('tenant_id', '=', tenantId).where('opportunity_id', 'in', ids).execute(),
  ]);
  const membersOf = new Map<number, number[]>();
  for (const m of members) membersOf.set(num(m.opportunity_id), [...(membersOf.get(num(m.opportunity_id)) ?? []), num(m.contact_id)]);
  const accessOf = new Map<number, string[]>();
  for (const a of access) accessOf.set(num(a.opportunity_id), [...(accessOf.get(num(a.opportunity_id)) ?? []), a.user_id]);
  return rows.map((r) => toOpportunity(r, (membersOf.get(num(r.id)) ?? []).sort((a, b) => a - b), (accessOf.get(num(r.id)) ?? []).sort()));
}

/** Opportunities by id with members and access lists, regardless of visibility. */
export async function findOpportunities(db: Executor, tenantId: number, ids: readonly number[]): Promise<Map<number, Opportunity>> {
  const wanted = [...new Set(ids.filter((id) => id > 0))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('opportunities').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', wanted).execute();
  return new Map((await withLists(db, tenantId, rows)).map((o) => [o.id, o]));
}

export async function findOpportunity(db: Executor, tenantId: number, id: number): Promise<Opportunity | undefined> {
  return (await findOpportunities(db, tenantId, [id])).get(id);
}

/** Opportunities by id, locked until the transaction ends (PostgreSQL), by id; regardless of visibility. */
export async function lockOpportunities(db: Executor, dialect: Dialect, tenantId: number, ids: readonly number[]): Promise<Opportunity[]> {
  const wanted = [...new Set(ids.filter((id) => id > 0))];
  if (wanted.length === 0) return [];
  let q = db.selectFrom('opportunities').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', wanted).orderBy('id');
  if (dialect === 'postgres') q = q.forUpdate();
  return withLists(db, tenantId, await q.execute());
}

type OpportunityEb = ExpressionBuilder<DB & { o: OpportunitiesTable }, 'o'>;

/** SQL filter: opportunities (aliased `o`) the actor may access (spec §3.5: admin, public, or on the access list). */
export function whereOpportunityAccessible(actor: Actor) {
  return (eb: OpportunityEb) =>
    actor.isAdmin
      ? eb.lit(true)
      : eb.or([
          eb('o.is_private', '=', 0),
          eb.exists(
            eb.selectFrom('opportunity_access as oa')
              .select('oa.user_id')
              .whereRef('oa.opportunity_id', '=', 'o.id')
              .where('oa.tenant_id', '=', actor.tenantId)
              .where('oa.user_id', '=', actor.userId),
          ),
        ]);
}

// LIKE with `\` as the escape character on both databases; the pattern is a bound parameter.
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const like = (column: Expression<string>, pattern: string) => sql<SqlBool>`${column} like ${pattern} escape '\\'`;

function whereCriteria(tenantId: number, c: OpportunityCriteria) {
  return (eb: OpportunityEb) => {
    const and: Expression<SqlBool>[] = [];
    for (const w of c.words) {
      const pattern = `%${escapeLike(w)}%`;
      and.push(eb.or([like(eb.fn<string>('lower', ['o.title']), pattern), like(eb.fn<string>('lower', ['o.description']), pattern)]));
    }
    if (c.responsibleId !== undefined) and.push(eb('o.responsible_id', '=', c.responsibleId));
    if (c.stageId !== undefined) and.push(eb('o.stage_id', '=', c.stageId));
    if (c.stageType !== undefined) {
      and.push(eb('o.stage_id', 'in', eb.selectFrom('opportunity_stages as st').select('st.id').where('st.tenant_id', '=', tenantId).where('st.stage_type', '=', c.stageType)));
    }
    if (c.contact) {
      const primary = eb('o.contact_id', '=', c.contact.id);
      and.push(c.contact.primaryOnly ? primary : eb.or([
        primary,
        eb.exists(
          eb.selectFrom('opportunity_members as om')
            .select('om.contact_id')
            .whereRef('om.opportunity_id', '=', 'o.id')
            .where('om.tenant_id', '=', tenantId)
            .where('om.contact_id', '=', c.contact.id),
        ),
      ]));
    }
    if (c.expectedClose?.from !== undefined) and.push(eb('o.expected_close_at', '>=', c.expectedClose.from));
    if (c.expectedClose?.to !== undefined) and.push(eb('o.expected_close_at', '<=', c.expectedClose.to));
    return eb.and(and);
  };
}

/** Opportunities matching the criteria that the actor may access. */
function searchQuery(db: Executor, actor: Actor, criteria: OpportunityCriteria) {
  return db.selectFrom('opportunities as o')
    .where('o.tenant_id', '=', actor.tenantId)
    .where(whereCriteria(actor.tenantId, criteria))
    .where(whereOpportunityAccessible(actor));
}

/**
 * `limit` matching opportunities from `offset` (no limit when undefined), in the requested order;
 * the id breaks ties in the same direction. Title and responsible sort ignoring case; opportunities
 * without an expected close date come last whatever the direction (both databases agree).
 */
export async function listOpportunityPage(
  db: Executor, actor: Actor, criteria: OpportunityCriteria, sort: OpportunitySort, offset = 0, limit?: number,
): Promise<Opportunity[]> {
  const dir = sort.descending ? 'desc' : 'asc';
  let q = searchQuery(db, actor, criteria).selectAll('o');
  switch (sort.key) {
    case 'title':
      q = q.orderBy(sql`lower(o.title)`, dir);
      break;
    case 'responsible':
      q = q
        .leftJoin('users as ru', (j) => j.onRef('ru.id', '=', 'o.responsible_id').on('ru.tenant_id', '=', actor.tenantId))
        .orderBy(sql`lower(coalesce(ru.first_name, '') || ' ' || coalesce(ru.last_name, ''))`, dir);
      break;
    case 'stage':
      q = q
        .leftJoin('opportunity_stages as ss', (j) => j.onRef('ss.id', '=', 'o.stage_id').on('ss.tenant_id', '=', actor.tenantId))
        .orderBy('ss.sort_order', dir);
      break;
    case 'bidValue':
      q = q.orderBy('o.bid_value', dir);
      break;
    case 'dateAndTime':
      q = q.orderBy(sql`case when o.expected_close_at is null then 1 else 0 end`).orderBy('o.expected_close_at', dir);
      break;
    case 'id':
      break;
  }
  q = q.orderBy('o.id', dir);
  if (limit !== undefined) q = q.limit(limit).offset(offset);
  return withLists(db, actor.tenantId, await q.execute());
}

/** How many opportunities the same search finds for the actor: the page's predicate exactly. */
export async function countOpportunities(db: Executor, actor: Actor, criteria: OpportunityCriteria): Promise<number> {
  const row = await searchQuery(db, actor, criteria).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return num(row.n);
}

/** Ids of every opportunity matching the criteria that the actor may access (batch operations by filter). */
export async function listOpportunityIds(db: Executor, actor: Actor, criteria: OpportunityCriteria): Promise<number[]> {
  return (await searchQuery(db, actor, criteria).select('o.id').orderBy('o.id').execute()).map((r) => num(r.id));
}

/** The stored fields of a new opportunity (amount already rounded to 2 decimals). */
export type OpportunityFields = Omit<Opportunity, 'id' | 'tenantId' | 'createdBy' | 'createdAt' | 'members' | 'accessList'>;

const columnsOf = (o: OpportunityFields) => ({
  contact_id: o.contactId,
  title: o.title,
  description: o.description,
  responsible_id: o.responsibleId,
  bid_type: o.bidType,
  bid_value: toScaled(o.bidValue, 2),
  bid_currency: o.bidCurrency,
  per_period_value: o.perPeriodValue,
  stage_id: o.stageId,
  success_probability: o.successProbability,
  expected_close_at: o.expectedCloseAt ? o.expectedCloseAt.getTime() : null,
  actual_close_at: o.actualCloseAt ? o.actualCloseAt.getTime() : null,
  is_private: flag(o.isPrivate),
});

/** Inserts an opportunity with its members and access list; returns its id. Call inside a transaction. */
export async function insertOpportunity(
  db: Executor,
  tenantId: number,
  o: OpportunityFields & { members: readonly number[]; accessList: readonly string[] },
  by: string,
  now: number,
): Promise<number> {
  const row = await db
    .insertInto('opportunities')
    .values({ tenant_id: tenantId, ...columnsOf(o), created_by: by, created_at: now, updated_by: by, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = num(row.id);
  await insertMembers(db, tenantId, id, o.members);
  await insertAccess(db, tenantId, [id], o.accessList);
  return id;
}

async function insertMembers(db: Executor, tenantId: number, id: number, members: readonly number[]): Promise<void> {
  if (members.length === 0) return;
  await db.insertInto('opportunity_members').values(members.map((contactId) => ({ tenant_id: tenantId, opportunity_id: id, contact_id: contactId }))).execute();
}

async function insertAccess(db: Executor, tenantId: number, ids: readonly number[], users: readonly string[]): Promise<void> {
  if (ids.length === 0 || users.length === 0) return;
  await db.insertInto('opportunity_access').values(ids.flatMap((id) => users.map((u) => ({ tenant_id: tenantId, opportunity_id: id, user_id: u })))).execute();
}

/** Replaces every stored field of an opportunity (not its members or access list). */
export async function updateOpportunity(db: Executor, tenantId: number, id: number, o: OpportunityFields, by: string, now: number): Promise<void> {
  await db.updateTable('opportunities').set({ ...columnsOf(o), updated_by: by, updated_at: now }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Replaces the member contacts of an opportunity. */
export async function replaceOpportunityMembers(db: Executor, tenantId: number, id: number, members: readonly number[]): Promise<void> {
  await db.deleteFrom('opportunity_members').where('tenant_id', '=', tenantId).where('opportunity_id', '=', id).execute();
  await insertMembers(db, tenantId, id, members);
}

/** Gives several opportunities the same access list (two statements whatever their number). */
async function replaceOpportunityAccess(db: Executor, tenantId: number, ids: readonly number[], users: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('opportunity_access').where('tenant_id', '=', tenantId).where('opportunity_id', 'in', [...ids]).execute();
  await insertAccess(db, tenantId, ids, users);
}

/** Replaces a full opportunity: fields, members and access list. */
export async function replaceOpportunity(
  db: Executor, tenantId: number, id: number, o: OpportunityFields & { members: readonly number[]; accessList: readonly string[] }, by: string, now: number,
): Promise<void> {
  await updateOpportunity(db, tenantId, id, o, by, now);
  await replaceOpportunityMembers(db, tenantId, id, o.members);
  await replaceOpportunityAccess(db, tenantId, [id], o.accessList);
}

/** Sets privacy and access list of several opportunities at once. */
export async function updateOpportunitiesAccess(
  db: Executor, tenantId: number, ids: readonly number[], access: { isPrivate: boolean; accessList: readonly string[] }, by: string, now: number,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('opportunities')
    .set({ is_private: flag(access.isPrivate), updated_by: by, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...ids])
    .execute();
  await replaceOpportunityAccess(db, tenantId, ids, access.accessList);
}

/**
 * Deletes opportunities with their members and access lists. Invoices linked to them keep their
 * entity id, which then names no opportunity (spec §3.8, Q31 kept).
 */
export async function deleteOpportunities(db: Executor, tenantId: number, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('opportunity_members').where('tenant_id', '=', tenantId).where('opportunity_id', 'in', [...ids]).execute();
  await db.deleteFrom('opportunity_access').where('tenant_id', '=', tenantId).where('opportunity_id', 'in', [...ids]).execute();
  await db.deleteFrom('opportunities').where('tenant_id', '=', tenantId).where('id', 'in', [...ids]).execute();
}
