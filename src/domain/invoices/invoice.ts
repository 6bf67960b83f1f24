// Invoices and their lines (spec §2.2, §2.3.6–2.3.7) and the invoice rights of spec §3.5.
import type { Decimal } from '../money.js';
import type { Actor } from '../people/user.js';

export type InvoiceStatus = 'draft' | 'sent' | 'rejected' | 'paid' | 'archived';
export const WIRE_STATUS = { draft: 1, sent: 2, rejected: 3, paid: 4, archived: 5 } as const satisfies Record<InvoiceStatus, number>;
/** English display texts (spec §2.1): Sent is shown as "Billed", Archived as "Archive". */
export const STATUS_TITLE = { draft: 'Draft', sent: 'Billed', rejected: 'Rejected', paid: 'Paid', archived: 'Archive' } as const satisfies Record<InvoiceStatus, string>;
export const statusFromWire = (n: number): InvoiceStatus | undefined =>
  (Object.keys(WIRE_STATUS) as InvoiceStatus[]).find((s) => WIRE_STATUS[s] === n);

export interface InvoiceLine {
  id: number;
  invoiceId: number;
  itemId: number;
  tax1Id: number;
  tax2Id: number;
  sortOrder: number;
  description: string;
  quantity: Decimal;
  price: Decimal;
  discount: Decimal;
  /** Frozen when the invoice left Draft; null on drafts (DECISIONS "Issued invoices…"). */
  frozen: FrozenLine | null;
}

export interface FrozenLine {
  itemTitle: string;
  tax1: { name: string; rate: Decimal } | null;
  tax2: { name: string; rate: Decimal } | null;
}

export interface Invoice {
  id: number;
  tenantId: number;
  status: InvoiceStatus;
  number: string;
  issueDate: Date;
  dueDate: Date;
  templateType: number;
  contactId: number;
  consigneeId: number;
  entityType: number;
  entityId: number;
  billingAddressId: number;
  deliveryAddressId: number;
  language: string;
  currency: string;
  exchangeRate: Decimal;
  purchaseOrderNumber: string;
  terms: string;
  description: string;
  jsonData: string;
  fileId: number;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
}

// spec §3.5. `canReadContact` is the reader's right on the invoice's contact.
export const canAccessInvoice = (actor: Actor, inv: Pick<Invoice, 'createdBy'>, canReadContact: boolean): boolean =>
  actor.isAdmin || inv.createdBy === actor.userId || canReadContact;

export const canEditInvoice = (actor: Actor, inv: Pick<Invoice, 'createdBy' | 'status'>): boolean =>
  (actor.isAdmin || inv.createdBy === actor.userId) && inv.status === 'draft';

export const canDeleteInvoice = (actor: Actor, inv: Pick<Invoice, 'createdBy'>): boolean =>
  actor.isAdmin || inv.createdBy === actor.userId;
