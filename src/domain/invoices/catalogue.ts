// Catalogue items and taxes (spec §2.3.8, §2.3.9).
import type { Decimal } from '../money.js';

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
