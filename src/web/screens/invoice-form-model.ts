// The invoice form's values (screen 4) as the browser holds them: text exactly as typed, so a
// re-rendered form keeps every value. Reading a post, loading an invoice, the no-JS line actions
// (add, move, remove, due presets, recalculate) and parsing into the use case's InvoiceInput with
// field errors in the UI language. Numbers are read with the form's number locale.
import type { InvoiceLineInput, InvoiceInput } from '../../domain/invoices/validate-invoice.js';
import type { Invoice, InvoiceLine } from '../../domain/invoices/invoice.js';
import { computeInvoiceTotals, type InvoiceTotals, type TotalsTax } from '../../domain/invoices/invoice-totals.js';
import { Decimal, MAX_AMOUNT, round2Away, round6Away, ZERO } from '../../domain/money.js';
import { formatDecimal, parseLocaleNumber, separatorsOf } from '../../domain/shared/locale-number.js';
import { localDate } from '../../domain/shared/time-zone.js';
import { parseApiDate } from '../../http/wire-date.js';
import type { FormItem, InvoiceFormOptions } from '../../use-cases/web/invoice-form-options.js';
import type { WebForm } from '../form.js';
import type { MessageId, Translate } from '../i18n/index.js';

/** Number locales a form may be read in: the UI's own, and a few more people type in (UI.md). */
export const FORM_NUMBER_LOCALES = ['en-US', 'en-GB', 'ru-RU', 'de-DE', 'fr-FR'] as const;
/** Invoice languages offered for the printed labels (spec §3.2: en, ru, de complete). */
export const DOCUMENT_LANGUAGES = ['en-US', 'en-GB', 'de-DE', 'de-AT', 'ru-RU'] as const;
export const DUE_PRESETS = [7, 14, 30] as const;

export interface LineValues {
  itemId: string;
  description: string;
  quantity: string;
  price: string;
  discount: string;
  tax1Id: string;
  tax2Id: string;
}

export interface InvoiceFormValues {
  contactId: string;
  consigneeId: string;
  sameAsClient: boolean;
  billingAddressId: string;
  deliveryAddressId: string;
  issueDate: string;
  dueDate: string;
  number: string;
  currency: string;
  exchangeRate: string;
  language: string;
  purchaseOrderNumber: string;
  entityId: string;
  terms: string;
  description: string;
  lines: LineValues[];
  newItemTitle: string;
  newItemSku: string;
  newItemPrice: string;
  newTaxName: string;
  newTaxRate: string;
  numberLocale: string;
}

export interface FieldError {
  /** The id of the field the message is about (the summary links to it). */
  field: string;
  message: string;
}

export const LINE_FIELDS = ['itemId', 'description', 'quantity', 'price', 'discount', 'tax1Id', 'tax2Id'] as const;
export const lineFieldId = (i: number, field: (typeof LINE_FIELDS)[number] | 'amount'): string => `line-${i}-${field}`;

export const emptyLine = (): LineValues => ({ itemId: '', description: '', quantity: '1', price: '', discount: '', tax1Id: '', tax2Id: '' });

const isBlankLine = (l: LineValues): boolean =>
  (l.itemId === '' || l.itemId === '0') && l.description.trim() === '' && l.price.trim() === '';

/** A decimal for an input's value: locale separators, no grouping, at least `minDigits` decimals. */
export const inputNumber = (d: Decimal, locale: string, minDigits = 0): string => formatDecimal(d.toFixed(), locale, minDigits, false);

