// How the invoices screens show dates, days until due and statuses. Pure functions of the
// invoice, the tenant's "today" (its calendar date in its time zone) and the UI locale.
import type { InvoiceStatus } from '../../domain/invoices/invoice.js';
import { daysUntilDue, type DisplayStatus } from '../../domain/invoices/overdue.js';
import { localDate } from '../../domain/shared/time-zone.js';

export { daysUntilDue, displayStatusOf, type DisplayStatus } from '../../domain/invoices/overdue.js';
import type { WebContext } from '../context.js';

/** "due in 5 days", "due today", "overdue by 3 days" (sent only) for invoices not yet paid; '' otherwise. */
export function dueText(ctx: WebContext, inv: { status: InvoiceStatus; dueDate: Date }, today: string, timeZone: string): string {
  if (inv.status !== 'sent' && inv.status !== 'draft') return '';
  const days = daysUntilDue(inv.dueDate, today, timeZone);
  if (days === 0) return ctx.t('list.due.today');
  if (days > 0) return ctx.t('list.due.inDays', { count: days });
  // A draft is not owed yet: "overdue" is said of sent invoices only.
  return inv.status === 'sent' ? ctx.t('list.due.overdueBy', { count: -days }) : '';
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A date in the UI locale, on the tenant's calendar: "Jan 15, 2026", "15 янв. 2026 г.". */
export function formatDate(ctx: Pick<WebContext, 'numberLocale'>, date: Date, timeZone: string): string {
  const key = `${ctx.numberLocale}|${timeZone}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(ctx.numberLocale, { dateStyle: 'medium', timeZone })));
  return f.format(date);
}

/** The tenant-local ISO date of an instant, for `<time datetime>`. */
export const isoDateOf = (date: Date, timeZone: string): string => localDate(date.getTime(), timeZone);

export const STATUS_MESSAGE = {
  draft: 'list.status.draft',
  sent: 'list.status.sent',
  paid: 'list.status.paid',
  rejected: 'list.status.rejected',
  archived: 'list.status.archived',
  overdue: 'list.status.overdue',
} as const satisfies Record<DisplayStatus, string>;

export const STATUS_WORD = {
  draft: 'list.statusWord.draft',
  sent: 'list.statusWord.sent',
  paid: 'list.statusWord.paid',
  rejected: 'list.statusWord.rejected',
  archived: 'list.statusWord.archived',
} as const satisfies Record<InvoiceStatus, string>;
