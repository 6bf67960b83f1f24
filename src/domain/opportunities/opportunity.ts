// Opportunities ("deals") as invoices use them (spec §2.3.14, §3.5, §3.8).
import type { Decimal } from '../money.js';
import type { Actor } from '../people/user.js';

export interface Opportunity {
  id: number;
  tenantId: number;
  contactId: number;
  title: string;
  description: string;
  responsibleId: string;
  bidType: number;
  bidValue: Decimal;
  bidCurrency: string;
  perPeriodValue: number;
  stageId: number;
  successProbability: number;
  expectedCloseAt: Date | null;
  actualCloseAt: Date | null;
  isPrivate: boolean;
  createdBy: string;
  createdAt: Date;
  /** Member contact ids, the primary contact included. */
  members: number[];
  /** Users on the access list of a private opportunity. */
  accessList: string[];
}

/** DealMilestoneStatus (spec §2.1): 0 open, 1 closed and won, 2 closed and lost. */
export type StageType = 0 | 1 | 2;
export const STAGE_TYPES = { Open: 0, ClosedAndWon: 1, ClosedAndLost: 2 } as const satisfies Record<string, StageType>;

export interface OpportunityStage {
  id: number;
  title: string;
  description: string;
  color: string;
  sortOrder: number;
  successProbability: number;
  stageType: StageType;
}

/** The message of a missing or inaccessible opportunity (spec §3.5: both are "not found"). */
export const opportunityNotFoundMessage = (id: number): string => `Opportunity ${id} is not found`;

// spec §3.5: admin, or not private, or on its access list.
export const canAccessOpportunity = (actor: Actor, o: Pick<Opportunity, 'isPrivate' | 'accessList'>): boolean =>
  actor.isAdmin || !o.isPrivate || o.accessList.includes(actor.userId);
