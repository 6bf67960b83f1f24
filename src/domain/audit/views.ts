// Plain, JSON-friendly pictures of objects for the audit trail's before/after (decimals as text).
import type { InvoiceItem, InvoiceTax } from '../invoices/catalogue.js';
import type { Invoice } from '../invoices/invoice.js';
import type { InvoiceLineInput } from '../invoices/validate-invoice.js';

type Line = Pick<InvoiceLineInput, 'itemId' | 'tax1Id' | 'tax2Id' | 'description' | 'quantity' | 'price' | 'discount'>;

export const lineAuditView = (l: Line) => ({
  itemId: l.itemId, tax1Id: l.tax1Id, tax2Id: l.tax2Id, description: l.description,
  quantity: l.quantity.toFixed(2), price: l.price.toFixed(2), discount: l.discount.toFixed(2),
});

export const invoiceAuditView = (i: Omit<Invoice, 'id' | 'tenantId' | 'jsonData' | 'fileId' | 'createdBy' | 'createdAt' | 'updatedBy' | 'updatedAt' | 'entityType'>, lines?: readonly Line[]) => ({
  number: i.number,
  status: i.status,
  issueDate: i.issueDate.toISOString(),
  dueDate: i.dueDate.toISOString(),
  templateType: i.templateType,
  contactId: i.contactId,
  consigneeId: i.consigneeId,
  entityId: i.entityId,
  billingAddressId: i.billingAddressId,
  deliveryAddressId: i.deliveryAddressId,
  language: i.language,
  currency: i.currency,
  exchangeRate: i.exchangeRate.toString(),
  purchaseOrderNumber: i.purchaseOrderNumber,
  terms: i.terms,
  description: i.description,
  ...(lines ? { lines: lines.map(lineAuditView) } : {}),
});

export const itemAuditView = (i: InvoiceItem) => ({
  title: i.title, description: i.description, sku: i.sku, price: i.price.toFixed(2), stockQuantity: i.stockQuantity.toFixed(2),
  trackInventory: i.trackInventory, tax1Id: i.tax1Id, tax2Id: i.tax2Id,
});

export const taxAuditView = (t: InvoiceTax) => ({ name: t.name, description: t.description, rate: t.rate.toFixed(2) });
