// Screen 4: create, edit (drafts) and duplicate an invoice. One real form that works without
// JavaScript: every button is a submit with an `action` (save, recalculate, add-line, up:N,
// down:N, remove:N, due:N, new-item, new-tax); the line-editor island does the same in the page.
import type { ComponentChildren } from 'preact';
import { formatDecimal } from '../../domain/shared/locale-number.js';
import type { InvoiceTotals } from '../../domain/invoices/invoice-totals.js';
import type { InvoiceFormOptions } from '../../use-cases/web/invoice-form-options.js';
import type { WebContext } from '../context.js';
import { CsrfField, ErrorSummary, Layout } from '../components/layout.js';
import { FieldErrorMessage, fieldErrorOf, LineEditor, TotalsOutput } from '../components/line-editor.js';
import type { MessageId } from '../i18n/index.js';
import { DOCUMENT_LANGUAGES, DUE_PRESETS, type FieldError, type InvoiceFormValues } from './invoice-form-model.js';

export interface InvoiceFormPageProps {
  ctx: WebContext;
  mode: 'new' | 'edit' | 'duplicate';
  /** Where the form posts. */
  action: string;
  /** The number of the invoice edited, or the one duplicated. */
  invoiceNumber?: string;
  /** Where Cancel goes. */
  cancelHref: string;
  values: InvoiceFormValues;
  options: InvoiceFormOptions;
  errors: FieldError[];
  totals: InvoiceTotals;
  lineNet: (string | undefined)[];
  /** A status message after an action (item created, …). */
  notice?: string;
}

const LANGUAGE_NAMES: Record<(typeof DOCUMENT_LANGUAGES)[number], MessageId> = {
  'en-US': 'editor.language.en-US',
  'en-GB': 'editor.language.en-GB',
  'de-DE': 'editor.language.de-DE',
  'de-AT': 'editor.language.de-AT',
  'ru-RU': 'editor.language.ru-RU',
};

