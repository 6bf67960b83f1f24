// Screen 5: the new-item and edit-item form. Values are kept as typed (text) so a refused form
// comes back exactly as sent; numbers are typed in the UI number locale.
import type { InvoiceTax } from '../../domain/invoices/catalogue.js';
import { formatDecimal } from '../../domain/shared/locale-number.js';
import type { WebContext } from '../context.js';
import { CsrfField, ErrorSummary, Layout } from '../components/layout.js';
import { CheckboxField, errorOf, summaryOf, NumberField, SelectField, TextAreaField, TextField, type FieldError } from './admin-form.js';
import { RowActions } from './items.js';

/** The form's values as text, as typed (or as stored, formatted for the UI locale). */
export interface ItemFormValues {
  name: string;
  sku: string;
  description: string;
  price: string;
  stock: string;
  track: boolean;
  tax1: string;
  tax2: string;
}

export const EMPTY_ITEM_FORM: ItemFormValues = { name: '', sku: '', description: '', price: '', stock: '', track: false, tax1: '0', tax2: '0' };

export interface ItemFormPageProps {
  ctx: WebContext;
  /** The item being edited (undefined: a new item). */
  item?: { id: number; title: string; canDelete: boolean } | undefined;
  values: ItemFormValues;
  errors: FieldError[];
  taxes: readonly InvoiceTax[];
  currency: string;
}

export function ItemFormPage({ ctx, item, values, errors, taxes, currency }: ItemFormPageProps) {
  const { t } = ctx;
  const title = item ? t('items.editTitle', { name: item.title }) : t('items.new');
  const action = item ? `/app/items/${item.id}/edit` : '/app/items/new';
  const taxOptions: [string, string][] = [
    ['0', t('admin.none')],
    ...taxes.map((tax): [string, string] => [String(tax.id), `${tax.name} (${formatDecimal(tax.rate.toString(), ctx.numberLocale)} %)`]),
  ];
  const e = (f: string) => errorOf(errors, f);
  return (
    <Layout ctx={ctx} title={title} section="items">
      <p class="admin-back">
        <a href="/app/items">{t('items.title')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary
        ctx={ctx}
        errors={summaryOf(errors, {
          'item-name': t('items.field.name'), 'item-sku': t('items.field.sku'), 'item-description': t('items.field.description'),
          'item-price': t('items.field.price'), 'item-stock': t('items.field.stock'), 'item-tax1': t('items.field.tax1'), 'item-tax2': t('items.field.tax2'),
        })}
      />
      <form method="post" action={action} class="admin-form" novalidate>
        <CsrfField ctx={ctx} />
        <TextField id="item-name" name="name" label={t('items.field.name')} value={values.name} required maxLength={255} error={e('item-name')} />
        <TextField id="item-sku" name="sku" label={t('items.field.sku')} value={values.sku} maxLength={255} error={e('item-sku')} />
        <TextAreaField id="item-description" name="description" label={t('items.field.description')} value={values.description} rows={3} error={e('item-description')} />
        <NumberField
          id="item-price"
          name="price"
          label={t('items.field.price')}
          value={values.price}
          required
          class="field-short"
          hint={t('items.field.priceHint', { currency, example: formatDecimal('1234.5', ctx.numberLocale, 2) })}
          error={e('item-price')}
        />
        <NumberField
          id="item-stock"
          name="stock"
          label={t('items.field.stock')}
          value={values.stock}
          class="field-short"
          hint={t('items.field.stockHint', { example: formatDecimal('12.5', ctx.numberLocale) })}
          error={e('item-stock')}
        />
        <CheckboxField id="item-track" name="track" label={t('items.field.track')} checked={values.track} error={e('item-track')} />
        <div class="admin-pair">
          <SelectField id="item-tax1" name="tax1" label={t('items.field.tax1')} value={values.tax1} options={taxOptions} error={e('item-tax1')} />
          <SelectField id="item-tax2" name="tax2" label={t('items.field.tax2')} value={values.tax2} options={taxOptions} error={e('item-tax2')} />
        </div>
        <div class="actions">
          <button type="submit" class="button-primary">
            {t('form.save')}
          </button>
          <a href="/app/items">{t('admin.cancel')}</a>
        </div>
      </form>
      {item ? (
        <div class="admin-danger-zone">
          <RowActions
            ctx={ctx}
            editHref={`/app/items/${item.id}/edit`}
            deleteAction={`/app/items/${item.id}/delete`}
            canDelete={item.canDelete}
            hideEdit
            texts={{
              edit: t('items.editNamed', { name: item.title }),
              del: t('items.deleteNamed', { name: item.title }),
              confirm: t('items.confirmDelete', { name: item.title }),
              inUse: t('items.inUseHint'),
            }}
          />
        </div>
      ) : null}
    </Layout>
  );
}
