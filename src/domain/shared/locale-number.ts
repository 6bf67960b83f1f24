// Numbers as people type and read them, per locale (UI.md "Language and numbers"). Pure: the web
// pages and the line-editor island both use it, so what the editor accepts the server accepts.
//
// Reading rules, written down once:
// - accepted decimal separators: the locale's own (`,` in de-DE and ru-RU) and the point;
// - group separators: the locale's own (`.` in de-DE, a space in ru-RU, `,` in en-US) and spaces,
//   only in groups of three digits (`1.234.567`, `1 234`);
// - when one separator could be either (de-DE `1.234`: a point is both its group separator and
//   an accepted decimal point), the number is AMBIGUOUS and refused with a message, never guessed;
// - the result is decimal text (`1234.50` stays exact); the caller rounds and bounds it.
// Display: Intl.NumberFormat formats the decimal STRING (exact, never a JS number).

export type ParsedNumber = { ok: true; value: string } | { ok: false; reason: 'empty' | 'invalid' | 'ambiguous' };

interface Separators {
  decimal: string;
  group: string;
}

const separatorCache = new Map<string, Separators>();
const SPACE = /^[\s\u00a0\u202f\u2009]$/;

export function separatorsOf(locale: string): Separators {
  let s = separatorCache.get(locale);
  if (!s) {
    const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
    const group = parts.find((p) => p.type === 'group')?.value ?? ',';
    s = { decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.', group: SPACE.test(group) ? ' ' : group };
    separatorCache.set(locale, s);
  }
  return s;
}

/** Digits in groups of three after a first group of one to three: `1`, `12 345`, `1 234 567`. */
function validGroups(groups: string[]): boolean {
  return groups.length > 0 && /^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

export function parseLocaleNumber(input: string, locale: string): ParsedNumber {
  const { decimal, group } = separatorsOf(locale);
  let text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  let sign = '';
  if (/^[-\u2212]/.test(text)) {
    sign = '-';
    text = text.slice(1).trimStart();
  } else if (text.startsWith('+')) text = text.slice(1).trimStart();
  // Any kind of space only ever groups digits.
  text = text.replace(/[\s\u00a0\u202f\u2009]+/g, ' ');
  const groupMarks = new Set([group, ' ']);
  const decimalMarks = new Set([decimal, '.']);
  const marks = [...text].filter((c) => !/\d/.test(c));
  if (marks.some((c) => !groupMarks.has(c) && !decimalMarks.has(c))) return { ok: false, reason: 'invalid' };
  if (!/\d/.test(text)) return { ok: false, reason: 'invalid' };

  // The last mark that can only be a decimal separator (or the last of two different marks) ends the integer part.
  const last = Math.max(...[...decimalMarks].map((m) => text.lastIndexOf(m)));
  const lastMark = last >= 0 ? text[last]! : '';
  const marksBefore = last >= 0 ? [...text.slice(0, last)].filter((c) => !/\d/.test(c)) : marks;
  const canBeGroup = groupMarks.has(lastMark);

  let intPart: string;
  let fraction = '';
  if (last < 0) {
    intPart = text;
  } else if (canBeGroup && marksBefore.every((c) => c === lastMark)) {
    // Every mark is the same character that could group or separate decimals (`1.234`, `1.234.567`, `1,5` in en).
    const groups = text.split(lastMark);
    const asGroups = validGroups(groups);
    const asDecimal = groups.length === 2 && decimalMarks.has(lastMark) && /^\d*$/.test(groups[0]!) && /^\d*$/.test(groups[1]!) && groups.join('') !== '';
    if (asGroups && asDecimal) return { ok: false, reason: 'ambiguous' };
    if (asGroups) return finish(sign, groups.join(''), '');
    if (asDecimal) return finish(sign, groups[0] || '0', groups[1]!);
    return { ok: false, reason: 'invalid' };
  } else {
    intPart = text.slice(0, last);
    fraction = text.slice(last + 1);
    if (!/^\d*$/.test(fraction)) return { ok: false, reason: 'invalid' };
  }
  // The integer part: plain digits, or digits grouped by ONE kind of group mark (never the decimal mark used).
  const intMarks = new Set([...intPart].filter((c) => !/\d/.test(c)));
  if (intMarks.size === 0) return intPart === '' && fraction === '' ? { ok: false, reason: 'invalid' } : finish(sign, intPart || '0', fraction);
  if (intMarks.size > 1) return { ok: false, reason: 'invalid' };
  const mark = [...intMarks][0]!;
  if (!groupMarks.has(mark) || mark === lastMark) return { ok: false, reason: 'invalid' };
  const groups = intPart.split(mark);
  if (!validGroups(groups)) return { ok: false, reason: 'invalid' };
  return finish(sign, groups.join(''), fraction);
}

function finish(sign: string, intPart: string, fraction: string): ParsedNumber {
  const int = intPart.replace(/^0+(?=\d)/, '') || '0';
  const value = fraction ? `${int}.${fraction}` : int;
  return { ok: true, value: sign && /[1-9]/.test(value) ? `-${value}` : value };
}

const formatCache = new Map<string, Intl.NumberFormat>();
function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    formatCache.set(key, f);
  }
  return f;
}

// Intl.NumberFormat formats a decimal string exactly (ECMA-402 NumberFormat v3); the cast is for
// TypeScript's older signature.
const formatText = (f: Intl.NumberFormat, text: string): string => f.format(text as unknown as number);

/** `1234.5` in RUB for ru-RU → `1 234,50 ₽`: always the currency's minor digits (2). */
export function formatMoney(amount: string, currency: string, locale: string): string {
  try {
    return formatText(formatter(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }), amount);
  } catch {
    // A currency code Intl does not know: the number and the code.
    return `${formatDecimal(amount, locale, 2)} ${currency}`;
  }
}

/** A decimal for display or for an input's value, in the locale's separators, with at least `minDigits` decimals. */
export function formatDecimal(amount: string, locale: string, minDigits = 0, grouping = true): string {
  return formatText(formatter(locale, { minimumFractionDigits: minDigits, maximumFractionDigits: 20, useGrouping: grouping }), amount);
}
