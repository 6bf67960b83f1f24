// DELETE opportunity/{id}, PUT opportunity (a group by ids) and DELETE opportunity/filter. Each
// answers what it deleted, as it was; invoices linked to a deleted opportunity keep their
// entity id (spec §3.8, Q31 kept) and show `entity: null` from then on.
import { diffFields } from '../../domain/audit/audit.js';
import { invalid } from '../../domain/errors.js';
import { opportunityAuditView } from '../../domain/opportunities/opportunity-audit.js';
import { parseOpportunityFilter, type OpportunityFilterInput } from '../../domain/opportunities/opportunity-filter.js';
import { canAccessOpportunity, type Opportunity } from '../../domain/opportunities/opportunity.js';
import type { Actor } from '../../domain/people/user.js';
import type { Executor } from '../../store/database.js';
import { deleteOpportunities, listOpportunityIds, lockOpportunities } from '../../store/opportunities.store.js';
import { auditContext, recordAudit } from '../audit/audit.js';
import type { Deps } from '../deps.js';
import { lockAccessibleOpportunity } from './opportunity-checks.js';
import { loadOpportunityViews, type OpportunityViews } from './opportunity-view.js';

/** One opportunity; missing or inaccessible → 404, as GET. */
export async function deleteOpportunity(deps: Deps, actor: Actor, id: number): Promise<OpportunityViews> {
  return deps.store.transaction(async (trx) => {
    const o = await lockAccessibleOpportunity(deps, trx, actor, id);
    return deleteLocked(deps, trx, actor, [o]);
  });
}

/** A group by id: missing and inaccessible ids are skipped, as the original's batch delete. */
export async function deleteOpportunitiesBatch(deps: Deps, actor: Actor, ids: readonly number[]): Promise<OpportunityViews> {
  if (ids.length === 0) throw invalid('opportunityids: at least one opportunity id is required');
  return deps.store.transaction(async (trx) => deleteAccessible(deps, trx, actor, ids));
}

/** Every opportunity the search finds that the caller may access (no paging: all of them, as the original). */
export async function deleteOpportunitiesByFilter(deps: Deps, actor: Actor, input: OpportunityFilterInput): Promise<OpportunityViews> {
  const criteria = parseOpportunityFilter(input, actor.timeZone);
  return deps.store.transaction(async (trx) => deleteAccessible(deps, trx, actor, await listOpportunityIds(trx, actor, criteria)));
}

async function deleteAccessible(deps: Deps, trx: Executor, actor: Actor, ids: readonly number[]): Promise<OpportunityViews> {
  // Locked, then checked again: the access list may have changed since the search.
  const locked = await lockOpportunities(trx, deps.store.dialect, actor.tenantId, ids);
  return deleteLocked(deps, trx, actor, locked.filter((o) => canAccessOpportunity(actor, o)));
}

async function deleteLocked(deps: Deps, trx: Executor, actor: Actor, list: readonly Opportunity[]): Promise<OpportunityViews> {
  const views = await loadOpportunityViews(trx, actor, list);
  await deleteOpportunities(trx, actor.tenantId, list.map((o) => o.id));
  const now = deps.clock.now();
  const ctx = auditContext(deps, trx, actor, now);
  for (const o of list) {
    await recordAudit(ctx, { action: 'opportunity.deleted', targetType: 'opportunity', targetIds: [o.id], changes: diffFields(opportunityAuditView(o), undefined) });
  }
  return views;
}
