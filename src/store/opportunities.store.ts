import type { Selectable } from 'kysely';
import type { Opportunity, OpportunityStage } from '../domain/opportunities/opportunity.js';
import type { Executor } from './database.js';
import type { OpportunitiesTable, OpportunityStagesTable } from './schema.js';
import { bool, flag, instant, num } from './rows.js';
import { fromScaled, toScaled } from '../domain/money.js';

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

/** Opportunities by id with members and access lists, regardless of visibility. */
export async function findOpportunities(db: Executor, tenantId: number, ids: readonly number[]): Promise<Map<number, Opportunity>> {
  const wanted = [...new Set(ids.filter((id) => id > 0))];
  const out = new Map<number, Opportunity>();
  if (wanted.length === 0) return out;
  const rows = await db.selectFrom('opportunities').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', wanted).execute();
  if (rows.length === 0) return out;
  const found = rows.map((r) => num(r.id));
  const [members, access] = await Promise.all([
    db.selectFrom('opportunity_members').select(['opportunity_id', 'contact_id']).where('tenant_id', '=', tenantId).where('opportunity_id', 'in', found).execute(),
    db.selectFrom('opportunity_access').select(['opportunity_id', 'user_id']).where('tenant_id', '=', tenantId).where('opportunity_id', 'in', found).execute(),
  ]);
  for (const r of rows) {
    const id = num(r.id);
    out.set(id, toOpportunity(
      r,
      members.filter((m) => num(m.opportunity_id) === id).map((m) => num(m.contact_id)).sort((a, b) => a - b),
      access.filter((a) => num(a.opportunity_id) === id).map((a) => a.user_id),
    ));
  }
  return out;
}

export async function findOpportunity(db: Executor, tenantId: number, id: number): Promise<Opportunity | undefined> {
  return (await findOpportunities(db, tenantId, [id])).get(id);
}

const toStage = (r: Selectable<OpportunityStagesTable>): OpportunityStage => ({
  id: num(r.id), title: r.title, description: r.description, color: r.color,
  sortOrder: num(r.sort_order), successProbability: num(r.success_probability), stageType: num(r.stage_type) as 0 | 1 | 2,
});

export async function listStages(db: Executor, tenantId: number): Promise<OpportunityStage[]> {
  const rows = await db.selectFrom('opportunity_stages').selectAll().where('tenant_id', '=', tenantId).orderBy('sort_order').orderBy('id').execute();
  return rows.map(toStage);
}

export async function findStage(db: Executor, tenantId: number, id: number): Promise<OpportunityStage | undefined> {
  if (id <= 0) return undefined;
  const r = await db.selectFrom('opportunity_stages').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return r && toStage(r);
}

/** The stored fields of a new opportunity (amount already rounded to 2 decimals). */
export type OpportunityFields = Omit<Opportunity, 'id' | 'tenantId' | 'createdBy' | 'createdAt' | 'members' | 'accessList'>;

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
    .values({
      tenant_id: tenantId,
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
      created_by: by,
      created_at: now,
      updated_by: by,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = num(row.id);
  if (o.members.length > 0) {
    await db.insertInto('opportunity_members').values(o.members.map((contactId) => ({ tenant_id: tenantId, opportunity_id: id, contact_id: contactId }))).execute();
  }
  if (o.accessList.length > 0) {
    await db.insertInto('opportunity_access').values(o.accessList.map((userId) => ({ tenant_id: tenantId, opportunity_id: id, user_id: userId }))).execute();
  }
  return id;
}
