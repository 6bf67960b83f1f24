import { notFound } from '../../domain/errors.js';
import { canAccessOpportunity, opportunityNotFoundMessage } from '../../domain/opportunities/opportunity.js';
import type { Actor } from '../../domain/people/user.js';
import { findOpportunity } from '../../store/opportunities.store.js';
import type { Deps } from '../deps.js';
import { loadOpportunityView, type OpportunityView } from './opportunity-view.js';

/** GET opportunity/{id}: spec §3.5, an opportunity the reader may not access is "not found". */
export async function getOpportunity(deps: Deps, actor: Actor, id: number): Promise<OpportunityView> {
  const o = await findOpportunity(deps.store.db, actor.tenantId, id);
  if (!o || !canAccessOpportunity(actor, o)) throw notFound(opportunityNotFoundMessage(id));
  return loadOpportunityView(deps.store.db, actor, o);
}
