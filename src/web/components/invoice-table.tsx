// The rows of invoices, as the list and the client page show them: number (link to the details),
// client, issue date, due date with "due in 5 days"/"overdue by 3 days", a status badge with text,
// the total in the invoice's currency, and a row menu. Below 640 px the rows become cards
// (app.css), each cell labelled by its column name.
import { contactDisplayName } from '../../domain/contacts/contact.js';
import type { InvoiceStatus } from '../../domain/invoices/invoice.js';
import { formatMoney } from '../../domain/shared/locale-number.js';
import type { InvoiceView } from '../../use-cases/invoices/invoice-view.js';
import type { WebContext } from '../context.js';
import type { MessageId } from '../i18n/index.js';
import { displayStatusOf, dueText, formatDate, isoDateOf } from './invoice-format.js';
import { StatusBadge } from './status-badge.js';

export interface InvoiceRow {
  id: number;
  number: string;
  status: InvoiceStatus;
  issueDate: Date;
  dueDate: Date;
  currency: string;
  /** The invoice's cost as a decimal string (never a JS number). */
  total: string;
  /** null when the reader may not see the contact. */
  client: { id: number; name: string } | null;
  canEdit: boolean;
}

export const rowOf = (v: InvoiceView): InvoiceRow => ({
  id: v.invoice.id,
  number: v.invoice.number,
  status: v.invoice.status,
  issueDate: v.invoice.issueDate,
  dueDate: v.invoice.dueDate,
  currency: v.invoice.currency.toUpperCase(),
  total: v.cost.toFixed(2),
  client: v.contact ? { id: v.contact.id, name: contactDisplayName(v.contact) } : null,
  canEdit: v.canEdit,
});

/** Columns the list can sort by (UI names; the API's `contact` is `client` here). */
export const SORT_KEYS = ['number', 'client', 'issueDate', 'dueDate', 'status'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export interface SortState {
  key: SortKey;
  dir: SortDir;
  /** The URL of the list sorted by `key` (toggling the direction on the current column). */
  href: (key: SortKey) => string;
}

export interface InvoiceTableProps {
  ctx: WebContext;
  rows: InvoiceRow[];
  /** The tenant's calendar date today (YYYY-MM-DD) and time zone. */
  today: string;
  timeZone: string;
  /** Row checkboxes named `ids` (inside the list's bulk form). */
  selectable?: boolean;
  sort?: SortState;
  caption: string;
}

const COLUMN: Record<SortKey, MessageId> = {
  number: 'list.col.number',
  client: 'list.col.client',
  issueDate: 'list.col.issueDate',
  dueDate: 'list.col.dueDate',
  status: 'list.col.status',
};

function HeaderCell({ ctx, col, sort, class: cls }: { ctx: WebContext; col: SortKey; sort: SortState | undefined; class?: string }) {
  const label = ctx.t(COLUMN[col]);
  if (!sort) return <th scope="col" class={cls}>{label}</th>;
  const current = sort.key === col;
  return (
    <th scope="col" class={cls} aria-sort={current ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={sort.href(col)} class="sort-link">
        {label}
        {current ? (
          <span class="sort-mark" aria-hidden="true">
            {sort.dir === 'asc' ? ' ▲' : ' ▼'}
          </span>
        ) : null}
        {current ? <span class="visually-hidden">{`, ${ctx.t(sort.dir === 'asc' ? 'list.sortedAsc' : 'list.sortedDesc')}`}</span> : null}
      </a>
    </th>
  );
}

export function InvoiceTable({ ctx, rows, today, timeZone, selectable = false, sort, caption }: InvoiceTableProps) {
  const { t } = ctx;
  return (
    <table class="invoice-table">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {selectable ? (
            <th scope="col" class="col-select">
              <span class="visually-hidden">{t('list.col.select')}</span>
            </th>
          ) : null}
          <HeaderCell ctx={ctx} col="number" sort={sort} />
          <HeaderCell ctx={ctx} col="client" sort={sort} />
          <HeaderCell ctx={ctx} col="issueDate" sort={sort} />
          <HeaderCell ctx={ctx} col="dueDate" sort={sort} />
          <HeaderCell ctx={ctx} col="status" sort={sort} />
          <th scope="col" class="num">
            {t('list.col.total')}
          </th>
          <th scope="col" class="col-actions">
            <span class="visually-hidden">{t('list.col.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const status = displayStatusOf(r, today, timeZone);
          const due = dueText(ctx, r, today, timeZone);
          const checkId = `select-${r.id}`;
          return (
            <tr class={`invoice-row status-${status}`}>
              {selectable ? (
                <td class="col-select">
                  <input type="checkbox" name="ids" value={String(r.id)} id={checkId} />
                  <label for={checkId} class="visually-hidden">
                    {t('list.select', { number: r.number })}
                  </label>
                </td>
              ) : null}
              <th scope="row" class="cell-number" data-label={t('list.col.number')}>
                <a href={`/app/invoices/${r.id}`}>{r.number}</a>
              </th>
              <td class="cell-client" data-label={t('list.col.client')}>
                {r.client ? <a href={`/app/clients/${r.client.id}`}>{r.client.name}</a> : <span class="hint">{t('list.hiddenClient')}</span>}
              </td>
              <td data-label={t('list.col.issueDate')}>
                <time datetime={isoDateOf(r.issueDate, timeZone)}>{formatDate(ctx, r.issueDate, timeZone)}</time>
              </td>
              <td data-label={t('list.col.dueDate')}>
                <time datetime={isoDateOf(r.dueDate, timeZone)}>{formatDate(ctx, r.dueDate, timeZone)}</time>
                {due ? <span class={`due-text${status === 'overdue' ? ' due-overdue' : ''}`}>{due}</span> : null}
              </td>
              <td data-label={t('list.col.status')}>
                <StatusBadge ctx={ctx} status={status} />
              </td>
              <td class="num cell-total" data-label={t('list.col.total')}>
                {formatMoney(r.total, r.currency, ctx.numberLocale)}
              </td>
              <td class="col-actions">
                <details class="row-menu">
                  <summary>
                    {t('list.rowActions')}
                    <span class="visually-hidden">{` ${t('list.rowActionsFor', { number: r.number })}`}</span>
                  </summary>
                  <ul>
                    <li>
                      <a href={`/app/invoices/${r.id}`}>{t('list.open')}</a>
                    </li>
                    {r.canEdit ? (
                      <li>
                        <a href={`/app/invoices/${r.id}/edit`}>{t('details.edit')}</a>
                      </li>
                    ) : null}
                    <li>
                      <a href={`/app/invoices/${r.id}/duplicate`}>{t('details.duplicate')}</a>
                    </li>
                    <li>
                      <a href={`/app/invoices/${r.id}/pdf`}>{t('details.downloadPdf')}</a>
                    </li>
                  </ul>
                </details>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
