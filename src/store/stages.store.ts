// Opportunity stages ("deal milestones"): the tenant's list, its order, and whether a stage is in use.
import { sql, type Selectable } from 'kysely';
import type { StageSeed } from '../domain/opportunities/default-stages.js';
import type { OpportunityStage, StageType } from '../domain/opportunities/opportunity.js';
import type { ValidStage } from '../domain/opportunities/stage.js';
import type { Dialect, Executor } from './database.js';
import type { OpportunityStagesTable } from './schema.js';
import { num } from './rows.js';

export async function insertStages(db: Executor, tenantId: number, stages: readonly StageSeed[]): Promise<void> {
  if (stages.length === 0) return;
  await db
    .insertInto('opportunity_stages')
    .values(stages.map((s, i) => ({
      tenant_id: tenantId, title: s.title, description: s.description, color: s.color,
      sort_order: i, success_probability: s.successProbability, stage_type: s.stageType,
    })))
    .execute();
}

const toStage = (r: Selectable<OpportunityStagesTable>): OpportunityStage => ({
  id: num(r.id), title: r.title, description: r.description, color: r.color,
  sortOrder: num(r.sort_order), successProbability: num(r.success_probability), stageType: num(r.stage_type) as StageType,
});

/** The tenant's stages by sort order (the id breaks ties). */
export async function listStages(db: Executor, tenantId: number): Promise<OpportunityStage[]> {
  const rows = await db.selectFrom('opportunity_stages').selectAll().where('tenant_id', '=', tenantId).orderBy('sort_order').orderBy('id').execute();
  return rows.map(toStage);
}

/** The stages, locked until the transaction ends on PostgreSQL (reorder: no concurrent reorder interleaves). */
export async function lockStages(db: Executor, dialect: Dialect, tenantId: number): Promise<OpportunityStage[]> {
  let q = db.selectFrom('opportunity_stages').selectAll().where('tenant_id', '=', tenantId).orderBy('sort_order').orderBy('id');
  if (dialect === 'postgres') q = q.forUpdate();
  return (await q.execute()).map(toStage);
}

export async function findStage(db: Executor, tenantId: number, id: number): Promise<OpportunityStage | undefined> {
  if (id <= 0) return undefined;
  const r = await db.selectFrom('opportunity_stages').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return r && toStage(r);
}

/**
 * A stage, locked on PostgreSQL: `share` while an opportunity is written with it, `update` while the
 * stage itself is changed or deleted. So a stage cannot be deleted between "it exists" and the
 * opportunity's insert, nor an opportunity be written between "unused" and the stage's delete.
 */
export async function lockStage(db: Executor, dialect: Dialect, tenantId: number, id: number, mode: 'share' | 'update'): Promise<OpportunityStage | undefined> {
  if (id <= 0) return undefined;
  let q = db.selectFrom('opportunity_stages').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id);
  if (dialect === 'postgres') q = mode === 'share' ? q.forShare() : q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toStage(r);
}

/** Inserts a stage after the others (its sort order is one past the largest); returns its id. */
export async function insertStage(db: Executor, tenantId: number, s: ValidStage): Promise<number> {
  const last = await db
    .selectFrom('opportunity_stages')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  const sortOrder = last?.m === null || last?.m === undefined ? 0 : num(last.m) + 1;
  const row = await db
    .insertInto('opportunity_stages')
    .values({
      tenant_id: tenantId, title: s.title, description: s.description, color: s.color,
      sort_order: sortOrder, success_probability: s.successProbability, stage_type: s.stageType,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return num(row.id);
}

export async function updateStage(db: Executor, tenantId: number, id: number, s: ValidStage): Promise<void> {
  await db
    .updateTable('opportunity_stages')
    .set({ title: s.title, description: s.description, color: s.color, success_probability: s.successProbability, stage_type: s.stageType })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** Sets the sort order of several stages in one statement. */
export async function updateStageOrders(db: Executor, tenantId: number, orders: ReadonlyMap<number, number>): Promise<void> {
  if (orders.size === 0) return;
  const cases = sql.join([...orders].map(([id, order]) => sql`when cast(${id} as integer) then cast(${order} as integer)`), sql` `);
  await db
    .updateTable('opportunity_stages')
    .set({ sort_order: sql<number>`case id ${cases} end` })
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...orders.keys()])
    .execute();
}

export async function deleteStage(db: Executor, tenantId: number, id: number): Promise<void> {
  await db.deleteFrom('opportunity_stages').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** How many opportunities (every one, whoever may see them) are at the stage. */
export async function countOpportunitiesAtStage(db: Executor, tenantId: number, stageId: number): Promise<number> {
  const row = await db
    .selectFrom('opportunities')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('stage_id', '=', stageId)
    .executeTakeFirstOrThrow();
  return num(row.n);
}
