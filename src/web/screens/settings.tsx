// Screen 7: settings (administrators). One page, six sections, each its own POST form with its own
// success notice: numbering (with the next number), default terms, organisation (with the logo),
// seller data for e-invoices, default currency and exchange rates. A refused form comes back with
// 422: its section keeps every typed value, the error summary on top links to the fields.
import type { ComponentChildren } from 'preact';
import type { CurrencyInfo } from '../../domain/currencies/catalogue.js';
import type { CurrencyRate } from '../../domain/currencies/currency-rates.js';
import type { SellerEinvoiceSettings } from '../../domain/einvoice/einvoice-settings.js';
import { formatDecimal } from '../../domain/shared/locale-number.js';
import type { WebContext } from '../context.js';
import { CsrfField, ErrorSummary, Layout } from '../components/layout.js';
import type { MessageId } from '../i18n/index.js';
import {
  CheckboxField, errorOf, Notice, summaryOf, NumberField, SelectField, TextAreaField, TextField, type FieldError,
} from './admin-form.js';

export type SettingsSection = 'numbering' | 'terms' | 'org' | 'seller' | 'currency' | 'rates';

export interface NumberingValues {
  auto: boolean;
  prefix: string;
  next: string;
}

export interface OrgValues {
  name: string;
  street: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  removeLogo: boolean;
}

export type SellerValues = Record<keyof SellerEinvoiceSettings, string>;

export interface RateAddValues {
  from: string;
  to: string;
  rate: string;
}

/** The values each section shows: the stored ones, or the typed ones of a refused form. */
export interface SettingsValues {
  numbering: NumberingValues;
  terms: string;
  org: OrgValues;
  seller: SellerValues;
  currency: string;
  rateAdd: RateAddValues;
  /** Typed rate per stored rate id (a refused update keeps its text). */
  rateEdits: Record<number, string>;
}

export interface SettingsPageProps {
  ctx: WebContext;
  values: SettingsValues;
  /** The next invoice number as the server would assign it now (or as the typed series would start). */
  nextNumber: string;
  logoId: number;
  currencies: readonly CurrencyInfo[];
  rates: readonly CurrencyRate[];
  errors: FieldError[];
  /** The section a success notice belongs to (after the redirect), with its message. */
  notice?: { section: SettingsSection; text: string } | undefined;
}

/** The seller fields in the order the form shows them, grouped. */
export const SELLER_GROUPS: { legend: MessageId; fields: { key: keyof SellerEinvoiceSettings; hint?: MessageId }[] }[] = [
  {
    legend: 'settings.seller.identity',
    fields: [
      { key: 'vatId', hint: 'settings.seller.vatIdHint' },
      { key: 'taxRegistrationId' },
      { key: 'legalRegistrationId' },
      { key: 'legalRegistrationScheme', hint: 'settings.seller.legalRegistrationSchemeHint' },
      { key: 'countryCode', hint: 'settings.seller.countryCodeHint' },
      { key: 'electronicAddress' },
      { key: 'electronicAddressScheme', hint: 'settings.seller.electronicAddressSchemeHint' },
    ],
  },
  {
    legend: 'settings.seller.payment',
    fields: [{ key: 'iban' }, { key: 'bic' }, { key: 'accountName' }, { key: 'paymentMeansCode', hint: 'settings.seller.paymentMeansCodeHint' }],
  },
  { legend: 'settings.seller.contact', fields: [{ key: 'contactName' }, { key: 'contactPhone' }, { key: 'contactEmail' }] },
  {
    legend: 'settings.seller.vat',
    fields: [{ key: 'untaxedCategoryCode' }, { key: 'exemptionReason' }, { key: 'exemptionReasonCode', hint: 'settings.seller.exemptionReasonCodeHint' }],
  },
];

