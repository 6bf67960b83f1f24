// Screen 2: the invoice list — search, status chips, more filters (issue dates, client, currency,
// sort) in a disclosure, 25 per page with the total, rows with due text and a status badge, the
// bulk status change, and the empty states.
import { listCurrencies } from '../../use-cases/settings/list-currencies.js';
import type { ClientChoice } from '../../use-cases/web/invoice-list-page.js';
import type { WebContext } from '../context.js';
import { CsrfField, ErrorSummary, Layout } from '../components/layout.js';
import type { InvoiceFlash } from '../components/invoice-flash.js';
import { DEFAULT_QUERY, isFiltered, LIST_STATUSES, listHref, PAGE_SIZE, type ListQuery, type ListStatus } from '../components/invoice-list-query.js';
import { InvoiceNotice } from '../components/invoice-notice.js';
import { InvoiceTable, SORT_KEYS, type InvoiceRow, type SortKey } from '../components/invoice-table.js';
import { formatDecimal } from '../../domain/shared/locale-number.js';
import type { MessageId } from '../i18n/index.js';

export interface InvoiceListProps {
  ctx: WebContext;
  query: ListQuery;
  invalid: ('from' | 'to')[];
  rows: InvoiceRow[];
  total: number;
  today: string;
  timeZone: string;
  clients: ClientChoice[];
  flash: InvoiceFlash | undefined;
}

const CHIP: Record<ListStatus, MessageId> = {
  all: 'list.status.all',
  draft: 'list.status.draft',
  sent: 'list.status.sent',
  overdue: 'list.status.overdue',
  paid: 'list.status.paid',
  rejected: 'list.status.rejected',
  archived: 'list.status.archived',
};

const SORT_LABEL: Record<SortKey, MessageId> = {
  number: 'list.sortBy.number',
  client: 'list.sortBy.client',
  issueDate: 'list.sortBy.issueDate',
  dueDate: 'list.sortBy.dueDate',
  status: 'list.sortBy.status',
};

const BULK_TARGETS = [
  ['sent', 'list.status.sent'],
  ['paid', 'list.status.paid'],
  ['rejected', 'list.status.rejected'],
  ['draft', 'list.status.draft'],
] as const;

