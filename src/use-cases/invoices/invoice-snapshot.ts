// Assembles the §3.2 snapshot of an invoice from what the use case has loaded.
import { contactDisplayName, parseAddressData, type Contact, type ContactInfo } from '../../domain/contacts/contact.js';
import type { InvoiceItem, InvoiceTax } from '../../domain/invoices/catalogue.js';
import { labelsFor } from '../../domain/invoices/labels.js';
import { buildSnapshot, formatSnapshotDate, type SnapshotLine, type SnapshotTax } from '../../domain/invoices/snapshot.js';
import type { InvoiceLineInput } from '../../domain/invoices/validate-invoice.js';
import { parseOrganisationAddress, type InvoiceSettings } from '../../domain/settings/invoice-settings.js';

export interface SnapshotSources {
  header: {
    templateType: number;
    number: string;
    issueDate: Date;
    dueDate: Date;
    language: string;
    currency: string;
    purchaseOrderNumber: string;
    terms: string;
    description: string;
    billingAddressId: number;
    deliveryAddressId: number;
  };
  lines: readonly InvoiceLineInput[];
  items: ReadonlyMap<number, InvoiceItem>;
  taxes: ReadonlyMap<number, InvoiceTax>;
  contact: Contact | undefined;
  consignee: Contact | undefined;
  billingAddress: ContactInfo | undefined;
  deliveryAddress: ContactInfo | undefined;
  settings: InvoiceSettings;
  timeZone: string;
}

const snapshotTax = (taxes: ReadonlyMap<number, InvoiceTax>, id: number): SnapshotTax | null => {
  const t = id > 0 ? taxes.get(id) : undefined;
  return t ? { id: t.id, name: t.name, rate: t.rate } : null;
};

export function snapshotLines(lines: readonly InvoiceLineInput[], items: ReadonlyMap<number, InvoiceItem>, taxes: ReadonlyMap<number, InvoiceTax>): SnapshotLine[] {
  return lines.map((l) => ({
    itemTitle: items.get(l.itemId)?.title ?? '',
    description: l.description,
    quantity: l.quantity,
    price: l.price,
    discount: l.discount,
    tax1: snapshotTax(taxes, l.tax1Id),
    tax2: snapshotTax(taxes, l.tax2Id),
  }));
}

export function assembleSnapshot(s: SnapshotSources): string {
  const h = s.header;
  const date = (d: Date) => formatSnapshotDate(d, s.timeZone, h.language);
  const party = (c: Contact | undefined, address: ContactInfo | undefined) =>
    c ? { name: contactDisplayName(c), ...(address ? { address: parseAddressData(address.data) } : {}) } : null;
  const orgAddress = parseOrganisationAddress(s.settings.companyAddress);
  return buildSnapshot({
    templateType: h.templateType,
    number: h.number,
    issueDate: date(h.issueDate),
    dueDate: date(h.dueDate),
    purchaseOrderNumber: h.purchaseOrderNumber,
    terms: h.terms,
    description: h.description,
    currency: h.currency,
    seller: { name: s.settings.companyName, ...(orgAddress ? { address: orgAddress } : {}) },
    logoId: s.settings.companyLogoId,
    customer: party(s.contact, h.billingAddressId > 0 ? s.billingAddress : undefined),
    consignee: party(s.consignee, h.deliveryAddressId > 0 ? s.deliveryAddress : undefined),
    billingAddressId: h.billingAddressId,
    deliveryAddressId: h.deliveryAddressId,
    lines: snapshotLines(s.lines, s.items, s.taxes),
    // spec §3.2 "Localisation": labels in the invoice's language, English when we have none.
    labels: labelsFor(h.language),
  });
}
