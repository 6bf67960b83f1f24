// How an existing opportunity changes (full update, members, stage, access): the rules that
// need no database. Contacts the editor may not read are never changed by them: they cannot see
// them (the answers leave them out, DECISIONS), so they cannot mean to remove them.
import { computeAccessList, computeMemberIds } from './new-opportunity.js';
import { isClosedStage } from './stage.js';
import type { Opportunity, OpportunityStage } from './opportunity.js';

/**
 * The primary contact after a full update: the requested one, except that a primary contact
 * hidden from the editor stays when they send 0 (what they were shown: `contact` null).
 */
export function computeUpdatedContactId(current: Pick<Opportunity, 'contactId'>, isCurrentHidden: boolean, requested: number): number {
  return requested === 0 && current.contactId > 0 && isCurrentHidden ? current.contactId : requested;
}

/** Members after a full update: the given members the editor may read, the current members hidden from them, and the primary contact. */
export function computeUpdatedMembers(contactId: number, readableGiven: readonly number[], hiddenCurrent: readonly number[]): number[] {
  return computeMemberIds(contactId, [...readableGiven, ...hiddenCurrent]).sort((a, b) => a - b);
}

/** Adding a member: idempotent. */
export const computeMembersWith = (o: Pick<Opportunity, 'contactId' | 'members'>, contactId: number): number[] =>
  computeMemberIds(o.contactId, [...o.members, contactId]).sort((a, b) => a - b);

/**
 * Removing a member: idempotent. The primary contact is a member (spec §3.8), so removing it
 * clears the primary contact too; otherwise `contact` would name a contact invoices may not use.
 */
export const computeMembersWithout = (o: Pick<Opportunity, 'contactId' | 'members'>, contactId: number): { contactId: number; members: number[] } => ({
  contactId: o.contactId === contactId ? 0 : o.contactId,
  members: o.members.filter((m) => m !== contactId),
});

export type StageChange = Pick<Opportunity, 'stageId' | 'successProbability' | 'actualCloseAt'>;

/**
 * Moving an opportunity to a stage, as the original's `opportunity/{id}/stage/{id}`: the success
 * probability becomes the stage's; a closed stage (won or lost) sets the actual close date to now,
 * an open stage clears it. The same stage again changes nothing.
 */
export function computeStageChange(o: StageChange, stage: OpportunityStage, now: Date): StageChange {
  if (o.stageId === stage.id) return { stageId: o.stageId, successProbability: o.successProbability, actualCloseAt: o.actualCloseAt };
  return { stageId: stage.id, successProbability: stage.successProbability, actualCloseAt: isClosedStage(stage) ? now : null };
}

/** The access of an opportunity after `opportunity/access`: as on create, the editor stays on a private list. */
export const computeAccessChange = (isPrivate: boolean, accessList: readonly string[], editorId: string): { isPrivate: boolean; accessList: string[] } => ({
  isPrivate,
  accessList: computeAccessList(isPrivate, [...new Set(accessList)], editorId).sort(),
});

const sameList = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

export const hasAccessChanged = (o: Pick<Opportunity, 'isPrivate' | 'accessList'>, next: { isPrivate: boolean; accessList: readonly string[] }): boolean =>
  o.isPrivate !== next.isPrivate || !sameList(o.accessList, next.accessList);
