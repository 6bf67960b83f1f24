// Overdue (UI.md): not a stored status but derived — a Sent invoice whose due date is before
// today, both taken as calendar dates in the tenant's time zone. The web list's Overdue filter and
// every badge use these definitions.
import { localDate } from '../shared/time-zone.js';
import type { InvoiceStatus } from './invoice.js';

/** What a badge shows: the stored status, or Overdue for a Sent invoice past its due date. */
export type DisplayStatus = InvoiceStatus | 'overdue';

const DAY_MS = 86_400_000;

/** Whole calendar days from `today` (YYYY-MM-DD) to the due date, both tenant-local; negative when past. */
export function daysUntilDue(dueDate: Date, today: string, timeZone: string): number {
  const due = localDate(dueDate.getTime(), timeZone);
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

export function displayStatusOf(inv: { status: InvoiceStatus; dueDate: Date }, today: string, timeZone: string): DisplayStatus {
  return inv.status === 'sent' && daysUntilDue(inv.dueDate, today, timeZone) < 0 ? 'overdue' : inv.status;
}

/** The last calendar day (YYYY-MM-DD) a Sent invoice may be due on and count as overdue today. */
export function lastOverdueDueDate(today: string): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}
