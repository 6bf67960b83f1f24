// The search key of an invoice (migration 012): what `GET invoice/filter` searches (spec §4.4),
// precomputed so the search is a plain substring test on one column instead of a Unicode
// lower() per row. A search word matches when it is a prefix of a word of the number or of the
// description, words being separated by spaces, in any letter case.
//
// The key is the number key and the description, each NFKC then lower case (the normalisation of
// the search words, `uniqueKey`), every part starting with a space, the two parts kept apart by a
// U+001F unit separator so that no match spans both: ` {number key}\u001f {description}`. A word
// prefix-matches a word of either part exactly when the key contains ` {word}`.
import { sql, type RawBuilder } from 'kysely';
import { uniqueKey } from '../domain/invoices/catalogue.js';

const PART_SEPARATOR = '\u001f';

/**
 * Lower case as `uniqueKey` gives it, with the Greek final sigma (ς, which lower case produces at
 * the end of a word) read as σ: otherwise the prefix ΟΔΥΣ (lower case: οδυς) would not find
 * ΟΔΥΣΣΕΥΣ (οδυσσευς).
 */
const searchForm = (normalised: string): string => normalised.replace(/ς/g, 'σ');

/** What precedes the number key in the key (SQL that rebuilds a key from the number_key column uses it). */
export const NUMBER_PART_PREFIX = ' ';

/** The key's tail for a description: appended to ` {number key}` (see `invoiceSearchKey`). */
export const descriptionSearchPart = (description: string): string => `${PART_SEPARATOR} ${searchForm(uniqueKey(description))}`;

/** The search key of an invoice from its stored number key and its description. */
export const invoiceSearchKey = (numberKey: string, description: string): string => `${NUMBER_PART_PREFIX}${searchForm(numberKey)}${descriptionSearchPart(description)}`;

/**
 * Keys up to this many characters are stored in `search_key`, which the list indexes carry; a
 * longer key (a description of thousands of characters) goes to `search_key_long`, outside every
 * index: a PostgreSQL B-tree entry holds at most about 2.7 kB, and long entries would bloat the
 * SQLite indexes too. 500 characters are at most 2000 bytes of UTF-8.
 */
export const SEARCH_KEY_INDEXED_MAX = 500;

export interface SearchKeyColumns {
  search_key: string | null;
  search_key_long: string | null;
}

const codePoints = (s: string): number => (s.length <= SEARCH_KEY_INDEXED_MAX ? s.length : [...s].length);

/** The two search key columns of an invoice (exactly one of them set). */
export function invoiceSearchColumns(numberKey: string, description: string): SearchKeyColumns {
  const key = invoiceSearchKey(numberKey, description);
  return codePoints(key) <= SEARCH_KEY_INDEXED_MAX ? { search_key: key, search_key_long: null } : { search_key: null, search_key_long: key };
}

/**
 * The two columns as SQL for an UPDATE that changes the description but keeps the number: the key
 * built from the row's own number_key exactly as `invoiceSearchKey` builds it (`replace` and
 * `length`, in characters, are the same functions on SQLite and PostgreSQL).
 */
export function searchColumnsKeepingNumber(description: string): { search_key: RawBuilder<string | null>; search_key_long: RawBuilder<string | null> } {
  const key = sql<string>`(${NUMBER_PART_PREFIX} || replace(number_key, ${'ς'}, ${'σ'}) || ${descriptionSearchPart(description)})`;
  return {
    search_key: sql<string | null>`case when length(${key}) <= ${SEARCH_KEY_INDEXED_MAX} then ${key} end`,
    search_key_long: sql<string | null>`case when length(${key}) > ${SEARCH_KEY_INDEXED_MAX} then ${key} end`,
  };
}

/** What the key must contain for a search word (already normalised as `uniqueKey` does) to match. */
export const searchNeedle = (word: string): string => ` ${searchForm(word)}`;
