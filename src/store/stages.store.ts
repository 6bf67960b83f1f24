import type { StageSeed } from '../domain/opportunities/default-stages.js';
import type { Executor } from './database.js';

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
