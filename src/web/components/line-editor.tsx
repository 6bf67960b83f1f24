// The line editor (UI.md "Line editor"): a table of lines whose fields post as lines[N][field],
// with move/remove/add as submit buttons (they work without JavaScript; the island does the same
// in the browser), amounts in <output>s and the totals in an <output aria-live="polite">. The
// island reads what it needs from data-* attributes (item prices and taxes, tax rates, labels
// with a {n} placeholder), so it carries no strings of its own.
import type { InvoiceTotals } from '../../domain/invoices/invoice-totals.js';
import { formatDecimal, formatMoney } from '../../domain/shared/locale-number.js';
import type { FormItem, FormTax } from '../../use-cases/web/invoice-form-options.js';
import type { WebContext } from '../context.js';
import type { MessageId } from '../i18n/index.js';
import { lineFieldId, type FieldError, type LineValues } from '../screens/invoice-form-model.js';

export interface LineEditorProps {
  ctx: WebContext;
  lines: LineValues[];
  items: FormItem[];
  taxes: FormTax[];
  errors: FieldError[];
  /** Each line's amount (net, decimal text) when it can be computed. */
  lineNet: (string | undefined)[];
  currency: string;
  numberLocale: string;
}

/** Error props of a field: aria-invalid and aria-describedby pointing at its message. */
export function fieldErrorOf(errors: readonly FieldError[], id: string) {
  const e = errors.find((x) => x.field === id);
  return {
    error: e,
    aria: e ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-error` } : {},
  };
}

export function FieldErrorMessage({ id, error }: { id: string; error: FieldError | undefined }) {
  return error ? (
    <p class="error-message" id={`${id}-error`}>
      {error.message}
    </p>
  ) : null;
}

export const taxOptionLabel = (tax: FormTax, locale: string) => `${tax.name} (${formatDecimal(tax.rate.toFixed(2), locale, 2)}%)`;

function LineRow(props: { ctx: WebContext; index: number; line: LineValues; items: FormItem[]; taxes: FormTax[]; errors: FieldError[]; net: string | undefined; currency: string; numberLocale: string; count: number }) {
  const { ctx, index: i, line, errors } = props;
  const { t } = ctx;
  const n = i + 1;
  const name = (f: keyof LineValues) => `lines[${i}][${f}]`;
  // A label whose text the island renumbers: data-label keeps the {n} template.
  const Label = ({ field, msg }: { field: keyof LineValues | 'amount'; msg: MessageId }) => (
    <label for={lineFieldId(i, field)} class="line-label" data-label={t(msg, { n: '{n}' })}>
      {t(msg, { n })}
    </label>
  );
  const text = (field: 'description' | 'quantity' | 'price' | 'discount', msg: MessageId, numeric: boolean) => {
    const id = lineFieldId(i, field);
    const { error, aria } = fieldErrorOf(errors, id);
    return (
      <td class={`line-cell line-${field}`}>
        <Label field={field} msg={msg} />
        <input id={id} name={name(field)} type="text" value={line[field]} {...aria}
          {...(numeric ? { inputMode: 'decimal', autocomplete: 'off', class: 'num-input' } : { autocomplete: 'off' })} />
        <FieldErrorMessage id={id} error={error} />
      </td>
    );
  };
  const taxSelect = (field: 'tax1Id' | 'tax2Id', msg: MessageId) => {
    const id = lineFieldId(i, field);
    const { error, aria } = fieldErrorOf(errors, id);
    return (
      <td class={`line-cell line-${field}`}>
        <Label field={field} msg={msg} />
        <select id={id} name={name(field)} class="tax-select" {...aria}>
          <option value="">{t('editor.noTax')}</option>
          {props.taxes.map((tax) => (
            <option value={String(tax.id)} selected={line[field] === String(tax.id)} data-rate={tax.rate.toFixed(2)} data-name={tax.name}>
              {taxOptionLabel(tax, props.numberLocale)}
            </option>
          ))}
        </select>
        <FieldErrorMessage id={id} error={error} />
      </td>
    );
  };
  const itemId = lineFieldId(i, 'itemId');
  const itemError = fieldErrorOf(errors, itemId);
  const actionButton = (value: string, msg: MessageId, glyph: string, disabled: boolean) => (
    <button type="submit" name="action" value={value} class="button-secondary line-button" formNoValidate disabled={disabled}>
      <span aria-hidden="true">{glyph}</span>
      <span class="visually-hidden" data-label={t(msg, { n: '{n}' })}>
        {t(msg, { n })}
      </span>
    </button>
  );
  return (
    <tr class="line">
      <th scope="row" class="line-no">
        <span data-label="{n}">{n}</span>
      </th>
      <td class="line-cell line-itemId">
        <Label field="itemId" msg="editor.line.item" />
        <select id={itemId} name={name('itemId')} class="item-select" {...itemError.aria}>
          <option value="">{t('editor.chooseItem')}</option>
          {props.items.map((item) => (
            <option value={String(item.id)} selected={line.itemId === String(item.id)} data-price={item.price.toFixed(2)}
              data-description={item.description} data-tax1={item.tax1Id > 0 ? String(item.tax1Id) : ''} data-tax2={item.tax2Id > 0 ? String(item.tax2Id) : ''}>
              {item.sku ? `${item.title} (${item.sku})` : item.title}
            </option>
          ))}
        </select>
        <FieldErrorMessage id={itemId} error={itemError.error} />
      </td>
      {text('description', 'editor.line.description', false)}
      {text('quantity', 'editor.line.quantity', true)}
      {text('price', 'editor.line.price', true)}
      {text('discount', 'editor.line.discount', true)}
      {taxSelect('tax1Id', 'editor.line.tax1')}
      {taxSelect('tax2Id', 'editor.line.tax2')}
      <td class="line-cell line-amount num">
        <Label field="amount" msg="editor.line.amount" />
        <output id={lineFieldId(i, 'amount')} class="amount">
          {props.net !== undefined ? formatMoney(props.net, props.currency, props.numberLocale) : '—'}
        </output>
      </td>
      <td class="line-cell line-actions">
        <details class="line-menu" open>
          <summary data-label={t('editor.line.actions', { n: '{n}' })}>{t('editor.line.actions', { n })}</summary>
          <div class="line-menu-buttons">
            {actionButton(`up:${i}`, 'editor.line.up', '↑', i === 0)}
            {actionButton(`down:${i}`, 'editor.line.down', '↓', i === props.count - 1)}
            {actionButton(`remove:${i}`, 'editor.line.remove', '✕', false)}
          </div>
        </details>
      </td>
    </tr>
  );
}

export function LineEditor(props: LineEditorProps) {
  const { ctx } = props;
  const { t } = ctx;
  const row = (line: LineValues, i: number, count: number, net: string | undefined) => (
    <LineRow ctx={ctx} index={i} line={line} items={props.items} taxes={props.taxes} errors={props.errors} net={net}
      currency={props.currency} numberLocale={props.numberLocale} count={count} />
  );
  const blank: LineValues = { itemId: '', description: '', quantity: '1', price: '', discount: '', tax1Id: '', tax2Id: '' };
  return (
    <div class="line-editor">
      <table class="lines-table" id="lines-table">
        <caption class="visually-hidden">{t('editor.lines')}</caption>
        <thead>
          <tr>
            <th scope="col" class="line-no">
              <span class="visually-hidden">{t('editor.col.no')}</span>
            </th>
            <th scope="col">{t('editor.col.item')}</th>
            <th scope="col">{t('editor.col.description')}</th>
            <th scope="col" class="num">{t('editor.col.quantity')}</th>
            <th scope="col" class="num">{t('editor.col.price')}</th>
            <th scope="col" class="num">{t('editor.col.discount')}</th>
            <th scope="col">{t('editor.col.tax1')}</th>
            <th scope="col">{t('editor.col.tax2')}</th>
            <th scope="col" class="num">{t('editor.col.amount')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('editor.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody id="lines-body">{props.lines.map((l, i) => row(l, i, props.lines.length, props.lineNet[i]))}</tbody>
      </table>
      {/* A blank line for the island to add (inert until cloned; renumbered on insertion). */}
      <template id="line-template">{row(blank, 0, 1, undefined)}</template>
    </div>
  );
}

export function TotalsOutput({ ctx, totals, currency, numberLocale }: { ctx: WebContext; totals: InvoiceTotals; currency: string; numberLocale: string }) {
  const { t } = ctx;
  const money = (d: { toFixed(n: number): string }) => formatMoney(d.toFixed(2), currency, numberLocale);
  const hasDiscount = !totals.discount.isZero();
  return (
    <output id="invoice-totals" class="totals" aria-live="polite" data-currency={currency}
      data-l-gross={t('editor.totals.gross')} data-l-discount={t('editor.totals.discount')}
      data-l-subtotal={t('editor.totals.subtotal')} data-l-total={t('editor.totals.total')}>
      {hasDiscount ? <TotalsRow label={t('editor.totals.gross')} value={money(totals.gross)} /> : null}
      {hasDiscount ? <TotalsRow label={t('editor.totals.discount')} value={`−${money(totals.discount)}`} /> : null}
      <TotalsRow label={t('editor.totals.subtotal')} value={money(totals.subtotal)} />
      {totals.taxes.map((x) => (
        <TotalsRow label={`${x.tax.name} (${formatDecimal(x.tax.rate.toFixed(2), numberLocale, 2)}%)`} value={money(x.amount)} />
      ))}
      <TotalsRow label={t('editor.totals.total')} value={money(totals.total)} strong />
    </output>
  );
}

function TotalsRow({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <span class={strong ? 'totals-row totals-total' : 'totals-row'}>
      <span class="totals-label">{label}</span> <span class="totals-value">{value}</span>
    </span>
  );
}
