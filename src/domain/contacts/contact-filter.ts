// The search of `GET contact/filter` as pure rules: which criteria a request sets and the sort
// order (ONLYOFFICE ContactListViewType and ContactSortedByType). SQL lives in store/contacts.store.ts.
import { invalid } from '../errors.js';
import { computeRange, type InstantRange } from '../invoices/invoice-filter.js';

export type ContactKind = 'person' | 'company';

/** ONLYOFFICE ContactListViewType: 0 All, 1 Company, 2 Person, 3 WithOpportunity. */
export const CONTACT_LIST_VIEW_NAMES = { All: 0, Company: 1, Person: 2, WithOpportunity: 3 } as const;

/** ONLYOFFICE ContactSortedByType, in wire order (0 DisplayName … 5 History). */
export const CONTACT_SORT_KEYS = ['displayName', 'contactType', 'created', 'firstName', 'lastName', 'history'] as const;
export type ContactSortKey = (typeof CONTACT_SORT_KEYS)[number];

export interface ContactSort {
  key: ContactSortKey;
  descending: boolean;
}

export interface ContactFilterInput {
  contactListView?: number;
  /** `person`/`company` (our alias), or ONLYOFFICE's contact-type list item id. */
  contactType?: string;
  /** ONLYOFFICE's contact-stage list item id. */
  contactStage?: number;
  /** The generic `type` filter of spec §1.6: the data-contract name, `person` or `company`. */
  type?: string;
  responsibleId?: string;
  isShared?: boolean;
  tags: string[];
  fromDate?: Date;
  toDate?: Date;
  searchText?: string;
}

/** What the store filters on; every member set is ANDed. */
export interface ContactCriteria {
  kind?: ContactKind;
  withOpportunity: boolean;
  /** Contacts whose access list names this user. */
  managerId?: string;
  /** true: shareType 1 or 2; false: shareType 0. */
  isShared?: boolean;
  created?: InstantRange;
  /** Lower-case words; each must start a word of the display name. */
  words: string[];
}

export type ParsedContactFilter = { matchesNothing: true } | { matchesNothing: false; criteria: ContactCriteria };

const kindOf = (text: string): ContactKind | undefined => {
  const t = text.trim().toLowerCase();
  return t === 'person' || t === 'company' ? t : undefined;
};

/** Search text → lower-case words (compared with the database's lower() of the names). */
export const parseNameWords = (text: string | undefined): string[] =>
  (text ?? '').trim().split(/\s+/).filter((w) => w !== '').map((w) => w.toLowerCase());

/**
 * The criteria of a request. Ledgerline keeps no contact types, stages or tags (every contact has
 * none, as an ONLYOFFICE contact whose type and stage are 0): a positive type or stage id, or any
 * tag, matches nothing; 0 and -1 mean "any". Kinds given in several parameters must agree.
 */
export function parseContactFilter(input: ContactFilterInput, timeZone: string): ParsedContactFilter {
  const kinds = new Set<ContactKind>();
  let withOpportunity = false;
  // Undefined view numbers mean All, as the original's switch without a matching case.
  if (input.contactListView === CONTACT_LIST_VIEW_NAMES.Company) kinds.add('company');
  if (input.contactListView === CONTACT_LIST_VIEW_NAMES.Person) kinds.add('person');
  if (input.contactListView === CONTACT_LIST_VIEW_NAMES.WithOpportunity) withOpportunity = true;

  let listItemMiss = false;
  const contactType = input.contactType?.trim() ?? '';
  if (contactType !== '') {
    const kind = kindOf(contactType);
    if (kind) kinds.add(kind);
    else if (/^[+-]?\d+$/.test(contactType)) listItemMiss ||= Number(contactType) > 0;
    else throw invalid(`contactType: ${JSON.stringify(contactType.slice(0, 40))} is not person, company or a contact type id`);
  }
  if (input.contactStage !== undefined && input.contactStage > 0) listItemMiss = true;

  const type = input.type?.trim() ?? '';
  if (type !== '') {
    const kind = kindOf(type);
    if (!kind) return { matchesNothing: true }; // no contact has another data-contract name
    kinds.add(kind);
  }
  if (kinds.size > 1 || listItemMiss || input.tags.some((t) => t.trim() !== '')) return { matchesNothing: true };

  const created = computeRange(input.fromDate, input.toDate, timeZone);
  return {
    matchesNothing: false,
    criteria: {
      ...(kinds.size === 1 ? { kind: [...kinds][0]! } : {}),
      withOpportunity,
      ...(input.responsibleId ? { managerId: input.responsibleId } : {}),
      ...(input.isShared !== undefined ? { isShared: input.isShared } : {}),
      ...(created ? { created } : {}),
      words: parseNameWords(input.searchText),
    },
  };
}

/**
 * `sortBy`: a ContactSortedByType name in any case or its number; anything else (or nothing) is
 * the default order, display name ascending.
 */
export function parseContactSort(sortBy: string | undefined, descending: boolean): ContactSort {
  const text = (sortBy ?? '').trim();
  if (text === '') return { key: 'displayName', descending: false };
  const byName = CONTACT_SORT_KEYS.find((k) => k.toLowerCase() === text.toLowerCase());
  const byNumber = /^\d+$/.test(text) ? CONTACT_SORT_KEYS[Number(text)] : undefined;
  const key = byName ?? byNumber;
  return key ? { key, descending } : { key: 'displayName', descending: false };
}
