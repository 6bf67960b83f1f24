// Invoice status transitions and the stock they move (spec §3.4).
import { STATUS_TITLE, statusFromWire, type InvoiceStatus } from './invoice.js';

const ALLOWED: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  draft: ['sent'],
  sent: ['rejected', 'paid'],
  rejected: ['draft'],
  paid: ['sent'], // the original's explicitly allowed "bug 23450" path
  archived: [],
};

export const isTransitionAllowed = (from: InvoiceStatus, to: InvoiceStatus): boolean => ALLOWED[from].includes(to);

/** Sign of the stock movement of tracked items: Draft → Sent takes stock out, Sent → Rejected puts it back. */
export function stockDirection(from: InvoiceStatus, to: InvoiceStatus): -1 | 0 | 1 {
  if (from === 'draft' && to === 'sent') return -1;
  if (from === 'sent' && to === 'rejected') return 1;
  return 0;
}

/** What an issued invoice keeps is frozen when it leaves Draft, and released when it returns (DECISIONS). */
export const freezesLines = (from: InvoiceStatus, to: InvoiceStatus): boolean => from === 'draft' && to !== 'draft';
export const releasesLines = (from: InvoiceStatus, to: InvoiceStatus): boolean => from !== 'draft' && to === 'draft';

/**
 * The status path segment (DECISIONS): a number, a member name or the English display text, any
 * case. A number that names no status parses (as in the original) and changes nothing: `null`.
 * Unparseable text: `undefined`.
 */
export function parseStatusSegment(text: string): InvoiceStatus | null | undefined {
  const t = text.trim();
  if (/^[+-]?\d+$/.test(t)) return statusFromWire(Number(t)) ?? null;
  const lower = t.toLowerCase();
  for (const [status, title] of Object.entries(STATUS_TITLE) as [InvoiceStatus, string][]) {
    if (status === lower || title.toLowerCase() === lower) return status;
  }
  return undefined;
}
