// Invoices on the wire (spec §2.3.5–2.3.7), camelCase, amounts with their two decimals.
import { findCurrency } from '../../domain/currencies/catalogue.js';
import { STATUS_TITLE, WIRE_STATUS, type InvoiceLine, type InvoiceStatus } from '../../domain/invoices/invoice.js';
import type { Decimal } from '../../domain/money.js';
import type { InvoiceView } from '../../use-cases/invoices/invoice-view.js';
import { wireDecimal } from '../envelope.js';
import { apiDate, employee, presentCurrency, type PresentContext } from './common.js';
import { presentContactBase } from './contacts.presenter.js';

export const presentStatus = (s: InvoiceStatus) => ({ id: WIRE_STATUS[s], title: STATUS_TITLE[s] });

/** Exchange rates keep up to 6 decimals (DECISIONS Q26), at least 2 as the original prints. */
const wireRate = (d: Decimal) => wireDecimal(d, Math.max(2, d.decimalPlaces()));

export const presentInvoiceLine = (l: InvoiceLine) => ({
  id: l.id,
  invoiceID: l.invoiceId,
  invoiceItemID: l.itemId,
  invoiceTax1ID: l.tax1Id,
  invoiceTax2ID: l.tax2Id,
  sortOrder: l.sortOrder,
  description: l.description,
  quantity: wireDecimal(l.quantity),
  price: wireDecimal(l.price),
  discount: wireDecimal(l.discount),
});

/** InvoiceBase (spec §2.3.6): lists, delete and status-change answers. */
export function presentInvoiceBase(ctx: PresentContext, v: InvoiceView) {
  const inv = v.invoice;
  const currency = findCurrency(inv.currency);
  return {
    id: inv.id,
    status: presentStatus(inv.status),
    number: inv.number,
    issueDate: apiDate(ctx, inv.issueDate),
    templateType: inv.templateType,
    contact: v.contact ? presentContactBase(ctx, v.contact) : null,
    consignee: v.consignee ? presentContactBase(ctx, v.consignee) : null,
    entity: v.entity ? { entityType: 'opportunity', entityId: v.entity.id, entityTitle: v.entity.title } : null,
    dueDate: apiDate(ctx, inv.dueDate),
    language: inv.language,
    currency: currency ? presentCurrency(currency) : null,
    exchangeRate: wireRate(inv.exchangeRate),
    purchaseOrderNumber: inv.purchaseOrderNumber,
    terms: inv.terms,
    description: inv.description,
    fileID: inv.fileId,
    createOn: apiDate(ctx, inv.createdAt),
    createBy: employee(ctx, inv.createdBy),
    cost: wireDecimal(v.cost),
    canEdit: v.canEdit,
    canDelete: v.canDelete,
  };
}

/** Invoice (spec §2.3.7): InvoiceBase plus its lines in sortOrder. */
export const presentInvoice = (ctx: PresentContext, v: InvoiceView) => ({
  ...presentInvoiceBase(ctx, v),
  invoiceLines: v.lines.map(presentInvoiceLine),
});
