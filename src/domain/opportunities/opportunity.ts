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

export interface OpportunityStage {
  id: number;
  title: string;
  description: string;
  color: string;
  sortOrder: number;
  successProbability: number;
  stageType: 0 | 1 | 2;
}

// spec §3.5: admin, or not private, or on its access list.
export const canAccessOpportunity = (actor: Actor, o: Pick<Opportunity, 'isPrivate' | 'accessList'>): boolean =>
  actor.isAdmin || !o.isPrivate || o.accessList.includes(actor.userId);