export function InvoiceListPage({ ctx, query, invalid, rows, total, today, timeZone, clients, flash }: InvoiceListProps) {
  const { t } = ctx;
  const n = (x: number) => formatDecimal(String(x), ctx.numberLocale);
  const first = total === 0 ? 0 : (query.page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, query.page * PAGE_SIZE);
  const range = t('list.range', { from: n(first), to: n(last), total: n(total) });
  const filtered = isFiltered(query);
  const nothingAtAll = total === 0 && !filtered;
  const moreOpen = !!(query.from || query.to || query.client || query.currency || invalid.length || query.sort !== DEFAULT_QUERY.sort || query.dir !== DEFAULT_QUERY.dir);
  const errors = invalid.map((f) => ({ field: `filter-${f}`, message: `${t(f === 'from' ? 'list.from' : 'list.to')}: ${t('list.badDate')}` }));
  const fieldError = (f: 'from' | 'to') =>
    invalid.includes(f) ? { 'aria-invalid': 'true' as const, 'aria-describedby': `filter-${f}-error` } : {};
  const back = listHref(query);

  return (
    <Layout ctx={ctx} title={t('list.title')} section="invoices">
      <div class="page-head">
        <h1>{t('list.title')}</h1>
        {nothingAtAll ? null : (
          <a class="button button-primary" href="/app/invoices/new">
            {t('list.new')}
          </a>
        )}
      </div>
      <ErrorSummary ctx={ctx} errors={errors} />
      <InvoiceNotice ctx={ctx} flash={flash} />

      <form method="get" action="/app/invoices" class="list-filters" role="search">
        {query.status !== 'all' ? <input type="hidden" name="status" value={query.status} /> : null}
        <div class="field search-field">
          <label for="filter-q">{t('list.search')}</label>
          <div class="search-row">
            <input type="search" id="filter-q" name="q" value={query.q} aria-describedby="filter-q-hint" />
            <button type="submit" class="button-primary">
              {t('list.apply')}
            </button>
          </div>
          <p class="hint" id="filter-q-hint">
            {t('list.searchHint')}
          </p>
        </div>
        <details class="more-filters" open={moreOpen}>
          <summary>{t('list.filters')}</summary>
          <div class="filter-grid">
            <div class="field">
              <label for="filter-from">{t('list.from')}</label>
              {invalid.includes('from') ? (
                <p class="error-message" id="filter-from-error">
                  {t('list.badDate')}
                </p>
              ) : null}
              <input type="date" id="filter-from" name="from" value={query.from} {...fieldError('from')} />
            </div>
            <div class="field">
              <label for="filter-to">{t('list.to')}</label>
              {invalid.includes('to') ? (
                <p class="error-message" id="filter-to-error">
                  {t('list.badDate')}
                </p>
              ) : null}
              <input type="date" id="filter-to" name="to" value={query.to} {...fieldError('to')} />
            </div>
            <div class="field">
              <label for="filter-client">{t('list.client')}</label>
              <select id="filter-client" name="client">
                <option value="">{t('list.anyClient')}</option>
                {clients.map((c) => (
                  <option value={String(c.id)} selected={c.id === query.client}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="filter-currency">{t('list.currency')}</label>
              <select id="filter-currency" name="currency">
                <option value="">{t('list.anyCurrency')}</option>
                {listCurrencies().map((c) => (
                  <option value={c.abbreviation} selected={c.abbreviation === query.currency}>
                    {`${c.abbreviation} — ${c.title}`}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="filter-sort">{t('list.sort')}</label>
              <select id="filter-sort" name="sort">
                {SORT_KEYS.map((k) => (
                  <option value={k} selected={k === query.sort}>
                    {t(SORT_LABEL[k])}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="filter-dir">{t('list.dir')}</label>
              <select id="filter-dir" name="dir">
                <option value="asc" selected={query.dir === 'asc'}>
                  {t('list.dir.asc')}
                </option>
                <option value="desc" selected={query.dir === 'desc'}>
                  {t('list.dir.desc')}
                </option>
              </select>
            </div>
          </div>
          <div class="actions">
            <button type="submit" class="button-secondary">
              {t('list.apply')}
            </button>
            {filtered ? <a href="/app/invoices">{t('list.clear')}</a> : null}
          </div>
        </details>
      </form>

      <nav aria-label={t('list.statusNav')} class="status-chips">
        <ul>
          {LIST_STATUSES.map((s) => (
            <li>
              <a class="chip" href={listHref(query, { status: s, page: 1 })} aria-current={query.status === s ? 'page' : undefined}>
                {t(CHIP[s])}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {nothingAtAll ? (
        <section class="empty-state" aria-labelledby="empty-title">
          <h2 id="empty-title">{t('list.empty.title')}</h2>
          <p>{t('list.empty.text')}</p>
          <a class="button button-primary" href="/app/invoices/new">
            {t('list.new')}
          </a>
        </section>
      ) : total === 0 ? (
        <section class="empty-state" aria-labelledby="empty-title">
          <h2 id="empty-title">{t('list.noMatch.title')}</h2>
          <p>{t('list.noMatch.text')}</p>
          <a href="/app/invoices">{t('list.clear')}</a>
        </section>
      ) : (
        <form method="post" action="/app/invoices/bulk-status" class="bulk-form">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="back" value={back} />
          <p class="list-range" aria-live="polite">
            {range}
          </p>
          <InvoiceTable
            ctx={ctx}
            rows={rows}
            today={today}
            timeZone={timeZone}
            selectable
            caption={t('list.caption', { range })}
            sort={{ key: query.sort, dir: query.dir, href: (k) => listHref(query, { sort: k, dir: k === query.sort && query.dir === 'asc' ? 'desc' : 'asc', page: 1 }) }}
          />
          <fieldset class="bulk-bar">
            <legend class="visually-hidden">{t('list.bulk.legend')}</legend>
            <label for="bulk-status">{t('list.bulk.label')}</label>
            <select id="bulk-status" name="status">
              {BULK_TARGETS.map(([value, label]) => (
                <option value={value}>{t(label)}</option>
              ))}
            </select>
            <button type="submit" class="button-secondary">
              {t('list.bulk.apply')}
            </button>
          </fieldset>
          <Pager ctx={ctx} query={query} total={total} />
        </form>
      )}
    </Layout>
  );
}

function Pager({ ctx, query, total }: { ctx: WebContext; query: ListQuery; total: number }) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pages <= 1) return null;
  const { t } = ctx;
  return (
    <nav aria-label={t('list.pages')} class="pager">
      <ul>
        {query.page > 1 ? (
          <li>
            <a href={listHref(query, { page: query.page - 1 })} rel="prev">
              {t('list.prev')}
            </a>
          </li>
        ) : null}
        {query.page < pages ? (
          <li>
            <a href={listHref(query, { page: query.page + 1 })} rel="next">
              {t('list.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