/** Every field's label by id, for the error summary. */
function fieldLabels(ctx: WebContext, rates: readonly CurrencyRate[]): Record<string, string> {
  const { t } = ctx;
  const labels: Record<string, string> = {
    'numbering-prefix': t('settings.numbering.prefix'), 'numbering-next': t('settings.numbering.next'), 'terms-text': t('settings.terms.field'),
    'org-name': t('settings.org.name'), 'org-street': t('settings.org.street'), 'org-city': t('settings.org.city'), 'org-state': t('settings.org.state'),
    'org-zip': t('settings.org.zip'), 'org-country': t('settings.org.country'), 'org-logo': t('settings.org.logo'),
    'currency-default': t('settings.currency.field'), 'rate-from': t('settings.rates.from'), 'rate-to': t('settings.rates.to'), 'rate-value': t('settings.rates.rate'),
  };
  for (const g of SELLER_GROUPS) for (const { key } of g.fields) labels[`seller-${key}`] = t(`settings.seller.${key}`);
  for (const r of rates) labels[`rate-${r.id}`] = t('settings.rates.rateFor', { from: r.fromCurrency, to: r.toCurrency });
  return labels;
}

function Section({ id, title, notice, children }: { id: SettingsSection; title: string; notice: string | undefined; children: ComponentChildren }) {
  return (
    <section class="settings-section" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {notice ? <Notice>{notice}</Notice> : null}
      {children}
    </section>
  );
}

function SaveButton({ ctx, section }: { ctx: WebContext; section: string }) {
  return (
    <button type="submit" class="button-primary">
      {ctx.t('settings.save')}
      <span class="visually-hidden">{` ${section}`}</span>
    </button>
  );
}

