// Catalogue items and taxes (spec §2.3.8, §2.3.9) and their rules (§5.6, §5.11, §3.5, §3.9).
import { invalid } from '../errors.js';
import { MAX_AMOUNT, round2Away, ZERO, type Decimal } from '../money.js';
import type { Actor } from '../people/user.js';

export interface InvoiceTax {
  id: number;
  name: string;
  description: string;
  /** Percent, 2 decimals; may be negative or above 100 (spec §3.1). */
  rate: Decimal;
  createdBy: string;
  createdAt: Date;
}

export interface InvoiceItem {
  id: number;
  title: string;
  description: string;
  sku: string;
  price: Decimal;
  stockQuantity: Decimal;
  trackInventory: boolean;
  tax1Id: number;
  tax2Id: number;
  createdBy: string;
  createdAt: Date;
}

/** Normalised key for case-insensitive uniqueness (DECISIONS): NFKC, then lower case. */
export const uniqueKey = (text: string): string => text.normalize('NFKC').toLowerCase();

/** The original's varchar(255) columns count characters, not UTF-16 units (spec Q32). */
export const MAX_TEXT_LENGTH = 255;
const charLength = (s: string): number => [...s].length;
const isBlank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

/** The text of the original's only item-specific message (spec §5.6 step 3). */
export const MAX_ITEM_PRICE_MESSAGE = `Max Invoice Item Price: ${MAX_AMOUNT.toFixed(2)}`;
const RANGE_TEXT = `between -${MAX_AMOUNT.toFixed(2)} and ${MAX_AMOUNT.toFixed(2)}`;

