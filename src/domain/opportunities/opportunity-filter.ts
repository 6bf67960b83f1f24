// The search of `GET opportunity/filter` and of the batch operations that take the same
// parameters (delete and access by filter), as pure rules. The original (DealDao) filters on a
// search text, the responsible user, the stage, the stage type, a contact and an expected close
// date range, and sorts by DealSortedByType. SQL lives in store/opportunities.store.ts.
import { computeRange, type InstantRange } from '../invoices/invoice-filter.js';
import { invalid } from '../errors.js';
import { STAGE_TYPES } from './opportunity.js';
import { isStageType } from './stage.js';

/** Sort keys in the wire order of DealSortedByType (0 Title … 4 DateAndTime). */
export const OPPORTUNITY_SORT_KEYS = ['title', 'responsible', 'stage', 'bidValue', 'dateAndTime'] as const;
export type OpportunitySortKey = (typeof OPPORTUNITY_SORT_KEYS)[number] | 'id';

export interface OpportunitySort {
  key: OpportunitySortKey;
  descending: boolean;
}

const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

/** The filter as the request gives it, after binding (dates are instants already). */
export interface OpportunityFilterInput {
  searchText?: string;
  responsibleId?: string;
  stageId: number;
  stageType?: number;
  contactId: number;
  /** true (default): the contact is a member, the primary contact included; false: the primary contact only. */
  contactAlsoIsParticipant?: boolean;
  fromDate?: Date;
  toDate?: Date;
}

/** What the store filters on. Every member set is ANDed. */
export interface OpportunityCriteria {
  /** Lower-case words; each must occur in the title or the description. */
  words: string[];
  responsibleId?: string;
  stageId?: number;
  stageType?: number;
  contact?: { id: number; primaryOnly: boolean };
  expectedClose?: InstantRange;
}

/** Search text → lower-case words (split on white space). */
export const parseSearchWords = (text: string | undefined): string[] =>
  (text ?? '').trim().split(/\s+/u).filter((w) => w !== '').map((w) => w.toLowerCase());

/**
 * Values meaning "no filter" are dropped, as the original does: an empty GUID, ids ≤ 0. The
 * expected close date range follows the invoice filter (spec §4.4): `toDate` covers its whole day
 * in the tenant's zone.
 */
export function parseOpportunityFilter(input: OpportunityFilterInput, timeZone: string): OpportunityCriteria {
  if (input.stageType !== undefined && !isStageType(input.stageType)) {
    throw invalid(`stageType: ${input.stageType} is not a stage type; use one of ${Object.entries(STAGE_TYPES).map(([k, v]) => `${v} (${k})`).join(', ')}`);
  }
  const expectedClose = computeRange(input.fromDate, input.toDate, timeZone);
  return {
    words: parseSearchWords(input.searchText),
    ...(input.responsibleId && input.responsibleId !== EMPTY_GUID ? { responsibleId: input.responsibleId } : {}),
    ...(input.stageId > 0 ? { stageId: input.stageId } : {}),
    ...(input.stageType !== undefined ? { stageType: input.stageType } : {}),
    ...(input.contactId > 0 ? { contact: { id: input.contactId, primaryOnly: input.contactAlsoIsParticipant === false } } : {}),
    ...(expectedClose ? { expectedClose } : {}),
  };
}

/** Default: by stage (its sort order), ascending, as the original's list. */
export const DEFAULT_OPPORTUNITY_SORT: OpportunitySort = { key: 'stage', descending: false };

/** `sortBy` as a DealSortedByType name in any case or its number; anything else → the default order. */
export function parseOpportunitySort(sortBy: string | undefined, descending: boolean): OpportunitySort {
  if (sortBy === undefined) return DEFAULT_OPPORTUNITY_SORT;
  const t = sortBy.trim();
  const key = /^\d+$/.test(t)
    ? OPPORTUNITY_SORT_KEYS[Number(t)]
    : OPPORTUNITY_SORT_KEYS.find((k) => k.toLowerCase() === t.toLowerCase());
  return key ? { key, descending } : DEFAULT_OPPORTUNITY_SORT;
}
