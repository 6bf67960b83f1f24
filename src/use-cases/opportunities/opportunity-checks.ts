// Checks shared by the opportunity writes (spec §6.4 order: stage, responsible, access list, then
// the primary contact), run inside the writing transaction before its first write.
import { canReadContact, type Contact } from '../../domain/contacts/contact.js';
import { accessDenied, invalid, notFound } from '../../domain/errors.js';
import { STAGE_NOT_FOUND_MESSAGE, type ValidNewOpportunity } from '../../domain/opportunities/new-opportunity.js';
import { canAccessOpportunity, opportunityNotFoundMessage, type Opportunity, type OpportunityStage } from '../../domain/opportunities/opportunity.js';
import type { Actor } from '../../domain/people/user.js';
import type { Executor } from '../../store/database.js';
import { lockOpportunities } from '../../store/opportunities.store.js';
import { lockStage } from '../../store/stages.store.js';
import type { Deps } from '../deps.js';
import { loadUsers } from '../people/load-users.js';

/** The stage an opportunity is written with, locked against its deletion until commit; unknown → 400 (spec §6.4). */
export async function checkStage(deps: Deps, trx: Executor, tenantId: number, stageId: number): Promise<OpportunityStage> {
  const stage = await lockStage(trx, deps.store.dialect, tenantId, stageId, 'share');
  if (!stage) throw invalid(STAGE_NOT_FOUND_MESSAGE);
  return stage;
}

/** Every user of an access list must be a user of the caller's portal (an unknown id is a 400, not a silent grant). */
export async function checkAccessList(trx: Executor, tenantId: number, accessList: readonly string[]): Promise<void> {
  if (accessList.length === 0) return;
  const users = await loadUsers(trx, tenantId, accessList);
  const stranger = accessList.find((u) => !users.has(u));
  if (stranger) throw invalid(`accessList: ${stranger} is not a user of this portal`);
}

/**
 * Create and full update: stage, responsible, access list, primary contact. `contacts` holds the
 * contacts the request and the stored opportunity name. A primary contact equal to `keptContactId`
 * (the stored one, on update) is not checked again: keeping it needs no right.
 */
export async function checkOpportunityReferences(
  deps: Deps, trx: Executor, actor: Actor, o: ValidNewOpportunity, contacts: ReadonlyMap<number, Contact>, keptContactId = 0,
): Promise<void> {
  await checkStage(deps, trx, actor.tenantId, o.stageId);
  const users = await loadUsers(trx, actor.tenantId, [o.responsibleId]);
  if (!users.has(o.responsibleId)) throw invalid(`responsibleid: ${o.responsibleId} is not a user of this portal`);
  await checkAccessList(trx, actor.tenantId, o.accessList);
  if (o.contactId !== 0 && o.contactId !== keptContactId) {
    const contact = contacts.get(o.contactId);
    if (!contact) throw invalid(`contactid: the contact ${o.contactId} is not found`);
    if (!canReadContact(actor, contact)) throw accessDenied(`Access Denied: you may not read the contact ${o.contactId}`);
  }
}

/** Ids of `ids` naming contacts the actor may read (missing contacts are dropped too). */
export const readableIds = (actor: Actor, contacts: ReadonlyMap<number, Contact>, ids: readonly number[]): number[] =>
  ids.filter((id) => {
    const c = contacts.get(id);
    return c !== undefined && canReadContact(actor, c);
  });

/** Ids of `ids` naming existing contacts the actor may not read. */
export const hiddenIds = (actor: Actor, contacts: ReadonlyMap<number, Contact>, ids: readonly number[]): number[] =>
  ids.filter((id) => {
    const c = contacts.get(id);
    return c !== undefined && !canReadContact(actor, c);
  });

/**
 * The opportunity a write is about, locked until commit. Missing and inaccessible are the same
 * 404 as GET answers (spec §3.5); editing needs no more than access (the original's CanEdit).
 */
export async function lockAccessibleOpportunity(deps: Deps, trx: Executor, actor: Actor, id: number): Promise<Opportunity> {
  const [o] = await lockOpportunities(trx, deps.store.dialect, actor.tenantId, [id]);
  if (!o || !canAccessOpportunity(actor, o)) throw notFound(opportunityNotFoundMessage(id));
  return o;
}
