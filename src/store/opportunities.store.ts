import type { Selectable } from 'kysely';
import type { Opportunity, OpportunityStage } from '../domain/opportunities/opportunity.js';
import type { Executor } from './database.js';
import type { OpportunitiesTable } from './schema.js';
import { bool, instant, num } from './rows.js';
import { fromScaled } from '../domain/money.js';

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
      members.filter((m) => num(m.opportunity_id) === id).map((m) => num(m.contact_id)),
      access.filter((a) => num(a.opportunity_id) === id).map((a) => a.user_id),
    ));
  }
  return out;
}

export async function findOpportunity(db: Executor, tenantId: number, id: number): Promise<Opportunity | undefined> {
  return (await findOpportunities(db, tenantId, [id])).get(id);
}

export async function listStages(db: Executor, tenantId: number): Promise<OpportunityStage[]> {
  const rows = await db.selectFrom('opportunity_stages').selectAll().where('tenant_id', '=', tenantId).orderBy('sort_order').orderBy('id').execute();
  return rows.map((r) => ({
    id: num(r.id), title: r.title, description: r.description, color: r.color,
    sortOrder: num(r.sort_order), successProbability: num(r.success_probability), stageType: num(r.stage_type) as 0 | 1 | 2,
  }));
}
