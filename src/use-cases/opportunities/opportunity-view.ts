// What an opportunity answer needs besides the row: its stage, the contacts the reader may see,
// and the users it names. Visibility is applied here, so a presenter never receives a contact
// the reader may not read (spec §3.5; DECISIONS: embedded objects obey the reader's rights).
import { canReadContact, type Contact } from '../../domain/contacts/contact.js';
import type { Opportunity, OpportunityStage } from '../../domain/opportunities/opportunity.js';
import type { Actor, User } from '../../domain/people/user.js';
import { findContacts } from '../../store/contacts.store.js';
import type { Executor } from '../../store/database.js';
import { listStages } from '../../store/stages.store.js';
import { loadUsers } from '../people/load-users.js';

export interface OpportunityView {
  opportunity: Opportunity;
  stage: OpportunityStage | undefined;
  /** The primary and member contacts the reader may read; the others are absent. */
  readableContacts: ReadonlyMap<number, Contact>;
  users: ReadonlyMap<string, User>;
}

export interface OpportunityViews {
  views: OpportunityView[];
  /** Every user the views reference (one map for the whole list). */
  users: ReadonlyMap<string, User>;
}

/** Views of several opportunities in a fixed number of statements (stages, contacts, users), whatever their number. */
export async function loadOpportunityViews(db: Executor, actor: Actor, list: readonly Opportunity[]): Promise<OpportunityViews> {
  if (list.length === 0) return { views: [], users: new Map() };
  const stages = new Map((await listStages(db, actor.tenantId)).map((s) => [s.id, s]));
  const contacts = await findContacts(db, actor.tenantId, list.flatMap((o) => [o.contactId, ...o.members]));
  const readableContacts = new Map([...contacts].filter(([, c]) => canReadContact(actor, c)));
  const users = await loadUsers(db, actor.tenantId, [
    ...list.flatMap((o) => [o.createdBy, o.responsibleId, ...o.accessList]),
    ...[...readableContacts.values()].flatMap((c) => (c.shareType === 0 ? c.accessList : [])),
  ]);
  return { views: list.map((o) => ({ opportunity: o, stage: stages.get(o.stageId), readableContacts, users })), users };
}

export async function loadOpportunityView(db: Executor, actor: Actor, o: Opportunity): Promise<OpportunityView> {
  return (await loadOpportunityViews(db, actor, [o])).views[0]!;
}
