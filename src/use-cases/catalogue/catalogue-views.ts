// What item and tax responses need besides the rows, loaded with one query per table for any
// number of rows (spec quirk Q12): default taxes, usage for canDelete, the currency, the creators.
import { findCurrency, type CurrencyInfo } from '../../domain/currencies/catalogue.js';
import { canDeleteCatalogueEntry, type InvoiceItem, type InvoiceTax } from '../../domain/invoices/catalogue.js';
import type { Actor, User } from '../../domain/people/user.js';
import { findItemIdsInUse, findTaxes, findTaxIdsInUse } from '../../store/catalogue.store.js';
import type { Executor } from '../../store/database.js';
import { findDefaultCurrency } from '../../store/tenant-currency.store.js';
import { loadUsers } from '../people/load-users.js';

export interface InvoiceTaxView {
  tax: InvoiceTax;
  canDelete: boolean;
}

export interface InvoiceItemView {
  item: InvoiceItem;
  /** The item's default taxes that exist, by id. */
  taxes: ReadonlyMap<number, InvoiceTax>;
  /** Always the tenant's current default currency (items store none, spec §2.3.8, Q40). */
  currency: CurrencyInfo;
  canDelete: boolean;
}

/** Views plus the users they reference (creators), for the presenters. */
export interface Presentable<T> {
  views: T[];
  users: Map<string, User>;
}

export async function loadTaxViews(db: Executor, actor: Actor, taxes: InvoiceTax[]): Promise<Presentable<InvoiceTaxView>> {
  const [inUse, users] = await Promise.all([
    actor.isAdmin ? findTaxIdsInUse(db, actor.tenantId, taxes.map((t) => t.id)) : new Set<number>(),
    loadUsers(db, actor.tenantId, taxes.map((t) => t.createdBy)),
  ]);
  return { views: taxes.map((tax) => ({ tax, canDelete: canDeleteCatalogueEntry(actor, inUse.has(tax.id)) })), users };
}

export async function loadItemViews(db: Executor, actor: Actor, items: InvoiceItem[]): Promise<Presentable<InvoiceItemView>> {
  const [taxes, inUse, currencyCode] = await Promise.all([
    findTaxes(db, actor.tenantId, items.flatMap((i) => [i.tax1Id, i.tax2Id])),
    actor.isAdmin ? findItemIdsInUse(db, actor.tenantId, items.map((i) => i.id)) : new Set<number>(),
    findDefaultCurrency(db, actor.tenantId),
  ]);
  const currency = findCurrency(currencyCode);
  if (!currency) throw new Error(`The tenant's default currency ${currencyCode} is not in the catalogue`);
  const users = await loadUsers(db, actor.tenantId, [...items.map((i) => i.createdBy), ...[...taxes.values()].map((t) => t.createdBy)]);
  return {
    views: items.map((item) => ({
      item,
      taxes: new Map([...taxes].filter(([id]) => id === item.tax1Id || id === item.tax2Id)),
      currency,
      canDelete: canDeleteCatalogueEntry(actor, inUse.has(item.id)),
    })),
    users,
  };
}
