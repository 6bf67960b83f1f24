// UI.md "Language and numbers": the locale's decimal separator and a point are accepted,
// ambiguous thousand separators refused, money formatted exactly from the decimal string.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDecimal, formatMoney, parseLocaleNumber } from '../../src/domain/shared/locale-number.js';
import { AREAS } from '../../src/web/i18n/en.js';

const ok = (value: string) => ({ ok: true, value });
const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('parseLocaleNumber', () => {
  it.each([
    ['1.234,5', 'de-DE', ok('1234.5')],
    ['1.234.567,89', 'de-DE', ok('1234567.89')],
    ['1,5', 'de-DE', ok('1.5')],
    ['1.5', 'de-DE', ok('1.5')],
    ['1,234', 'de-DE', ok('1.234')],
    ['1.234.567', 'de-DE', ok('1234567')],
    ['1 234,50', 'ru-RU', ok('1234.50')],
    ['1\u00a0234,50', 'ru-RU', ok('1234.50')],
    ['1.234', 'ru-RU', ok('1.234')],
    ['1,234', 'en-US', ok('1234')],
    ['1,234.5', 'en-US', ok('1234.5')],
    ['-12,5', 'ru-RU', ok('-12.5')],
    ['.5', 'en-US', ok('0.5')],
    ['007', 'en-US', ok('7')],
  ])('%s in %s', (text, locale, expected) => {
    expect(parseLocaleNumber(text, locale)).toEqual(expected);
  });

  it.each([
    ['1.234', 'de-DE', 'ambiguous'],
    ['12.345', 'de-DE', 'ambiguous'],
    ['1,5', 'en-US', 'invalid'],
    ['1.234,5', 'en-US', 'invalid'],
    ['12 34', 'ru-RU', 'invalid'],
    ['1,2,3', 'ru-RU', 'invalid'],
    ['abc', 'en-US', 'invalid'],
    ['1e5', 'en-US', 'invalid'],
    ['', 'en-US', 'empty'],
    ['  ', 'de-DE', 'empty'],
  ])('refuses %s in %s (%s)', (text, locale, reason) => {
    expect(parseLocaleNumber(text, locale)).toEqual({ ok: false, reason });
  });

  it('reads back whatever it formats, exactly, in every UI locale', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.constantFrom('en-US', 'ru-RU', 'de-DE'), (cents, locale) => {
        const neg = cents < 0n;
        const abs = neg ? -cents : cents;
        const text = `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
        const shown = formatDecimal(text, locale, 2);
        const read = parseLocaleNumber(shown, locale);
        expect(read.ok).toBe(true);
        if (read.ok) expect(Number(read.value) === Number(text) && read.value.replace(/^-?0+(?=\d)/, '') !== '').toBe(true);
        if (read.ok) expect(read.value).toBe(text.replace(/^(-?)0+(?=\d)/, '$1'));
      }),
      { numRuns: 500 },
    );
  });
});

describe('formatMoney', () => {
  it('formats ru-RU roubles as people write them', () => {
    expect(nbsp(formatMoney('1234.5', 'RUB', 'ru-RU'))).toBe('1 234,50 ₽');
  });
  it('formats from the decimal string, beyond binary floating point', () => {
    expect(formatMoney('90071992547409.93', 'USD', 'en-US')).toBe('$90,071,992,547,409.93');
    expect(formatMoney('0.10', 'EUR', 'de-DE').replace(/\u00a0/g, ' ')).toBe('0,10 €');
  });
  it('falls back to the code for a currency Intl does not know', () => {
    expect(formatMoney('5', 'XYZ1', 'en-US')).toBe('5.00 XYZ1');
  });
});

describe('UI message catalogues', () => {
  it('have unique ids across areas and Russian for every English message', () => {
    const seen = new Set<string>();
    for (const [area, m] of Object.entries(AREAS)) {
      for (const id of Object.keys(m.en)) {
        expect(seen.has(id), `${id} of ${area} is defined twice`).toBe(false);
        seen.add(id);
      }
      expect(Object.keys(m.ru).sort()).toEqual(Object.keys(m.en).sort());
    }
  });
});
