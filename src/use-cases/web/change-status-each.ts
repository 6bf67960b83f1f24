// The web app's status change of one or several invoices, reported per invoice: which changed and
// which were skipped and why (the API's PUT invoice/status skips silently, spec §4.6 / Q13). The
// change itself is the API's use case, in one transaction for every allowed invoice.
import { DomainError } from '../../domain/errors.js';
import type { InvoiceStatus } from '../../domain/invoices/invoice.js';
import { isTransitionAllowed } from '../../domain/invoices/status-machine.js';
import type { Actor } from '../../domain/people/user.js';
import type { Deps } from '../deps.js';
import { changeInvoiceStatus } from '../invoices/change-invoice-status.js';
import { getInvoice } from '../invoices/get-invoice.js';

export type SkipReason =
  /** The status machine does not allow this change (spec §3.4). */
  | 'transition'
  /** The invoice has the target status already. */
  | 'same'
  /** Missing, or the reader may not see it (not told apart: no leaks). */
  | 'not-found'
  /** It was allowed when read but another request changed it first. */
  | 'changed';

export interface StatusChangeReport {
  target: InvoiceStatus;
  changed: { id: number; number: string }[];
  skipped: { id: number; number: string; from: InvoiceStatus | null; reason: SkipReason }[];
}

/** At most this many ids per request (a page of the list is 25). */
export const MAX_BULK_IDS = 500;

export async function changeStatusEach(deps: Deps, actor: Actor, target: InvoiceStatus, invoiceIds: readonly number[]): Promise<StatusChangeReport> {
  const ids = [...new Set(invoiceIds.filter((id) => Number.isSafeInteger(id) && id > 0))].slice(0, MAX_BULK_IDS);
  const report: StatusChangeReport = { target, changed: [], skipped: [] };
  const allowed: { id: number; number: string; from: InvoiceStatus }[] = [];
  for (const id of ids) {
    try {
      const { view } = await getInvoice(deps, actor, id);
      const { number, status } = view.invoice;
      if (status === target) report.skipped.push({ id, number, from: status, reason: 'same' });
      else if (!isTransitionAllowed(status, target)) report.skipped.push({ id, number, from: status, reason: 'transition' });
      else allowed.push({ id, number, from: status });
    } catch (err) {
      if (err instanceof DomainError && (err.code === 'NOT_FOUND' || err.code === 'ACCESS_DENIED')) {
        report.skipped.push({ id, number: '', from: null, reason: 'not-found' });
      } else throw err;
    }
  }
  if (allowed.length === 0) return report;
  const { invoices } = await changeInvoiceStatus(deps, actor, target, allowed.map((a) => a.id));
  const after = new Map(invoices.views.map((v) => [v.invoice.id, v.invoice]));
  for (const a of allowed) {
    const now = after.get(a.id);
    // The compare-and-set of the API skipped it: someone else changed the status first.
    if (now && now.status === target) report.changed.push({ id: a.id, number: a.number });
    else report.skipped.push({ id: a.id, number: a.number, from: now?.status ?? a.from, reason: 'changed' });
  }
  return report;
}