export function InvoiceFormPage(p: InvoiceFormPageProps) {
  const { ctx, values: v, options: o, errors } = p;
  const { t } = ctx;
  const title =
    p.mode === 'edit' ? t('editor.title.edit', { number: p.invoiceNumber ?? '' })
      : p.mode === 'duplicate' ? t('editor.title.duplicate', { number: p.invoiceNumber ?? '' })
        : t('editor.title.new');
  const field = (id: string) => fieldErrorOf(errors, id);
  const contact = o.contacts.find((c) => String(c.id) === v.contactId);
  const billing = contact?.billing.find((a) => String(a.id) === v.billingAddressId) ?? contact?.billing[0];
  const currency = o.currencies.some((c) => c.code === v.currency.toUpperCase()) ? v.currency.toUpperCase() : o.defaultCurrency;
  const languages: string[] = [...DOCUMENT_LANGUAGES];
  if (v.language && !languages.includes(v.language)) languages.push(v.language);

  const textField = (id: string, name: string, label: MessageId, value: string, extra: Record<string, unknown> = {}, hint?: string) => {
    const f = field(id);
    const describedBy = [hint ? `${id}-hint` : '', f.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div class="field">
        <label for={id}>{t(label)}</label>
        {hint ? (
          <p class="hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        <input id={id} name={name} value={value} type="text" {...extra} aria-invalid={f.error ? 'true' : undefined} aria-describedby={describedBy} />
        <FieldErrorMessage id={id} error={f.error} />
      </div>
    );
  };
  const selectField = (id: string, name: string, label: MessageId, children: ComponentChildren, extra: Record<string, unknown> = {}, after?: ComponentChildren) => {
    const f = field(id);
    return (
      <div class="field">
        <label for={id}>{t(label)}</label>
        <select id={id} name={name} {...f.aria} {...extra}>
          {children}
        </select>
        <FieldErrorMessage id={id} error={f.error} />
        {after}
      </div>
    );
  };

  return (
    <Layout ctx={ctx} title={title} section="invoices" island>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      <form method="post" action={p.action} class="invoice-form" id="invoice-form" noValidate data-number-locale={v.numberLocale}>
        {/* The default button: Enter in a field saves (it comes first in the form). */}
        <div class="visually-hidden" aria-hidden="true">
          <button type="submit" name="action" value="save" tabIndex={-1}>
            {t('form.save')}
          </button>
        </div>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="numberLocale" value={v.numberLocale} />
        <input type="hidden" name="billingAddressId" value={v.billingAddressId} />
        <input type="hidden" name="deliveryAddressId" value={v.deliveryAddressId} />

        <section class="form-section" aria-labelledby="parties-heading">
          <h2 id="parties-heading">{t('editor.section.parties')}</h2>
          <div class="form-grid">
            {selectField('client', 'contactId', 'editor.client', [
              <option value="">{t('editor.chooseClient')}</option>,
              ...o.contacts.map((c) => (
                <option value={String(c.id)} selected={v.contactId === String(c.id)} data-address={c.billing[0]?.text ?? ''}>
                  {c.name}
                </option>
              )),
            ], { 'aria-describedby': [field('client').error ? 'client-error' : '', 'client-address'].filter(Boolean).join(' ') }, (
              <p class="hint address" id="client-address" data-none={t('editor.noBillingAddress')}>
                {contact ? (billing?.text || t('editor.noBillingAddress')) : ''}
              </p>
            ))}
            <div class="field">
              {selectField('consignee', 'consigneeId', 'editor.consignee', [
                <option value="">{t('editor.noConsignee')}</option>,
                ...o.contacts.map((c) => (
                  <option value={String(c.id)} selected={!v.sameAsClient && v.consigneeId === String(c.id)}>
                    {c.name}
                  </option>
                )),
              ])}
              <div class="checkbox">
                <input type="checkbox" id="same-as-client" name="sameAsClient" value="1" checked={v.sameAsClient} />
                <label for="same-as-client">{t('editor.sameAsClient')}</label>
              </div>
            </div>
          </div>
        </section>

        <section class="form-section" aria-labelledby="dates-heading">
          <h2 id="dates-heading">{t('editor.section.details')}</h2>
          <div class="form-grid">
            {textField('issue-date', 'issueDate', 'editor.issueDate', v.issueDate, { type: 'date' })}
            <div class="field">
              {textField('due-date', 'dueDate', 'editor.dueDate', v.dueDate, { type: 'date' })}
              <div class="due-presets" role="group" aria-label={t('editor.duePresets')}>
                {DUE_PRESETS.map((days) => (
                  <button type="submit" name="action" value={`due:${days}`} class="button-secondary due-preset" data-days={String(days)} formNoValidate
                    aria-label={t('editor.duePreset', { count: days })}>
                    {`+${days}`}
                  </button>
                ))}
              </div>
            </div>
            {textField('number', 'number', 'editor.number', v.number, p.mode === 'edit' ? { readOnly: true } : {},
              p.mode === 'edit' ? t('editor.numberFixed') : o.autogenerated ? t('editor.numberAuto') : undefined)}
            {selectField('currency', 'currency', 'editor.currency',
              o.currencies.map((c) => (
                <option value={c.code} selected={c.code === currency} data-rate={c.rate ? formatDecimal(c.rate.toFixed(), v.numberLocale, 0, false) : ''}>
                  {`${c.code} — ${c.title}`}
                </option>
              )),
              { 'data-default': o.defaultCurrency })}
            {textField('exchange-rate', 'exchangeRate', 'editor.exchangeRate', v.exchangeRate, { inputMode: 'decimal', autocomplete: 'off' },
              t('editor.exchangeRateHint', { currency: o.defaultCurrency }))}
            {selectField('language', 'language', 'editor.language',
              languages.map((l) => (
                <option value={l} selected={v.language === l} lang={l}>
                  {l in LANGUAGE_NAMES ? t(LANGUAGE_NAMES[l as keyof typeof LANGUAGE_NAMES]) : l}
                </option>
              )))}
            {textField('po-number', 'purchaseOrderNumber', 'editor.poNumber', v.purchaseOrderNumber, { autocomplete: 'off' })}
            {selectField('opportunity', 'entityId', 'editor.opportunity', [
              <option value="">{t('editor.noOpportunity')}</option>,
              ...o.opportunities.map((op) => (
                <option value={String(op.id)} selected={v.entityId === String(op.id)}>
                  {op.title}
                </option>
              )),
            ], { 'aria-describedby': ['opportunity-hint', field('opportunity').error ? 'opportunity-error' : ''].filter(Boolean).join(' ') }, (
              <p class="hint" id="opportunity-hint">
                {t('editor.opportunityHint')}
              </p>
            ))}
          </div>
        </section>

        <section class="form-section" aria-labelledby="lines-heading">
          <h2 id="lines-heading">{t('editor.lines')}</h2>
          <LineEditor ctx={ctx} lines={v.lines} items={o.items} taxes={o.taxes} errors={errors} lineNet={p.lineNet} currency={currency} numberLocale={v.numberLocale} />
          <div class="actions line-editor-actions">
            <button type="submit" name="action" value="add-line" class="button-secondary" id="add-line" formNoValidate>
              {t('editor.addLine')}
            </button>
            <button type="submit" name="action" value="recalculate" class="button-secondary" id="recalculate" formNoValidate>
              {t('editor.recalculate')}
            </button>
          </div>
          {o.canEditCatalogue ? <InlineCreators ctx={ctx} values={v} options={o} errors={errors} /> : null}
          <div class="totals-block">
            <h3 id="totals-heading">{t('editor.totals')}</h3>
            <TotalsOutput ctx={ctx} totals={p.totals} currency={currency} numberLocale={v.numberLocale} />
          </div>
        </section>

        <section class="form-section" aria-labelledby="texts-heading">
          <h2 id="texts-heading">{t('editor.section.texts')}</h2>
          <div class="field">
            <label for="terms">{t('editor.terms')}</label>
            <textarea id="terms" name="terms" rows={3} {...field('terms').aria}>
              {v.terms}
            </textarea>
            <FieldErrorMessage id="terms" error={field('terms').error} />
          </div>
          <div class="field">
            <label for="notes">{t('editor.notes')}</label>
            <textarea id="notes" name="description" rows={3}>
              {v.description}
            </textarea>
          </div>
        </section>

        <div class="actions form-actions">
          <button type="submit" name="action" value="save" class="button-primary" id="save">
            {t('form.save')}
          </button>
          <a href={p.cancelHref} class="button button-secondary">
            {t('form.cancel')}
          </a>
          <span class="hint keyboard-hint">{t('editor.keyboardHint')}</span>
        </div>
      </form>
    </Layout>
  );
}

/** "New item…" / "New tax…": disclosures with their own fields and a submit button (admins only). */
function InlineCreators({ ctx, values: v, options: o, errors }: { ctx: WebContext; values: InvoiceFormValues; options: InvoiceFormOptions; errors: FieldError[] }) {
  const { t } = ctx;
  const open = (ids: string[]) => ids.some((id) => errors.some((e) => e.field === id));
  const input = (id: string, name: string, label: MessageId, value: string, numeric = false) => {
    const f = fieldErrorOf(errors, id);
    return (
      <div class="field">
        <label for={id}>{t(label)}</label>
        <input id={id} name={name} type="text" value={value} autocomplete="off" {...(numeric ? { inputMode: 'decimal' } : {})} {...f.aria} />
        <FieldErrorMessage id={id} error={f.error} />
      </div>
    );
  };
  return (
    <div class="inline-creators">
      <details class="inline-creator" open={open(['new-item-name', 'new-item-sku', 'new-item-price'])}>
        <summary>{t('editor.newItem')}</summary>
        <div class="inline-creator-body">
          {input('new-item-name', 'newItemTitle', 'editor.newItem.name', v.newItemTitle)}
          {input('new-item-sku', 'newItemSku', 'editor.newItem.sku', v.newItemSku)}
          {input('new-item-price', 'newItemPrice', 'editor.newItem.price', v.newItemPrice, true)}
          <button type="submit" name="action" value="new-item" class="button-secondary" formNoValidate>
            {t('editor.newItem.create')}
          </button>
        </div>
      </details>
      <details class="inline-creator" open={open(['new-tax-name', 'new-tax-rate'])}>
        <summary>{t('editor.newTax')}</summary>
        <div class="inline-creator-body">
          {input('new-tax-name', 'newTaxName', 'editor.newTax.name', v.newTaxName)}
          {input('new-tax-rate', 'newTaxRate', 'editor.newTax.rate', v.newTaxRate, true)}
          <button type="submit" name="action" value="new-tax" class="button-secondary" formNoValidate>
            {t('editor.newTax.create')}
          </button>
        </div>
      </details>
    </div>
  );
}
