// The search of `GET invoice/filter` (spec §4.4) as pure rules: which criteria a request sets,
// the original's "no usable criterion → empty result" quirks (Q14), and the sort order (§2.1
// InvoiceSortedByType, Q29). SQL lives in store/invoice-lists.store.ts.
import { invalid } from '../errors.js';
import { uniqueKey } from './catalogue.js';
import { statusFromWire } from './invoice.js';
import { offsetMinutesAt, wallTimeToInstant } from '../shared/time-zone.js';

/** Sort keys in the wire order of InvoiceSortedByType (0 Number … 5 Id). */
export const INVOICE_SORT_KEYS = ['number', 'issueDate', 'contact', 'dueDate', 'status', 'id'] as const;
export type InvoiceSortKey = (typeof INVOICE_SORT_KEYS)[number];

export interface InvoiceSort {
  key: InvoiceSortKey;
  descending: boolean;
}

/** An inclusive range of instants (epoch milliseconds). */
export interface InstantRange {
  from?: number;
  to?: number;
}

/** The filter as the request gives it, after binding (dates are instants already). */
export interface InvoiceFilterInput {
  status?: number;
  issueDateFrom?: Date;
  issueDateTo?: Date;
  dueDateFrom?: Date;
  dueDateTo?: Date;
  entityType?: string;
  entityId: number;
  currency?: string;
  searchText?: string;
}

/** What the store filters on. Every member set is ANDed. */
export interface InvoiceCriteria {
  status?: number;
  issueDate?: InstantRange;
  dueDate?: InstantRange;
  contactId?: number;
  opportunityId?: number;
  /** Upper case, as stored (spec §3.7: codes are upper-cased on create). */
  currency?: string;
  /** Search words, normalised like stored keys (NFKC, lower case); each must prefix-match a word. */
  words: string[];
}

/** Either the criteria to apply, or the certainty that nothing matches (the quirks of Q14). */
export type ParsedInvoiceFilter = { matchesNothing: true } | { matchesNothing: false; criteria: InvoiceCriteria };

const ENTITY_TYPES = ['contact', 'opportunity', 'case'] as const;
type FilterEntityType = (typeof ENTITY_TYPES)[number];

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

// spec §4.4: `from` alone → ≥ from; `to` (alone or with from) → ≤ to + 1 day − 1 minute, from the
// instants the dates were parsed to. The day is added on the tenant's wall clock, as the original
// does on its tenant-local DateTime, so a date-only `to` covers its day until 23:59 tenant time
// even on the days daylight saving time starts or ends.
export function computeRange(from: Date | undefined, to: Date | undefined, timeZone: string): InstantRange | undefined {
  if (!from && !to) return undefined;
  return {
    ...(from ? { from: from.getTime() } : {}),
    ...(to ? { to: endOfToDay(to.getTime(), timeZone) } : {}),
  };
}

function endOfToDay(to: number, timeZone: string): number {
  const wall = to + offsetMinutesAt(to, timeZone) * MINUTE_MS;
  return wallTimeToInstant(wall + DAY_MS - MINUTE_MS, timeZone);
}

/** Search text → words: trimmed, split on spaces, empty words dropped (spec §4.4). */
export const parseSearchWords = (text: string | undefined): string[] =>
  (text ?? '').trim().split(' ').filter((w) => w !== '').map(uniqueKey);

function parseEntityType(text: string | undefined): FilterEntityType | undefined {
  if (text === undefined || text === '') return undefined;
  const t = text.toLowerCase() as FilterEntityType;
  // spec §4.4: only these three, in any case; person/company are refused here (Q14, kept).
  if (!ENTITY_TYPES.includes(t)) throw invalid(`entityType: "${text.slice(0, 40)}" is not one of contact, opportunity, case`);
  return t;
}

/**
 * spec §4.4 and Q14, kept: the original first asks whether any parameter was given (status, a
 * date, a non-zero entityid, a currency, a non-empty search text) and then builds conditions; a
 * request with parameters but no condition matches nothing. Hence `entityid` without
 * `entityType` (only filter → empty), a search text of spaces (only filter → empty), and
 * `entityType=case` with an id (never matches).
 */
export function parseInvoiceFilter(input: InvoiceFilterInput, timeZone: string): ParsedInvoiceFilter {
  const entityType = parseEntityType(input.entityType);
  const searchGiven = input.searchText !== undefined && input.searchText !== '';
  const currency = input.currency === undefined || input.currency === '' ? undefined : input.currency.toUpperCase();
  const issueDate = computeRange(input.issueDateFrom, input.issueDateTo, timeZone);
  const dueDate = computeRange(input.dueDateFrom, input.dueDateTo, timeZone);
  const words = parseSearchWords(input.searchText);

  const criteria: InvoiceCriteria = {
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(issueDate ? { issueDate } : {}),
    ...(dueDate ? { dueDate } : {}),
    ...(currency ? { currency } : {}),
    ...(entityType === 'contact' && input.entityId !== 0 ? { contactId: input.entityId } : {}),
    ...(entityType === 'opportunity' && input.entityId !== 0 ? { opportunityId: input.entityId } : {}),
    words,
  };
  if (entityType === 'case' && input.entityId !== 0) return { matchesNothing: true };
  // Any integer binds as a status (spec §1.3 enums); one that is not a status matches no invoice.
  if (input.status !== undefined && statusFromWire(input.status) === undefined) return { matchesNothing: true };

  const anyParameter = input.status !== undefined || !!issueDate || !!dueDate || input.entityId !== 0 || !!currency || searchGiven;
  const anyCondition =
    criteria.status !== undefined || !!issueDate || !!dueDate || criteria.contactId !== undefined || criteria.opportunityId !== undefined || !!currency || words.length > 0;
  if (anyParameter && !anyCondition) return { matchesNothing: true };
  return { matchesNothing: false, criteria };
}

/**
 * spec §4.4 and Q29: no sortBy → number ascending whatever sortOrder says; a sort name in any
 * case or its number 0–5 → that key in the requested direction; a number outside 0–5 → number
 * ascending. An unknown name also gives number ascending: our simplification of the original's
 * generic in-memory mode (spec §1.6), which sorted by the wrapper member of that name.
 */
export function parseInvoiceSort(sortBy: string | undefined, descending: boolean): InvoiceSort {
  const text = sortBy?.trim() ?? '';
  const byDefault: InvoiceSort = { key: 'number', descending: false };
  if (text === '') return byDefault;
  if (/^[+-]?\d+$/.test(text)) {
    const key = INVOICE_SORT_KEYS[Number(text)];
    return key ? { key, descending } : byDefault;
  }
  const key = INVOICE_SORT_KEYS.find((k) => k.toLowerCase() === text.toLowerCase());
  return key ? { key, descending } : byDefault;
}