export function numberLocaleOf(text: string | undefined, fallback: string): string {
  return (FORM_NUMBER_LOCALES as readonly string[]).includes(text ?? '') ? text! : fallback;
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A blank new invoice: today, due in 30 days, the default currency and terms, one empty line. */
export function newInvoiceValues(options: InvoiceFormOptions, today: string, numberLocale: string): InvoiceFormValues {
  return {
    contactId: '', consigneeId: '', sameAsClient: false, billingAddressId: '', deliveryAddressId: '',
    issueDate: today, dueDate: addDays(today, 30), number: '', currency: options.defaultCurrency, exchangeRate: '1',
    language: 'en-US', purchaseOrderNumber: '', entityId: '', terms: options.defaultTerms, description: '',
    lines: [emptyLine()],
    newItemTitle: '', newItemSku: '', newItemPrice: '', newTaxName: '', newTaxRate: '',
    numberLocale,
  };
}

/** The values of a stored invoice (edit), or a copy of it (duplicate: no number, today's dates, same term). */
export function invoiceValues(invoice: Invoice, lines: readonly InvoiceLine[], timeZone: string, numberLocale: string, duplicateOn?: string): InvoiceFormValues {
  const issue = localDate(invoice.issueDate.getTime(), timeZone);
  const due = localDate(invoice.dueDate.getTime(), timeZone);
  const termDays = Math.max(0, Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${issue}T00:00:00Z`)) / 86_400_000));
  const id = (n: number) => (n > 0 ? String(n) : '');
  return {
    contactId: id(invoice.contactId),
    consigneeId: id(invoice.consigneeId),
    sameAsClient: invoice.consigneeId > 0 && invoice.consigneeId === invoice.contactId,
    billingAddressId: id(invoice.billingAddressId),
    deliveryAddressId: id(invoice.deliveryAddressId),
    issueDate: duplicateOn ?? issue,
    dueDate: duplicateOn ? addDays(duplicateOn, termDays) : due,
    number: duplicateOn ? '' : invoice.number,
    currency: invoice.currency,
    exchangeRate: inputNumber(invoice.exchangeRate, numberLocale),
    language: invoice.language,
    purchaseOrderNumber: invoice.purchaseOrderNumber,
    entityId: id(invoice.entityId),
    terms: invoice.terms,
    description: invoice.description,
    lines: lines.map((l) => ({
      itemId: id(l.itemId),
      description: l.description,
      quantity: inputNumber(l.quantity, numberLocale),
      price: inputNumber(l.price, numberLocale, 2),
      discount: l.discount.isZero() ? '' : inputNumber(l.discount, numberLocale),
      tax1Id: id(l.tax1Id),
      tax2Id: id(l.tax2Id),
    })),
    newItemTitle: '', newItemSku: '', newItemPrice: '', newTaxName: '', newTaxRate: '',
    numberLocale,
  };
}

/** The values of a posted form, as typed. */
export function postedValues(form: WebForm, fallbackLocale: string): InvoiceFormValues {
  const lines = form.rows('lines').map((r) => ({
    itemId: (r.itemId ?? '').trim(),
    description: r.description ?? '',
    quantity: r.quantity ?? '',
    price: r.price ?? '',
    discount: r.discount ?? '',
    tax1Id: (r.tax1Id ?? '').trim(),
    tax2Id: (r.tax2Id ?? '').trim(),
  }));
  return {
    contactId: form.text('contactId'),
    consigneeId: form.text('consigneeId'),
    sameAsClient: form.has('sameAsClient'),
    billingAddressId: form.text('billingAddressId'),
    deliveryAddressId: form.text('deliveryAddressId'),
    issueDate: form.text('issueDate'),
    dueDate: form.text('dueDate'),
    number: form.get('number') ?? '',
    currency: form.text('currency'),
    exchangeRate: form.get('exchangeRate') ?? '',
    language: form.text('language'),
    purchaseOrderNumber: form.get('purchaseOrderNumber') ?? '',
    entityId: form.text('entityId'),
    terms: form.get('terms') ?? '',
    description: form.get('description') ?? '',
    lines: lines.length > 0 ? lines : [emptyLine()],
    newItemTitle: form.get('newItemTitle') ?? '',
    newItemSku: form.get('newItemSku') ?? '',
    newItemPrice: form.get('newItemPrice') ?? '',
    newTaxName: form.get('newTaxName') ?? '',
    newTaxRate: form.get('newTaxRate') ?? '',
    numberLocale: numberLocaleOf(form.get('numberLocale'), fallbackLocale),
  };
}

// ---------------------------------------------------------------------------------------------
// Actions without JavaScript (the island does the same in the browser).

export type FormAction =
  | { kind: 'save' }
  | { kind: 'recalculate' }
  | { kind: 'add-line' }
  | { kind: 'new-item' }
  | { kind: 'new-tax' }
  | { kind: 'up' | 'down' | 'remove'; line: number }
  | { kind: 'due'; days: number };

export function parseAction(text: string | undefined): FormAction {
  const t = (text ?? '').trim();
  if (t === 'recalculate' || t === 'add-line' || t === 'new-item' || t === 'new-tax') return { kind: t };
  const m = /^(up|down|remove|due):(\d{1,4})$/.exec(t);
  if (m) return m[1] === 'due' ? { kind: 'due', days: Number(m[2]) } : { kind: m[1] as 'up' | 'down' | 'remove', line: Number(m[2]) };
  return { kind: 'save' };
}

/** Applies a line or date action to the values (a new object; nothing else changes). */
export function applyLineAction(v: InvoiceFormValues, action: FormAction): InvoiceFormValues {
  const lines = [...v.lines];
  switch (action.kind) {
    case 'add-line':
      lines.push(emptyLine());
      break;
    case 'up':
    case 'down': {
      const j = action.kind === 'up' ? action.line - 1 : action.line + 1;
      if (action.line < lines.length && j >= 0 && j < lines.length) [lines[action.line], lines[j]] = [lines[j]!, lines[action.line]!];
      break;
    }
    case 'remove':
      if (action.line < lines.length) lines.splice(action.line, 1);
      if (lines.length === 0) lines.push(emptyLine());
      break;
    case 'due': {
      const from = ISO_DATE.test(v.issueDate) ? v.issueDate : undefined;
      return from ? { ...v, dueDate: addDays(from, action.days) } : v;
    }
    default:
      return v;
  }
  return { ...v, lines };
}

/** Recalculate without JS: a line with a picked item and no description/price gets the item's. */
export function fillFromItems(v: InvoiceFormValues, items: ReadonlyMap<number, FormItem>): InvoiceFormValues {
  return {
    ...v,
    lines: v.lines.map((l) => {
      const item = items.get(Number(l.itemId));
      if (!item) return l;
      const fresh = l.description.trim() === '' && l.price.trim() === '';
      return {
        ...l,
        description: l.description.trim() === '' ? item.description : l.description,
        price: l.price.trim() === '' ? inputNumber(item.price, v.numberLocale, 2) : l.price,
        quantity: l.quantity.trim() === '' ? '1' : l.quantity,
        tax1Id: fresh && l.tax1Id === '' && item.tax1Id > 0 ? String(item.tax1Id) : l.tax1Id,
        tax2Id: fresh && l.tax2Id === '' && item.tax2Id > 0 ? String(item.tax2Id) : l.tax2Id,
      };
    }),
  };
}

/** Puts a just-created item on the last empty line, or on a new line, with its values. */
export function placeNewItem(v: InvoiceFormValues, item: FormItem): InvoiceFormValues {
  const lines = [...v.lines];
  let at = -1;
  for (let i = lines.length - 1; i >= 0; i--) if (isBlankLine(lines[i]!)) at = i;
  const line: LineValues = {
    ...(at >= 0 ? lines[at]! : emptyLine()),
    itemId: String(item.id),
    description: item.description,
    price: inputNumber(item.price, v.numberLocale, 2),
    tax1Id: item.tax1Id > 0 ? String(item.tax1Id) : '',
    tax2Id: item.tax2Id > 0 ? String(item.tax2Id) : '',
  };
  if (line.quantity.trim() === '') line.quantity = '1';
  if (at >= 0) lines[at] = line;
  else lines.push(line);
  return { ...v, lines, newItemTitle: '', newItemSku: '', newItemPrice: '' };
}

// ---------------------------------------------------------------------------------------------
// Reading numbers and the whole form.

export type NumberRead = { ok: true; value: Decimal } | { ok: false; message: string };

/** Reads a typed number in the form's locale; the message (UI language) says how to write it. */
export function readNumber(text: string, locale: string, t: Translate): NumberRead {
  const r = parseLocaleNumber(text, locale);
  if (r.ok) return { ok: true, value: new Decimal(r.value) };
  if (r.reason === 'empty') return { ok: false, message: t('number.empty') };
  if (r.reason === 'ambiguous') {
    const { decimal } = separatorsOf(locale);
    const trimmed = text.trim();
    // The one mark read as grouping (`1234`) or as the decimal separator (`1,234` in de-DE).
    const asGroups = trimmed.replace(/[^\d-]/g, '');
    const other = trimmed.replace(/[^\d-]/, decimal);
    return { ok: false, message: t('number.ambiguous', { value: trimmed, a: asGroups, b: other }) };
  }
  return { ok: false, message: t('number.invalid', { example: formatDecimal('1234.5', locale, 2, false) }) };
}

export interface ParsedForm {
  input: InvoiceInput | undefined;
  errors: FieldError[];
}

export interface ParseContext {
  t: Translate;
  timeZone: string;
  options: InvoiceFormOptions;
}

/** The form as the use case's input, or the field errors (in form order). */
export function parseInvoiceForm(v: InvoiceFormValues, c: ParseContext): ParsedForm {
  const { t } = c;
  const errors: FieldError[] = [];
  const fail = (field: string, label: MessageId, message: string) => errors.push({ field, message: `${t(label)}: ${message}` });
  const loc = v.numberLocale;
  const int = (s: string) => (/^\d{1,9}$/.test(s) ? Number(s) : 0);

  const contactId = int(v.contactId);
  const contact = c.options.contacts.find((x) => x.id === contactId);
  if (!contact) fail('client', 'editor.client', t('editor.error.client'));
  const consigneeId = v.sameAsClient ? contactId : int(v.consigneeId);
  const consignee = c.options.contacts.find((x) => x.id === consigneeId);

  const issueDate = ISO_DATE.test(v.issueDate) ? parseApiDate(v.issueDate, c.timeZone) : undefined;
  if (!issueDate) fail('issue-date', 'editor.issueDate', t('editor.error.date'));
  const dueDate = ISO_DATE.test(v.dueDate) ? parseApiDate(v.dueDate, c.timeZone) : undefined;
  if (!dueDate) fail('due-date', 'editor.dueDate', t('editor.error.date'));
  else if (issueDate && dueDate.getTime() < issueDate.getTime()) fail('due-date', 'editor.dueDate', t('editor.error.dueBeforeIssue'));

  if (v.number.length > 255) fail('number', 'editor.number', t('editor.error.tooLong', { max: 255 }));
  if (!c.options.autogenerated && v.number.trim() === '') fail('number', 'editor.number', t('editor.error.numberRequired'));

  const currency = v.currency.toUpperCase();
  if (!c.options.currencies.some((x) => x.code === currency)) fail('currency', 'editor.currency', t('editor.error.currency'));
  let exchangeRate = ZERO;
  const rate = readNumber(v.exchangeRate, loc, t);
  if (!rate.ok) fail('exchange-rate', 'editor.exchangeRate', rate.message);
  else if (!round6Away(rate.value).greaterThan(ZERO) || rate.value.greaterThan(MAX_AMOUNT)) fail('exchange-rate', 'editor.exchangeRate', t('editor.error.positive'));
  else exchangeRate = rate.value;

  const language = v.language.trim();
  if (language !== '' && !(DOCUMENT_LANGUAGES as readonly string[]).includes(language)) {
    try {
      Intl.getCanonicalLocales(language);
    } catch {
      fail('language', 'editor.language', t('editor.error.language'));
    }
  }
  if (v.purchaseOrderNumber.length > 255) fail('po-number', 'editor.poNumber', t('editor.error.tooLong', { max: 255 }));
  const entityId = int(v.entityId);
  if (entityId > 0 && !c.options.opportunities.some((o) => o.id === entityId)) fail('opportunity', 'editor.opportunity', t('editor.error.opportunity'));
  if (v.terms.trim() === '') fail('terms', 'editor.terms', t('editor.error.terms'));

  const items = new Map(c.options.items.map((i) => [i.id, i]));
  const taxIds = new Set(c.options.taxes.map((x) => x.id));
  const lines: InvoiceLineInput[] = [];
  v.lines.forEach((l, i) => {
    if (isBlankLine(l)) return;
    const n = i + 1;
    const lineFail = (field: (typeof LINE_FIELDS)[number], label: MessageId, message: string) =>
      errors.push({ field: lineFieldId(i, field), message: `${t(label, { n })}: ${message}` });
    const item = items.get(int(l.itemId));
    if (!item) lineFail('itemId', 'editor.line.item', t('editor.error.lineItem'));
    const num = (field: 'quantity' | 'price' | 'discount', label: MessageId, text: string, fallback: Decimal | undefined, max: Decimal): Decimal => {
      if (text.trim() === '' && fallback) return fallback;
      const r = readNumber(text, loc, t);
      if (!r.ok) {
        lineFail(field, label, r.message);
        return ZERO;
      }
      if (r.value.isNegative() && !r.value.isZero()) lineFail(field, label, t('editor.error.negative'));
      else if (round2Away(r.value).greaterThan(max)) lineFail(field, label, t('editor.error.max', { max: formatDecimal(max.toFixed(), loc, 0) }));
      return r.value;
    };
    const quantity = num('quantity', 'editor.line.quantity', l.quantity, undefined, MAX_AMOUNT);
    const price = num('price', 'editor.line.price', l.price, item?.price, MAX_AMOUNT);
    const discount = num('discount', 'editor.line.discount', l.discount, ZERO, new Decimal(100));
    const tax = (field: 'tax1Id' | 'tax2Id', label: MessageId, text: string): number => {
      const id = int(text);
      if (id > 0 && !taxIds.has(id)) lineFail(field, label, t('editor.error.tax'));
      return id;
    };
    lines.push({
      itemId: item?.id ?? 0,
      description: l.description.trim(),
      quantity,
      price,
      discount,
      tax1Id: tax('tax1Id', 'editor.line.tax1', l.tax1Id),
      tax2Id: tax('tax2Id', 'editor.line.tax2', l.tax2Id),
    });
  });
  if (lines.length === 0) errors.push({ field: lineFieldId(0, 'itemId'), message: t('editor.error.noLines') });
  if (errors.length > 0) return { input: undefined, errors };

  // Addresses: the one the invoice had when it is still the contact's, else the contact's first.
  const pick = (list: { id: number }[] | undefined, current: string) =>
    list?.find((a) => a.id === int(current))?.id ?? list?.[0]?.id ?? 0;
  return {
    errors,
    input: {
      number: v.number.trim(),
      issueDate,
      dueDate,
      templateType: 0,
      contactId,
      consigneeId,
      entityId,
      billingAddressId: pick(contact?.billing, v.billingAddressId),
      deliveryAddressId: consigneeId > 0 ? pick(consignee?.delivery, v.deliveryAddressId) : 0,
      language,
      currency,
      exchangeRate,
      purchaseOrderNumber: v.purchaseOrderNumber.trim(),
      terms: v.terms,
      description: v.description,
      lines,
    },
  };
}

/**
 * The totals the editor shows now (lines that cannot be read yet count as nothing), computed like
 * the stored snapshot: values rounded as stored, the taxes' current rates, the shared formula.
 */
export function formTotals(v: InvoiceFormValues, options: InvoiceFormOptions): { totals: InvoiceTotals; lineNet: (string | undefined)[] } {
  const taxes = new Map<number, TotalsTax>(options.taxes.map((x) => [x.id, x]));
  const items = new Map(options.items.map((i) => [i.id, i]));
  const read = (text: string, fallback: Decimal | undefined): Decimal | undefined => {
    if (text.trim() === '') return fallback;
    const r = parseLocaleNumber(text, v.numberLocale);
    return r.ok ? round2Away(new Decimal(r.value)) : undefined;
  };
  const counted: { index: number; line: Parameters<typeof computeInvoiceTotals>[0][number] }[] = [];
  v.lines.forEach((l, index) => {
    const item = items.get(Number(l.itemId));
    const quantity = read(l.quantity, undefined);
    const price = read(l.price, item?.price);
    const discount = read(l.discount, ZERO);
    if (!quantity || !price || !discount) return;
    counted.push({ index, line: { quantity, price, discount, tax1: taxes.get(Number(l.tax1Id)) ?? null, tax2: taxes.get(Number(l.tax2Id)) ?? null } });
  });
  const totals = computeInvoiceTotals(counted.map((c) => c.line));
  const lineNet: (string | undefined)[] = v.lines.map(() => undefined);
  counted.forEach((c, k) => (lineNet[c.index] = totals.lines[k]!.net.toFixed(2)));
  return { totals, lineNet };
}
