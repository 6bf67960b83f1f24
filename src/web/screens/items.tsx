// Screen 5: products & services. A searchable, paged list; admins get "New item", edit links and
// a delete that asks first (a disclosure with its own POST form, no script needed). An item that
// invoices use cannot be deleted: the list says so, and a refused delete comes back as a notice.
import type { InvoiceItemView } from '../../use-cases/catalogue/catalogue-views.js';
import { formatDecimal, formatMoney } from '../../domain/shared/locale-number.js';
import type { WebContext } from '../context.js';
import { CsrfField, Layout } from '../components/layout.js';
import { Notice } from './admin-form.js';

export const ITEMS_PER_PAGE = 25;

export interface ItemsPageProps {
  ctx: WebContext;
  views: InvoiceItemView[];
  total: number;
  q: string;
  page: number;
  /** A notice after a redirect (created, saved, deleted) or a refused delete. */
  notice?: { kind: 'status' | 'error'; text: string } | undefined;
}

export function ItemsPage({ ctx, views, total, q, page, notice }: ItemsPageProps) {
  const { t } = ctx;
  const admin = !!ctx.actor?.isAdmin;
  const pages = Math.max(1, Math.ceil(total / ITEMS_PER_PAGE));
  const pageHref = (p: number) => {
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    if (p > 1) params.set('page', String(p));
    const s = params.toString();
    return `/app/items${s ? `?${s}` : ''}`;
  };
  return (
    <Layout ctx={ctx} title={t('items.title')} section="items">
      <CatalogueHead ctx={ctx} title={t('items.title')} newHref="/app/items/new" newLabel={t('items.new')} notice={notice} />
      <form method="get" action="/app/items" class="admin-search" role="search">
        <label for="items-q">{t('admin.search')}</label>
        <input id="items-q" name="q" type="search" value={q} />
        <button type="submit" class="button-secondary">
          {t('admin.searchSubmit')}
        </button>
        {q ? <a href="/app/items">{t('admin.clearSearch')}</a> : null}
      </form>
      <p class="admin-count" role="status">
        {q ? t('items.countSearch', { count: total, q }) : t('items.count', { count: total })}
      </p>
      {views.length === 0 ? (
        <p class="admin-empty">{q ? t('items.emptySearch', { q }) : admin ? t('items.emptyAdmin') : t('items.empty')}</p>
      ) : (
        <table class="admin-table">
          <caption class="visually-hidden">{t('items.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('items.col.name')}</th>
              <th scope="col">{t('items.col.sku')}</th>
              <th scope="col" class="num">
                {t('items.col.price')}
              </th>
              <th scope="col">{t('items.col.taxes')}</th>
              <th scope="col" class="num">
                {t('items.col.stock')}
              </th>
              {admin ? <th scope="col">{t('items.col.status')}</th> : null}
              {admin ? <th scope="col">{t('admin.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {views.map((v) => (
              <ItemRow ctx={ctx} view={v} admin={admin} />
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <nav class="admin-pager" aria-label={t('admin.pages')}>
          {page > 1 ? <a href={pageHref(page - 1)}>{t('admin.previous')}</a> : null}
          <span>{t('admin.pageOf', { page, pages })}</span>
          {page < pages ? <a href={pageHref(page + 1)}>{t('admin.next')}</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}

function ItemRow({ ctx, view, admin }: { ctx: WebContext; view: InvoiceItemView; admin: boolean }) {
  const { t } = ctx;
  const { item } = view;
  const taxes = [item.tax1Id, item.tax2Id].map((id) => view.taxes.get(id)).filter((x) => x !== undefined);
  const inUse = admin && !view.canDelete;
  return (
    <tr>
      <th scope="row" data-label={t('items.col.name')}>
        <span class="admin-name">{item.title}</span>
        {item.description ? <span class="hint admin-desc">{item.description}</span> : null}
      </th>
      <td data-label={t('items.col.sku')}>{item.sku}</td>
      <td class="num" data-label={t('items.col.price')}>
        {formatMoney(item.price.toString(), view.currency.abbreviation, ctx.numberLocale)}
      </td>
      <td data-label={t('items.col.taxes')}>
        {taxes.length === 0 ? (
          <span class="hint">{t('items.noTaxes')}</span>
        ) : (
          <ul class="admin-inline-list">
            {taxes.map((tax) => (
              <li>{`${tax.name} (${formatDecimal(tax.rate.toString(), ctx.numberLocale)} %)`}</li>
            ))}
          </ul>
        )}
      </td>
      <td class="num" data-label={t('items.col.stock')}>
        {item.trackInventory ? formatDecimal(item.stockQuantity.toString(), ctx.numberLocale) : <span class="hint">{t('items.stockNotTracked')}</span>}
      </td>
      {admin ? (
        <td data-label={t('items.col.status')}>
          {inUse ? <span class="badge badge-in-use">{t('admin.inUse')}</span> : <span class="hint">{t('admin.notInUse')}</span>}
        </td>
      ) : null}
      {admin ? (
        <td data-label={t('admin.actions')}>
          <RowActions
            ctx={ctx}
            editHref={`/app/items/${item.id}/edit`}
            deleteAction={`/app/items/${item.id}/delete`}
            canDelete={view.canDelete}
            texts={{ edit: t('items.editNamed', { name: item.title }), del: t('items.deleteNamed', { name: item.title }), confirm: t('items.confirmDelete', { name: item.title }), inUse: t('items.inUseHint') }}
          />
        </td>
      ) : null}
    </tr>
  );
}

/**
 * A row's actions: Edit, and Delete behind a disclosure that names what goes (the confirmation
 * step). An entry in use has no delete, and says why.
 */
export function RowActions({
  ctx, editHref, deleteAction, canDelete, texts, hideEdit = false,
}: {
  ctx: WebContext;
  hideEdit?: boolean;
  editHref: string;
  deleteAction: string;
  canDelete: boolean;
  texts: { edit: string; del: string; confirm: string; inUse: string };
}) {
  const { t } = ctx;
  return (
    <div class="admin-actions">
      {hideEdit ? null : (
        <a href={editHref} aria-label={texts.edit}>
          {t('admin.edit')}
        </a>
      )}
      {canDelete ? (
        <details class="admin-confirm">
          <summary aria-label={texts.del}>{t('admin.delete')}</summary>
          <form method="post" action={deleteAction} class="admin-confirm-body">
            <CsrfField ctx={ctx} />
            <p>{texts.confirm}</p>
            <button type="submit" class="button-danger">
              {texts.del}
            </button>
          </form>
        </details>
      ) : (
        <span class="hint">{texts.inUse}</span>
      )}
    </div>
  );
}

/** The head of a catalogue list (items, taxes): title, the "new" button for admins, a notice, the read-only hint. */
export function CatalogueHead({ ctx, title, newHref, newLabel, notice }: { ctx: WebContext; title: string; newHref: string; newLabel: string; notice: { kind: 'status' | 'error'; text: string } | undefined }) {
  const admin = !!ctx.actor?.isAdmin;
  return (
    <>
      <div class="admin-head">
        <h1>{title}</h1>
        {admin ? (
          <a class="button button-primary" href={newHref}>
            {newLabel}
          </a>
        ) : null}
      </div>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {!admin ? <p class="hint">{ctx.t('admin.readOnly')}</p> : null}
    </>
  );
}
