// Form pieces shared by the catalogue, taxes and settings screens: labelled fields that carry
// their own error message (aria-invalid + aria-describedby), locale-number reading, notices.
import type { ComponentChildren } from 'preact';
import { parseLocaleNumber, separatorsOf, formatDecimal } from '../../domain/shared/locale-number.js';
import { Decimal, type Decimal as DecimalT } from '../../domain/money.js';
import { DomainError } from '../../domain/errors.js';
import type { WebContext } from '../context.js';

export interface FieldError {
  /** The id of the field the message belongs to (the error summary links to it). */
  field: string;
  message: string;
}

/** Collects field errors while a form is read. */
export class Errors {
  readonly list: FieldError[] = [];
  add(field: string, message: string): void {
    if (!this.list.some((e) => e.field === field)) this.list.push({ field, message });
  }
  get any(): boolean {
    return this.list.length > 0;
  }
}

/** The error summary's lines: each message names its field, as the field's own label does. */
export const summaryOf = (errors: readonly FieldError[], labels: Readonly<Record<string, string>>): FieldError[] =>
  errors.map((e) => ({ field: e.field, message: labels[e.field] ? `${labels[e.field]}: ${e.message}` : e.message }));

export const errorOf = (errors: readonly FieldError[], field: string): string | undefined => errors.find((e) => e.field === field)?.message;

/** aria attributes of a field with (or without) an error message. */
function describedBy(id: string, error: string | undefined, hint: string | undefined) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': ids || undefined };
}

interface FieldShell {
  id: string;
  label: ComponentChildren;
  error?: string | undefined;
  hint?: string | undefined;
}

/** A field's hint and error message, with the ids its control's aria-describedby points at. */
function FieldMessages({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

function FieldFrame({ id, label, error, hint, children, class: cls }: FieldShell & { children: ComponentChildren; class?: string }) {
  return (
    <div class={`field${cls ? ` ${cls}` : ''}`}>
      <label for={id}>{label}</label>
      <FieldMessages id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

export function TextField(
  props: FieldShell & { name: string; value: string; required?: boolean; maxLength?: number; inputMode?: 'decimal' | 'text' | 'email' | 'tel'; autocomplete?: string; type?: 'text' | 'email' | 'tel' | 'search'; class?: string },
) {
  const { id, name, value, required, maxLength, inputMode, autocomplete, type = 'text', error, hint } = props;
  return (
    <FieldFrame {...props}>
      <input
        id={id}
        name={name}
        type={type as 'text'} /* one of text, email, tel, search: the JSX types want a literal */
        value={value}
        required={required}
        maxLength={maxLength}
        inputMode={inputMode}
        autocomplete={autocomplete}
        {...describedBy(id, error, hint)}
      />
    </FieldFrame>
  );
}

/** A number typed in the UI's number locale (text input: commas and spaces are allowed). */
export function NumberField(props: FieldShell & { name: string; value: string; required?: boolean; class?: string }) {
  return <TextField {...props} inputMode="decimal" autocomplete="off" />;
}

export function TextAreaField(props: FieldShell & { name: string; value: string; rows?: number; maxLength?: number }) {
  const { id, name, value, rows = 4, maxLength, error, hint } = props;
  return (
    <FieldFrame {...props}>
      <textarea id={id} name={name} rows={rows} maxLength={maxLength} {...describedBy(id, error, hint)}>
        {value}
      </textarea>
    </FieldFrame>
  );
}

export function SelectField(props: FieldShell & { name: string; value: string; options: readonly [value: string, label: string][] }) {
  const { id, name, value, options, error, hint } = props;
  return (
    <FieldFrame {...props}>
      <select id={id} name={name} {...describedBy(id, error, hint)}>
        {options.map(([v, label]) => (
          <option value={v} selected={v === value}>
            {label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField({ id, name, checked, label, hint, error }: FieldShell & { name: string; checked: boolean }) {
  return (
    <div class="field field-check">
      <input id={id} name={name} type="checkbox" value="on" checked={checked} {...describedBy(id, error, hint)} />
      <label for={id}>{label}</label>
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  );
}

/** A success (status) or refusal (alert) message at the top of a screen or section. */
export function Notice({ kind = 'status', children }: { kind?: 'status' | 'error'; children: ComponentChildren }) {
  return (
    <div class={kind === 'error' ? 'notice notice-error' : 'notice'} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/**
 * Reads a number typed in the UI number locale. Empty: undefined (or an "enter a number" error when
 * required). Invalid or ambiguous: an error on the field, never a guess.
 */
export function readNumber(ctx: WebContext, errors: Errors, field: string, text: string, required: boolean): DecimalT | undefined {
  const parsed = parseLocaleNumber(text, ctx.numberLocale);
  if (parsed.ok) return new Decimal(parsed.value);
  if (parsed.reason === 'empty') {
    if (required) errors.add(field, ctx.t('number.empty'));
    return undefined;
  }
  if (parsed.reason === 'ambiguous') {
    const { decimal } = separatorsOf(ctx.numberLocale);
    const digits = text.replace(/[^\d-]/g, '');
    const lastMark = text.trim().replace(/[\d\s-]/g, '').slice(-1);
    const asDecimal = lastMark ? text.trim().replace(lastMark, decimal) : text.trim();
    errors.add(field, ctx.t('number.ambiguous', { value: text.trim(), a: digits, b: asDecimal }));
    return undefined;
  }
  errors.add(field, ctx.t('number.invalid', { example: formatDecimal('1234.5', ctx.numberLocale, 2) }));
  return undefined;
}

/** A stored decimal shown in an input, in the UI number locale, without grouping (easy to edit). */
export const inputNumber = (ctx: WebContext, value: DecimalT, minDigits = 2): string => formatDecimal(value.toString(), ctx.numberLocale, minDigits, false);

/** A domain validation refusal (a 400 of the API): shown on the form rather than as an error page. */
export const isValidationError = (e: unknown): e is DomainError =>
  e instanceof DomainError && (e.code === 'INVALID_ARGUMENT' || e.code === 'CONFLICT_DUPLICATE' || e.code === 'PAYLOAD_TOO_LARGE');

/** Characters as the server counts them (code points). */
export const charLength = (s: string): number => [...s].length;
