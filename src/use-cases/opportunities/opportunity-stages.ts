// Opportunity stages ("deal milestones"): read by any CRM user; created, changed, deleted and
// reordered by CRM admins only (403 otherwise), each write in one transaction with its audit records.
import { diffFields } from '../../domain/audit/audit.js';
import { accessDenied, invalid, notFound } from '../../domain/errors.js';
import { stageAuditView } from '../../domain/opportunities/opportunity-audit.js';
import type { OpportunityStage } from '../../domain/opportunities/opportunity.js';
import { computeSortOrders, computeStageOrder, stageNotFoundMessage, validateStage, type StageInput } from '../../domain/opportunities/stage.js';
import type { Actor } from '../../domain/people/user.js';
import type { Executor } from '../../store/database.js';
import {
  countOpportunitiesAtStage, deleteStage, findStage, insertStage, listStages, lockStage, lockStages, updateStage, updateStageOrders,
} from '../../store/stages.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';

/** GET opportunity/stage: the tenant's stages by sort order; any CRM user. */
export async function listOpportunityStages(deps: Deps, actor: Actor): Promise<OpportunityStage[]> {
  return listStages(deps.store.db, actor.tenantId);
}

export async function getOpportunityStage(deps: Deps, actor: Actor, id: number): Promise<OpportunityStage> {
  const stage = await findStage(deps.store.db, actor.tenantId, id);
  if (!stage) throw notFound(stageNotFoundMessage(id));
  return stage;
}

function demandAdmin(actor: Actor): void {
  if (!actor.isAdmin) throw accessDenied('Access Denied: only a CRM admin can change opportunity stages');
}

async function lockExisting(deps: Deps, trx: Executor, tenantId: number, id: number): Promise<OpportunityStage> {
  const stage = await lockStage(trx, deps.store.dialect, tenantId, id, 'update');
  if (!stage) throw notFound(stageNotFoundMessage(id));
  return stage;
}

/** A new stage goes after the existing ones. */
export async function createOpportunityStage(deps: Deps, actor: Actor, input: StageInput): Promise<OpportunityStage> {
  demandAdmin(actor);
  const stage = validateStage(input);
  const now = deps.clock.now();
  return deps.store.transaction(async (trx) => {
    const id = await insertStage(trx, actor.tenantId, stage);
    const created = (await findStage(trx, actor.tenantId, id))!;
    await recordAudit(auditContext(deps, trx, actor, now), {
      action: 'opportunity-stage.created', targetType: 'opportunity-stage', targetIds: [id], changes: diffFields(undefined, stageAuditView(created)),
    });
    return created;
  });
}

/** A full replacement of title, description, color, probability and type; the order is kept. */
export async function updateOpportunityStage(deps: Deps, actor: Actor, id: number, input: StageInput): Promise<OpportunityStage> {
  demandAdmin(actor);
  const now = deps.clock.now();
  return deps.store.transaction(async (trx) => {
    const before = await lockExisting(deps, trx, actor.tenantId, id);
    const stage = validateStage(input);
    const changes = diffFields(stageAuditView(before), stageAuditView({ ...before, ...stage }));
    if (Object.keys(changes).length === 0) return before;
    await updateStage(trx, actor.tenantId, id, stage);
    await recordAudit(auditContext(deps, trx, actor, now), { action: 'opportunity-stage.updated', targetType: 'opportunity-stage', targetIds: [id], changes });
    return (await findStage(trx, actor.tenantId, id))!;
  });
}

/** Refused (400) while any opportunity is at the stage: they would lose their stage. */
export async function deleteOpportunityStage(deps: Deps, actor: Actor, id: number): Promise<OpportunityStage> {
  demandAdmin(actor);
  const now = deps.clock.now();
  return deps.store.transaction(async (trx) => {
    const stage = await lockExisting(deps, trx, actor.tenantId, id);
    const used = await countOpportunitiesAtStage(trx, actor.tenantId, id);
    if (used > 0) {
      throw invalid(`The stage ${id} is used by ${used} ${used === 1 ? 'opportunity' : 'opportunities'}; move ${used === 1 ? 'it' : 'them'} to another stage first`);
    }
    await deleteStage(trx, actor.tenantId, id);
    await recordAudit(auditContext(deps, trx, actor, now), {
      action: 'opportunity-stage.deleted', targetType: 'opportunity-stage', targetIds: [id], changes: diffFields(stageAuditView(stage), undefined),
    });
    return stage;
  });
}

/** The given ids first, in that order, then the others as they were (domain computeStageOrder). No ids: nothing changes. */
export async function reorderOpportunityStages(deps: Deps, actor: Actor, ids: readonly number[]): Promise<OpportunityStage[]> {
  demandAdmin(actor);
  if (ids.length === 0) return listStages(deps.store.db, actor.tenantId);
  const now = deps.clock.now();
  return deps.store.transaction(async (trx) => {
    const current = await lockStages(trx, deps.store.dialect, actor.tenantId);
    const orders = computeSortOrders(computeStageOrder(current, ids));
    const changed = current.filter((s) => orders.get(s.id) !== s.sortOrder);
    await updateStageOrders(trx, actor.tenantId, new Map(changed.map((s) => [s.id, orders.get(s.id)!])));
    const ctx = auditContext(deps, trx, actor, now);
    for (const s of changed) {
      await recordAudit(ctx, {
        action: 'opportunity-stage.reordered', targetType: 'opportunity-stage', targetIds: [s.id],
        changes: { sortOrder: { before: s.sortOrder, after: orders.get(s.id)! } },
      });
    }
    return listStages(trx, actor.tenantId);
  });
}
