// What an e-invoice is made from: the invoice's InvoiceDocument (the one view model of every
// renderer, invoice-document.ts) plus what EN 16931 needs beyond it — the seller's and the
// contacts' e-invoice settings (our extension) and the items' SKUs. compose-einvoice.ts turns it
// into the EN 16931 semantic model the UBL, CII and Factur-X renderers print. Pure, no I/O.
import type { AddressParts } from '../contacts/contact.js';
import type { Decimal } from '../money.js';
import { EMPTY_CONTACT_SETTINGS, type ContactEinvoiceSettings, type SellerEinvoiceSettings } from '../einvoice/einvoice-settings.js';
import type { DocumentLineTax, DocumentParty, InvoiceDocument } from './invoice-document.js';

export interface EinvoiceTaxInput {
  name: string;
  /** Percent. */
  rate: Decimal;
}

export interface EinvoiceLineInput {
  /** The item title (frozen once issued, DECISIONS), BT-153. */
  itemTitle: string;
  /** The catalogue item's SKU, BT-155 ("" when none). */
  sku: string;
  /** The line description, BT-154. */
  description: string;
  quantity: Decimal;
  price: Decimal;
  /** Percent. */
  discount: Decimal;
  /** The line's taxes as the invoice prices them (frozen rates once issued, current ones on drafts). */
  tax1: EinvoiceTaxInput | null;
  tax2: EinvoiceTaxInput | null;
}

export interface EinvoicePartyInput {
  name: string;
  /** The address chosen on the invoice (billing for the buyer, delivery for the consignee). */
  address: AddressParts | undefined;
  settings: ContactEinvoiceSettings;
}

export interface EinvoiceInput {
  number: string;
  /** Calendar dates in the tenant's time zone (DECISIONS Q25), YYYY-MM-DD. */
  issueDate: string;
  dueDate: string;
  /** Upper-case ISO 4217 code. */
  currency: string;
  purchaseOrderNumber: string;
  terms: string;
  /** The invoice description ("Client notes"). */
  description: string;
  seller: {
    name: string;
    address: AddressParts | undefined;
    settings: SellerEinvoiceSettings;
  };
  buyer: EinvoicePartyInput;
  /** The consignee ("Ship To"), or null when the invoice has none. */
  consignee: EinvoicePartyInput | null;
  lines: EinvoiceLineInput[];
}

/** The e-invoice data InvoiceDocument does not carry. */
export interface EinvoiceExtras {
  seller: SellerEinvoiceSettings;
  /** By contact id; contacts without settings are absent. */
  contacts: ReadonlyMap<number, ContactEinvoiceSettings>;
  /** By item id: the catalogue item's SKU (BT-155). */
  skus: ReadonlyMap<number, string>;
}

const tax = (t: DocumentLineTax | null): EinvoiceTaxInput | null => (t ? { name: t.name, rate: t.rate.value } : null);

export function einvoiceInputOf(doc: InvoiceDocument, extras: EinvoiceExtras): EinvoiceInput {
  const party = (p: DocumentParty): EinvoicePartyInput => ({
    name: p.name,
    address: p.address ?? undefined,
    settings: extras.contacts.get(p.contactId) ?? { ...EMPTY_CONTACT_SETTINGS },
  });
  return {
    number: doc.number,
    issueDate: doc.issueDate.isoDate,
    dueDate: doc.dueDate.isoDate,
    currency: doc.currency.code,
    purchaseOrderNumber: doc.purchaseOrderNumber,
    terms: doc.terms,
    description: doc.notes,
    seller: { name: doc.seller.name, address: doc.seller.address ?? undefined, settings: extras.seller },
    // A contact deleted since has no name: BT-44 is then reported missing.
    buyer: doc.billTo ? party(doc.billTo) : { name: '', address: undefined, settings: { ...EMPTY_CONTACT_SETTINGS } },
    consignee: doc.shipTo ? party(doc.shipTo) : null,
    lines: doc.lines.map((l) => ({
      itemTitle: l.itemTitle,
      sku: extras.skus.get(l.itemId) ?? '',
      description: l.description,
      quantity: l.quantity.value,
      price: l.price.value,
      discount: l.discountPercent.value,
      tax1: tax(l.tax1),
      tax2: tax(l.tax2),
    })),
  };
}