export function SettingsPage({ ctx, values, nextNumber, logoId, currencies, rates, errors, notice }: SettingsPageProps) {
  const { t } = ctx;
  const e = (f: string) => errorOf(errors, f);
  const noticeFor = (s: SettingsSection) => (notice?.section === s ? notice.text : undefined);
  const currencyOptions = currencies.map((c): [string, string] => [c.abbreviation, `${c.abbreviation} — ${c.title}`]);
  const { numbering: n, org, seller, rateAdd } = values;
  return (
    <Layout ctx={ctx} title={t('settings.title')} section="settings">
      <h1>{t('settings.title')}</h1>
      <ErrorSummary ctx={ctx} errors={summaryOf(errors, fieldLabels(ctx, rates))} />
      <nav class="settings-toc" aria-label={t('settings.title')}>
        <ul>
          {(['numbering', 'terms', 'org', 'seller', 'currency', 'rates'] as const).map((s) => (
            <li>
              <a href={`#${s}`}>{t(`settings.${s}`)}</a>
            </li>
          ))}
        </ul>
      </nav>

      <Section id="numbering" title={t('settings.numbering')} notice={noticeFor('numbering')}>
        <form method="post" action="/app/settings/numbering" class="admin-form" novalidate>
          <CsrfField ctx={ctx} />
          <CheckboxField id="numbering-auto" name="auto" label={t('settings.numbering.auto')} hint={t('settings.numbering.autoHint')} checked={n.auto} />
          <div class="admin-pair">
            <TextField id="numbering-prefix" name="prefix" label={t('settings.numbering.prefix')} value={n.prefix} maxLength={255} error={e('numbering-prefix')} class="field-short" />
            <TextField
              id="numbering-next"
              name="next"
              label={t('settings.numbering.next')}
              value={n.next}
              hint={t('settings.numbering.nextHint')}
              error={e('numbering-next')}
              class="field-short"
            />
          </div>
          <p class="settings-preview">
            <span>{t('settings.numbering.previewLabel')}: </span>
            <output for="numbering-prefix numbering-next" aria-live="polite">
              {n.auto ? <strong class="admin-name">{nextNumber}</strong> : t('settings.numbering.manual')}
            </output>
          </p>
          <div class="actions">
            <SaveButton ctx={ctx} section={t('settings.numbering')} />
            <button type="submit" name="preview" value="1" class="button-secondary">
              {t('settings.numbering.preview')}
            </button>
          </div>
        </form>
      </Section>

      <Section id="terms" title={t('settings.terms')} notice={noticeFor('terms')}>
        <form method="post" action="/app/settings/terms" class="admin-form" novalidate>
          <CsrfField ctx={ctx} />
          <TextAreaField id="terms-text" name="terms" label={t('settings.terms.field')} hint={t('settings.terms.hint')} value={values.terms} rows={5} error={e('terms-text')} />
          <div class="actions">
            <SaveButton ctx={ctx} section={t('settings.terms')} />
          </div>
        </form>
      </Section>

      <Section id="org" title={t('settings.org')} notice={noticeFor('org')}>
        <form method="post" action="/app/settings/organisation" enctype="multipart/form-data" class="admin-form" novalidate>
          <CsrfField ctx={ctx} />
          <TextField id="org-name" name="name" label={t('settings.org.name')} value={org.name} maxLength={255} error={e('org-name')} autocomplete="organization" />
          <TextField id="org-street" name="street" label={t('settings.org.street')} value={org.street} maxLength={255} error={e('org-street')} autocomplete="street-address" />
          <div class="admin-pair">
            <TextField id="org-city" name="city" label={t('settings.org.city')} value={org.city} maxLength={255} error={e('org-city')} autocomplete="address-level2" />
            <TextField id="org-state" name="state" label={t('settings.org.state')} value={org.state} maxLength={255} error={e('org-state')} autocomplete="address-level1" />
          </div>
          <div class="admin-pair">
            <TextField id="org-zip" name="zip" label={t('settings.org.zip')} value={org.zip} maxLength={255} error={e('org-zip')} autocomplete="postal-code" class="field-short" />
            <TextField id="org-country" name="country" label={t('settings.org.country')} value={org.country} maxLength={255} error={e('org-country')} autocomplete="country-name" />
          </div>
          <div class="settings-logo">
            {logoId > 0 ? (
              <figure>
                <img src={`/app/settings/logo?v=${logoId}`} alt={t('settings.org.currentLogo')} class="settings-logo-img" />
                <figcaption class="hint">{t('settings.org.currentLogo')}</figcaption>
              </figure>
            ) : (
              <p class="hint">{t('settings.org.noLogo')}</p>
            )}
            <div class="field">
              <label for="org-logo">{t('settings.org.logo')}</label>
              <span class="hint" id="org-logo-hint">
                {t('settings.org.logoHint')}
              </span>
              {e('org-logo') ? (
                <p class="error-message" id="org-logo-error">
                  {e('org-logo')}
                </p>
              ) : null}
              <input
                id="org-logo"
                name="logo"
                type="file"
                accept="image/png,image/jpeg,image/gif,image/svg+xml"
                aria-invalid={e('org-logo') ? 'true' : undefined}
                aria-describedby={e('org-logo') ? 'org-logo-hint org-logo-error' : 'org-logo-hint'}
              />
            </div>
            {logoId > 0 ? <CheckboxField id="org-remove-logo" name="removeLogo" label={t('settings.org.removeLogo')} checked={org.removeLogo} /> : null}
          </div>
          <div class="actions">
            <SaveButton ctx={ctx} section={t('settings.org')} />
          </div>
        </form>
      </Section>

      <Section id="seller" title={t('settings.seller')} notice={noticeFor('seller')}>
        <p class="hint">{t('settings.seller.intro')}</p>
        <form method="post" action="/app/settings/seller" class="admin-form" novalidate>
          <CsrfField ctx={ctx} />
          {SELLER_GROUPS.map((g) => (
            <fieldset class="settings-fieldset">
              <legend>{t(g.legend)}</legend>
              {g.fields.map(({ key, hint }) =>
                key === 'untaxedCategoryCode' ? (
                  <SelectField
                    id={`seller-${key}`}
                    name={key}
                    label={t(`settings.seller.${key}`)}
                    value={seller[key]}
                    options={[
                      ['', t('settings.seller.untaxedDefault')],
                      ['O', t('settings.seller.untaxedO')],
                      ['E', t('settings.seller.untaxedE')],
                    ]}
                    error={e(`seller-${key}`)}
                  />
                ) : key === 'exemptionReason' ? (
                  <TextAreaField id={`seller-${key}`} name={key} label={t(`settings.seller.${key}`)} value={seller[key]} rows={2} maxLength={1000} error={e(`seller-${key}`)} />
                ) : (
                  <TextField
                    id={`seller-${key}`}
                    name={key}
                    label={t(`settings.seller.${key}`)}
                    value={seller[key]}
                    maxLength={255}
                    hint={hint ? t(hint) : undefined}
                    error={e(`seller-${key}`)}
                    type={key === 'contactEmail' ? 'email' : key === 'contactPhone' ? 'tel' : 'text'}
                  />
                ),
              )}
            </fieldset>
          ))}
          <div class="actions">
            <SaveButton ctx={ctx} section={t('settings.seller')} />
          </div>
        </form>
      </Section>

      <Section id="currency" title={t('settings.currency')} notice={noticeFor('currency')}>
        <form method="post" action="/app/settings/currency" class="admin-form" novalidate>
          <CsrfField ctx={ctx} />
          <SelectField
            id="currency-default"
            name="currency"
            label={t('settings.currency.field')}
            hint={t('settings.currency.hint')}
            value={values.currency}
            options={currencyOptions}
            error={e('currency-default')}
          />
          <div class="actions">
            <SaveButton ctx={ctx} section={t('settings.currency')} />
          </div>
        </form>
      </Section>

      <Section id="rates" title={t('settings.rates')} notice={noticeFor('rates')}>
        <p class="hint">{t('settings.rates.intro')}</p>
        {rates.length === 0 ? (
          <p class="admin-empty">{t('settings.rates.empty')}</p>
        ) : (
          <table class="admin-table settings-rates">
            <caption class="visually-hidden">{t('settings.rates.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settings.rates.col.pair')}</th>
                <th scope="col">{t('settings.rates.col.rate')}</th>
                <th scope="col">{t('settings.rates.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rates.map((r) => {
                const pair = { from: r.fromCurrency, to: r.toCurrency };
                const fieldId = `rate-${r.id}`;
                const typed = values.rateEdits[r.id];
                return (
                  <tr>
                    <th scope="row" data-label={t('settings.rates.col.pair')}>
                      {t('settings.rates.pair', pair)}
                    </th>
                    <td data-label={t('settings.rates.col.rate')}>
                      <form method="post" action="/app/settings/rates" class="settings-rate-form" novalidate>
                        <CsrfField ctx={ctx} />
                        <input type="hidden" name="action" value="update" />
                        <input type="hidden" name="id" value={String(r.id)} />
                        <label for={fieldId} class="visually-hidden">
                          {t('settings.rates.rateFor', pair)}
                        </label>
                        <input
                          id={fieldId}
                          name="rate"
                          type="text"
                          inputMode="decimal"
                          autocomplete="off"
                          value={typed ?? formatDecimal(r.rate.toString(), ctx.numberLocale, 2, false)}
                          aria-invalid={e(fieldId) ? 'true' : undefined}
                          aria-describedby={e(fieldId) ? `${fieldId}-error` : undefined}
                        />
                        <button type="submit" class="button-secondary" aria-label={t('settings.rates.updateFor', pair)}>
                          {t('settings.rates.update')}
                        </button>
                        {e(fieldId) ? (
                          <p class="error-message" id={`${fieldId}-error`}>
                            {e(fieldId)}
                          </p>
                        ) : null}
                      </form>
                    </td>
                    <td data-label={t('settings.rates.col.actions')}>
                      <form method="post" action="/app/settings/rates" class="inline-form">
                        <CsrfField ctx={ctx} />
                        <input type="hidden" name="action" value="delete" />
                        <input type="hidden" name="id" value={String(r.id)} />
                        <button type="submit" class="button-link" aria-label={t('settings.rates.deleteFor', pair)}>
                          {t('admin.delete')}
                        </button>
                      </form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <h3>{t('settings.rates.add')}</h3>
        <form method="post" action="/app/settings/rates" class="admin-form" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="action" value="add" />
          <div class="admin-pair">
            <SelectField id="rate-from" name="from" label={t('settings.rates.from')} value={rateAdd.from} options={currencyOptions} error={e('rate-from')} />
            <SelectField id="rate-to" name="to" label={t('settings.rates.to')} value={rateAdd.to} options={currencyOptions} error={e('rate-to')} />
          </div>
          <NumberField
            id="rate-value"
            name="rate"
            label={t('settings.rates.rate')}
            value={rateAdd.rate}
            class="field-short"
            hint={t('settings.rates.rateHint', { example: formatDecimal('1.085', ctx.numberLocale) })}
            error={e('rate-value')}
          />
          <div class="actions">
            <button type="submit" class="button-primary">
              {t('settings.rates.addSubmit')}
            </button>
          </div>
        </form>
      </Section>
    </Layout>
  );
}
