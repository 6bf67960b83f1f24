// Screen 6: taxes. Every tax of the tenant (no paging: a tenant has a handful); admins get
// "New tax", edit links and a delete that asks first. A tax that items or invoice lines use
// cannot be deleted: the list says so, and a refused delete comes back as a notice.
import type { InvoiceTaxView } from '../../use-cases/catalogue/catalogue-views.js';
import { formatDecimal } from '../../domain/shared/locale-number.js';
import type { WebContext } from '../context.js';
import { Layout } from '../components/layout.js';
import { Notice } from './admin-form.js';
import { CatalogueHead, RowActions } from './items.js';

export interface TaxesPageProps {
  ctx: WebContext;
  views: InvoiceTaxView[];
  notice?: { kind: 'status' | 'error'; text: string } | undefined;
}

/** A tax rate for display: `20 %`, `7,5 %` in the UI number locale. */
export const formatRate = (ctx: WebContext, rate: { toString(): string }): string => `${formatDecimal(rate.toString(), ctx.numberLocale)} %`;

export function TaxesPage({ ctx, views, notice }: TaxesPageProps) {
  const { t } = ctx;
  const admin = !!ctx.actor?.isAdmin;
  return (
    <Layout ctx={ctx} title={t('taxes.title')} section="taxes">
      <CatalogueHead ctx={ctx} title={t('taxes.title')} newHref="/app/taxes/new" newLabel={t('taxes.new')} notice={notice} />
      <p class="admin-count">{t('taxes.count', { count: views.length })}</p>
      {views.length === 0 ? (
        <p class="admin-empty">{admin ? t('taxes.emptyAdmin') : t('taxes.empty')}</p>
      ) : (
        <table class="admin-table">
          <caption class="visually-hidden">{t('taxes.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('taxes.col.name')}</th>
              <th scope="col" class="num">
                {t('taxes.col.rate')}
              </th>
              <th scope="col">{t('taxes.col.description')}</th>
              {admin ? <th scope="col">{t('taxes.col.status')}</th> : null}
              {admin ? <th scope="col">{t('admin.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {views.map(({ tax, canDelete }) => (
              <tr>
                <th scope="row" data-label={t('taxes.col.name')}>
                  <span class="admin-name">{tax.name}</span>
                </th>
                <td class="num" data-label={t('taxes.col.rate')}>
                  {formatRate(ctx, tax.rate)}
                </td>
                <td data-label={t('taxes.col.description')}>{tax.description}</td>
                {admin ? (
                  <td data-label={t('taxes.col.status')}>
                    {!canDelete ? <span class="badge badge-in-use">{t('admin.inUse')}</span> : <span class="hint">{t('admin.notInUse')}</span>}
                  </td>
                ) : null}
                {admin ? (
                  <td data-label={t('admin.actions')}>
                    <RowActions
                      ctx={ctx}
                      editHref={`/app/taxes/${tax.id}/edit`}
                      deleteAction={`/app/taxes/${tax.id}/delete`}
                      canDelete={canDelete}
                      texts={{
                        edit: t('taxes.editNamed', { name: tax.name }),
                        del: t('taxes.deleteNamed', { name: tax.name }),
                        confirm: t('taxes.confirmDelete', { name: tax.name }),
                        inUse: t('taxes.inUseHint'),
                      }}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
