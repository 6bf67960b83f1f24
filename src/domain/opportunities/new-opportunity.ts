// Creating an opportunity (spec §6.4, §3.5, §3.8 with DECISIONS): the rules that need no database.
import { findCurrency } from '../currencies/catalogue.js';
import { invalid } from '../errors.js';
import { MAX_AMOUNT, round2Away, ZERO, type Decimal } from '../money.js';

/** BidType (spec §2.1): member names and wire integers. */
export const BID_TYPES = { FixedBid: 0, PerHour: 1, PerDay: 2, PerWeek: 3, PerMonth: 4, PerYear: 5 } as const;
const BID_TYPE_TEXT = Object.entries(BID_TYPES).map(([k, v]) => `${v} (${k})`).join(', ');

/** The original's varchar(255) columns count characters, not UTF-16 units (spec Q32). */
export const MAX_TITLE_LENGTH = 255;
const charLength = (s: string): number => [...s].length;

const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

/** The original's message for an unknown stage (spec §6.4). */
export const STAGE_NOT_FOUND_MESSAGE = 'Deal milestone is not found';

export interface NewOpportunityInput {
  contactId: number;
  members: readonly number[];
  title: string;
  description: string;
  responsibleId?: string;
  bidType: number;
  bidValue?: Decimal;
  bidCurrency: string;
  perPeriodValue: number;
  stageId: number;
  successProbability: number;
  actualCloseAt: Date | null;
  expectedCloseAt: Date | null;
  isPrivate: boolean;
  accessList: readonly string[];
}

/** The checked values: currency upper-cased, amount rounded for storage, lists without duplicates. */
export interface ValidNewOpportunity extends Omit<NewOpportunityInput, 'responsibleId' | 'bidValue'> {
  responsibleId: string;
  bidValue: Decimal;
}

/**
 * Checks a new opportunity in the order of spec §6.4 (title, responsible, stage id, currency),
 * then our additions (bid type range, amount range of DECISIONS, lengths Q32). Whether the stage,
 * the responsible user and the contacts exist needs the store.
 */
export function validateNewOpportunity(input: NewOpportunityInput): ValidNewOpportunity {
  if (input.title.trim() === '') throw invalid('title: the opportunity title is required');
  if (!input.responsibleId || input.responsibleId === EMPTY_GUID) throw invalid('responsibleid: the responsible user is required');
  if (input.stageId <= 0) throw invalid('stageid: the opportunity stage is required (see GET crm/opportunity/stage)');
  // spec Q23: the opportunity endpoints upper-case the currency code.
  const bidCurrency = input.bidCurrency.trim().toUpperCase();
  if (bidCurrency === '') throw invalid('bidCurrencyAbbr: the bid currency is required');
  if (!findCurrency(bidCurrency)) throw invalid(`bidCurrencyAbbr: "${input.bidCurrency}" is not a known currency (see GET crm/settings/currency)`);
  if (!Object.values(BID_TYPES).includes(input.bidType as 0)) throw invalid(`bidType: ${input.bidType} is not a bid type; use one of ${BID_TYPE_TEXT}`);
  // Stored with 2 decimals, half away from zero (spec §1.8); DECIMAL(10,2) bounds (DECISIONS).
  const bidValue = round2Away(input.bidValue ?? ZERO);
  if (bidValue.abs().greaterThan(MAX_AMOUNT)) throw invalid(`bidValue: must be between -${MAX_AMOUNT.toFixed(2)} and ${MAX_AMOUNT.toFixed(2)}`);
  if (charLength(input.title) > MAX_TITLE_LENGTH) throw invalid(`title: at most ${MAX_TITLE_LENGTH} characters`);
  return {
    ...input,
    responsibleId: input.responsibleId,
    bidCurrency,
    bidValue,
    // spec §6.4: clamped to 0..100, not refused.
    successProbability: Math.min(100, Math.max(0, input.successProbability)),
    members: [...new Set(input.members.filter((id) => id > 0))],
    accessList: [...new Set(input.accessList)],
  };
}

/** spec §6.4, §3.8: the stored members are the given ones plus the primary contact, each once. */
export function computeMemberIds(contactId: number, readableMembers: readonly number[]): number[] {
  return [...new Set([...readableMembers, ...(contactId > 0 ? [contactId] : [])])];
}

/**
 * The access list to store. A public opportunity has none. A private one keeps the users given
 * plus its creator, as the original adds the current user, so that a private opportunity never
 * becomes invisible to the person who just created it.
 */
export function computeAccessList(isPrivate: boolean, accessList: readonly string[], creatorId: string): string[] {
  return isPrivate ? [...new Set([...accessList, creatorId])] : [];
}