/** Storage value of an amount: 2 decimals, half away from zero (spec §1.8); beyond DECIMAL(10,2) is a 400 (DECISIONS). */
function storedAmount(value: Decimal | undefined, message: string): Decimal {
  const v = round2Away(value ?? ZERO);
  if (v.abs().greaterThan(MAX_AMOUNT)) throw invalid(message);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Items (spec §5.6)

export interface InvoiceItemInput {
  title?: string;
  description?: string;
  sku?: string;
  price?: Decimal;
  stockQuantity?: Decimal;
  trackInventory?: boolean;
  tax1Id?: number;
  tax2Id?: number;
}

export type InvoiceItemFields = Omit<InvoiceItem, 'id' | 'createdBy' | 'createdAt'>;

/**
 * A title and a price > 0 once stored with 2 decimals (spec §5.6 step 2). An update checks them
 * before looking the item up (§5.7 step 2); the rest of validateInvoiceItem comes after (step 4).
 */
export function checkInvoiceItemRequired(input: Pick<InvoiceItemInput, 'title' | 'price'>): void {
  if (isBlank(input.title)) throw invalid('The invoice item title field cannot be empty');
  if (!round2Away(input.price ?? ZERO).greaterThan(ZERO)) throw invalid('The invoice item price must be greater than 0');
}

/**
 * Checks an item in the order of spec §5.6 (title, price, price limit), then our additions
 * (lengths Q32, stock range); returns the values to store. Tax existence needs the store (Q17).
 */
export function validateInvoiceItem(input: InvoiceItemInput): InvoiceItemFields {
  checkInvoiceItemRequired(input);
  const title = input.title ?? '';
  // Price limits apply to the stored value: 0.004 would be stored as 0.00, 99999999.995 as 100000000.00.
  const price = round2Away(input.price ?? ZERO);
  if (price.greaterThan(MAX_AMOUNT)) throw invalid(MAX_ITEM_PRICE_MESSAGE);
  if (charLength(title) > MAX_TEXT_LENGTH) throw invalid(`The invoice item title must be at most ${MAX_TEXT_LENGTH} characters`);
  const sku = input.sku ?? '';
  if (charLength(sku) > MAX_TEXT_LENGTH) throw invalid(`The stock keeping unit (sku) must be at most ${MAX_TEXT_LENGTH} characters`);
  const stockQuantity = storedAmount(input.stockQuantity, `The stock quantity must be ${RANGE_TEXT}`);
  return {
    title,
    description: input.description ?? '',
    sku,
    price,
    stockQuantity,
    trackInventory: input.trackInventory ?? false,
    // Ids ≤ 0 mean "no default tax" (spec §2.2: 0 = none).
    tax1Id: Math.max(0, input.tax1Id ?? 0),
    tax2Id: Math.max(0, input.tax2Id ?? 0),
  };
}

/** The default taxes an item names that are not taxes of the tenant (spec Q17: a 400 before saving). */
export function checkItemTaxesExist(item: Pick<InvoiceItemFields, 'tax1Id' | 'tax2Id'>, existing: ReadonlySet<number>): void {
  for (const [param, id] of [['invoiceTax1id', item.tax1Id], ['invoiceTax2id', item.tax2Id]] as const) {
    if (id > 0 && !existing.has(id)) throw invalid(`${param}: the invoice tax ${id} does not exist`);
  }
}

// ---------------------------------------------------------------------------------------------
// Taxes (spec §5.11)

export interface InvoiceTaxInput {
  name?: string;
  description?: string;
  rate?: Decimal;
}

// The original's messages (spec §5.11).
export const TAX_NAME_EMPTY_MESSAGE = 'The tax name field cannot be empty';
export const TAX_NAME_EXISTS_MESSAGE = 'The tax name already exists';

export type InvoiceTaxFields = Omit<InvoiceTax, 'id' | 'createdBy' | 'createdAt'> & { nameKey: string };

/** Checks a tax (spec §5.11 step 2, plus lengths Q32 and the storage range); uniqueness is the store's index. */
export function validateInvoiceTax(input: InvoiceTaxInput): InvoiceTaxFields {
  const name = input.name ?? '';
  if (isBlank(name)) throw invalid(TAX_NAME_EMPTY_MESSAGE);
  if (charLength(name) > MAX_TEXT_LENGTH) throw invalid(`The tax name must be at most ${MAX_TEXT_LENGTH} characters`);
  const rate = storedAmount(input.rate, `The tax rate must be ${RANGE_TEXT}`);
  // spec Q16: a null description is stored as "" (the original answers 500).
  return { name, nameKey: uniqueKey(name), description: input.description ?? '', rate };
}

// ---------------------------------------------------------------------------------------------
// Rights (spec §3.5, §2.3.8, §2.3.9, §3.9)

/** Items and taxes: everyone with CRM access reads them; only CRM admins write them. */
export const canEditCatalogue = (actor: Pick<Actor, 'isAdmin'>): boolean => actor.isAdmin;

/** An item or tax can be deleted by an admin while nothing references it (spec §3.9). */
export const canDeleteCatalogueEntry = (actor: Pick<Actor, 'isAdmin'>, isReferenced: boolean): boolean =>
  actor.isAdmin && !isReferenced;

/** The id of an item or tax named in a path (spec §5.5, §5.7, §5.8, §5.13: ≤ 0 is a 400). */
export function checkCatalogueId(id: number, what: 'invoice item' | 'invoice tax'): void {
  if (id <= 0) throw invalid(`The ${what} id must be greater than 0`);
}

/** Step 2 of spec §5.12: a tax update refuses an empty name before looking the tax up. */
export function checkInvoiceTaxName(input: Pick<InvoiceTaxInput, 'name'>): void {
  if (isBlank(input.name)) throw invalid(TAX_NAME_EMPTY_MESSAGE);
}

/** Step 2 of spec §5.9 with quirk Q18 fixed: the ids to delete, without duplicates; none is a 400. */
export function parseItemIdsToDelete(ids: readonly number[] | undefined): number[] {
  const unique = [...new Set(ids ?? [])];
  if (unique.length === 0) throw invalid('ids: at least one invoice item id is required');
  return unique;
}

// ---------------------------------------------------------------------------------------------
// The item list (spec §5.4)

/** Sort keys of `invoiceitem/filter`, in the order of their wire numbers 0–5. */
export const ITEM_SORT_FIELDS = ['name', 'price', 'quantity', 'sku', 'created', 'id'] as const;
export type ItemSortField = (typeof ITEM_SORT_FIELDS)[number];

export interface ItemOrder {
  field: ItemSortField;
  descending: boolean;
}

/** Title ascending: the order without `sortBy` (spec §5.4). */
export const DEFAULT_ITEM_ORDER: ItemOrder = { field: 'name', descending: false };

/**
 * The order of `sortBy` (a name in any case or a number 0–5) and `sortOrder`. Without `sortBy`, or
 * with one we do not know, the list is in title order, ascending. Simplification: the original
 * switches an unknown name to its generic in-memory sort by a wire member; we keep paging in SQL.
 */
export function parseItemOrder(sortBy: string | undefined, descending: boolean): ItemOrder {
  const text = sortBy?.trim().toLowerCase() ?? '';
  const field = /^\d+$/.test(text) ? ITEM_SORT_FIELDS[Number(text)] : ITEM_SORT_FIELDS.find((f) => f === text);
  return field ? { field, descending } : DEFAULT_ITEM_ORDER;
}

export interface ItemFilter {
  /** Words; each must prefix-match a word of the title, description or SKU, ignoring case. */
  words: string[];
  /** A search text made only of spaces matches nothing (spec §5.4 quirk, kept). */
  matchesNothing: boolean;
  /** `inventoryStock`: only items that track (true) or do not track (false) their stock. */
  trackInventory: boolean | undefined;
}

export function parseItemFilter(filterValue: string | undefined, inventoryStock: boolean | undefined): ItemFilter {
  const words = (filterValue ?? '').split(' ').filter((w) => w !== '');
  return { words, matchesNothing: filterValue !== undefined && filterValue !== '' && words.length === 0, trackInventory: inventoryStock };
}
