// PUT opportunity/{id}/stage/{stageid}: move an opportunity to a stage (probability and actual
// close date follow the stage, domain/opportunities/opportunity-changes.ts computeStageChange).
import { diffFields } from '../../domain/audit/audit.js';
import { opportunityAuditView } from '../../domain/opportunities/opportunity-audit.js';
import { computeStageChange } from '../../domain/opportunities/opportunity-changes.js';
import type { Actor } from '../../domain/people/user.js';
import { findOpportunity, updateOpportunity } from '../../store/opportunities.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { checkStage, lockAccessibleOpportunity } from './opportunity-checks.js';
import { loadOpportunityView, type OpportunityView } from './opportunity-view.js';

export async function setOpportunityStage(deps: Deps, actor: Actor, id: number, stageId: number): Promise<OpportunityView> {
  const now = deps.clock.now();
  return deps.store.transaction(async (trx) => {
    const o = await lockAccessibleOpportunity(deps, trx, actor, id);
    const stage = await checkStage(deps, trx, actor.tenantId, stageId);
    const after = { ...o, ...computeStageChange(o, stage, new Date(now)) };
    const changes = diffFields(opportunityAuditView(o), opportunityAuditView(after));
    if (Object.keys(changes).length > 0) {
      await updateOpportunity(trx, actor.tenantId, o.id, after, actor.userId, now);
      await recordAudit(auditContext(deps, trx, actor, now), { action: 'opportunity.stage-changed', targetType: 'opportunity', targetIds: [o.id], changes });
    }
    return loadOpportunityView(trx, actor, (await findOpportunity(trx, actor.tenantId, o.id))!);
  });
}
