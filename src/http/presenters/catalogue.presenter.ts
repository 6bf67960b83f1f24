// Catalogue items and taxes on the wire (spec §2.3.8, §2.3.9). Amounts carry 2 decimals (§1.4).
import type { CurrencyInfo } from '../../domain/currencies/catalogue.js';
import { canEditCatalogue, type InvoiceItem, type InvoiceTax } from '../../domain/invoices/catalogue.js';
import { wireDecimal } from '../envelope.js';
import { apiDate, employee, presentCurrency, type PresentContext } from './common.js';

/** InvoiceTax (spec §2.3.9). `canDelete`: admin and referenced by no item and no line (§3.9). */
export function presentInvoiceTax(ctx: PresentContext, tax: InvoiceTax, canDelete: boolean) {
  return {
    id: tax.id,
    name: tax.name,
    description: tax.description,
    rate: wireDecimal(tax.rate),
    createOn: apiDate(ctx, tax.createdAt),
    createBy: employee(ctx, tax.createdBy),
    canEdit: canEditCatalogue(ctx.actor),
    canDelete,
  };
}

/**
 * InvoiceItem (spec §2.3.8). `taxes` holds the item's default taxes by id (a missing one is null);
 * `currency` is the tenant's default currency (Q40); `canDelete`: admin and used by no line.
 */
export function presentInvoiceItem(
  ctx: PresentContext,
  item: InvoiceItem,
  taxes: ReadonlyMap<number, InvoiceTax>,
  currency: CurrencyInfo,
  canDelete: boolean,
) {
  // The item itself references its default taxes, so they cannot be deleted (spec §3.9).
  const tax = (id: number) => {
    const t = id > 0 ? taxes.get(id) : undefined;
    return t ? presentInvoiceTax(ctx, t, false) : null;
  };
  return {
    id: item.id,
    title: item.title,
    stockKeepingUnit: item.sku,
    description: item.description,
    price: wireDecimal(item.price),
    currency: presentCurrency(currency),
    stockQuantity: wireDecimal(item.stockQuantity),
    trackInvenory: item.trackInventory, // sic: the original's wire name (spec §2.3.8)
    invoiceTax1: tax(item.tax1Id),
    invoiceTax2: tax(item.tax2Id),
    createOn: apiDate(ctx, item.createdAt),
    createBy: employee(ctx, item.createdBy),
    canEdit: canEditCatalogue(ctx.actor),
    canDelete,
  };
}
