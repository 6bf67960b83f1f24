// Screen 6: the new-tax and edit-tax form. Values are kept as typed; the rate is typed in the UI
// number locale.
import { formatDecimal } from '../../domain/shared/locale-number.js';
import type { WebContext } from '../context.js';
import { CsrfField, ErrorSummary, Layout } from '../components/layout.js';
import { errorOf, summaryOf, NumberField, TextAreaField, TextField, type FieldError } from './admin-form.js';
import { RowActions } from './items.js';

export interface TaxFormValues {
  name: string;
  rate: string;
  description: string;
}

export const EMPTY_TAX_FORM: TaxFormValues = { name: '', rate: '', description: '' };

export interface TaxFormPageProps {
  ctx: WebContext;
  tax?: { id: number; name: string; canDelete: boolean } | undefined;
  values: TaxFormValues;
  errors: FieldError[];
}

export function TaxFormPage({ ctx, tax, values, errors }: TaxFormPageProps) {
  const { t } = ctx;
  const title = tax ? t('taxes.editTitle', { name: tax.name }) : t('taxes.new');
  const action = tax ? `/app/taxes/${tax.id}/edit` : '/app/taxes/new';
  const e = (f: string) => errorOf(errors, f);
  return (
    <Layout ctx={ctx} title={title} section="taxes">
      <p class="admin-back">
        <a href="/app/taxes">{t('taxes.title')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary
        ctx={ctx}
        errors={summaryOf(errors, { 'tax-name': t('taxes.field.name'), 'tax-rate': t('taxes.field.rate'), 'tax-description': t('taxes.field.description') })}
      />
      <form method="post" action={action} class="admin-form" novalidate>
        <CsrfField ctx={ctx} />
        <TextField id="tax-name" name="name" label={t('taxes.field.name')} value={values.name} required maxLength={255} error={e('tax-name')} />
        <NumberField
          id="tax-rate"
          name="rate"
          label={t('taxes.field.rate')}
          value={values.rate}
          required
          class="field-short"
          hint={t('taxes.field.rateHint', { example: formatDecimal('7.5', ctx.numberLocale) })}
          error={e('tax-rate')}
        />
        <TextAreaField id="tax-description" name="description" label={t('taxes.field.description')} value={values.description} rows={3} error={e('tax-description')} />
        {tax ? <p class="hint">{t('taxes.changeHint')}</p> : null}
        <div class="actions">
          <button type="submit" class="button-primary">
            {t('form.save')}
          </button>
          <a href="/app/taxes">{t('admin.cancel')}</a>
        </div>
      </form>
      {tax ? (
        <div class="admin-danger-zone">
          <RowActions
            ctx={ctx}
            editHref={`/app/taxes/${tax.id}/edit`}
            deleteAction={`/app/taxes/${tax.id}/delete`}
            canDelete={tax.canDelete}
            hideEdit
            texts={{
              edit: t('taxes.editNamed', { name: tax.name }),
              del: t('taxes.deleteNamed', { name: tax.name }),
              confirm: t('taxes.confirmDelete', { name: tax.name }),
              inUse: t('taxes.inUseHint'),
            }}
          />
        </div>
      ) : null}
    </Layout>
  );
}
