// The label catalogue (spec §3.2 "Localisation", issue 6): English, Russian and German complete,
// others English; chosen by the primary subtag of the invoice's language.
import { describe, expect, it } from 'vitest';
import { fillLabel, LABEL_CATALOGUE, labelLanguageOf, labelsFor, type DocumentLabels } from '../../src/domain/invoices/labels.js';
import { ENGLISH_LABELS } from '../../src/domain/invoices/snapshot.js';

const KEYS = Object.keys(LABEL_CATALOGUE.en) as (keyof DocumentLabels)[];
const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

describe('label catalogue', () => {
  it('English keeps the snapshot\'s English labels exactly (the original\'s resource texts)', () => {
    for (const [key, value] of Object.entries(ENGLISH_LABELS)) expect(LABEL_CATALOGUE.en[key as keyof DocumentLabels]).toEqual(value);
  });

  it.each(['en', 'ru', 'de'] as const)('%s is complete: every label, 7 table headers, the same placeholders as English', (lang) => {
    const labels = LABEL_CATALOGUE[lang];
    expect(Object.keys(labels).sort()).toEqual([...KEYS].sort());
    for (const key of KEYS) {
      const value = labels[key];
      if (Array.isArray(value)) {
        expect(value).toHaveLength(7);
        value.forEach((v) => expect(v.trim(), `${lang}.${key}`).not.toBe(''));
      } else {
        expect((value as string).trim(), `${lang}.${key}`).not.toBe('');
        expect(placeholders(value as string), `${lang}.${key}`).toEqual(placeholders(LABEL_CATALOGUE.en[key] as string));
      }
    }
  });

  it('Russian labels are Cyrillic, German ones German', () => {
    const cyrillic = /[\u0400-\u04ff]/;
    for (const key of KEYS.filter((k) => k !== 'lineNumber')) {
      const v = LABEL_CATALOGUE.ru[key];
      for (const text of Array.isArray(v) ? v : [v]) expect(text, `ru.${key}`).toMatch(cyrillic);
    }
    expect(LABEL_CATALOGUE.ru.lineNumber).toBe('№');
    expect(LABEL_CATALOGUE.de).toMatchObject({ invoice: 'Rechnung', invoiceDate: 'Rechnungsdatum', subtotal: 'Zwischensumme', invoiceTotal: 'Rechnungsbetrag ({0})' });
  });

  it.each([
    ['ru-RU', 'ru'], ['ru', 'ru'], ['RU-ru', 'ru'], ['de-AT', 'de'], ['de-CH', 'de'], ['de_DE', 'de'], ['DE', 'de'],
    ['en-US', 'en'], ['en-GB', 'en'], ['fr-FR', 'en'], ['zh-Hans-CN', 'en'], ['', 'en'], ['  ', 'en'], ['constructor', 'en'], ['toString', 'en'],
  ])('%j → %s', (language, expected) => {
    expect(labelLanguageOf(language)).toBe(expected);
    expect(labelsFor(language)).toBe(LABEL_CATALOGUE[expected as 'en' | 'ru' | 'de']);
  });

  it('fillLabel fills numbered placeholders and leaves unknown ones', () => {
    expect(fillLabel(LABEL_CATALOGUE.de.page, '2', '5')).toBe('Seite 2 von 5');
    expect(fillLabel(LABEL_CATALOGUE.ru.title, 'Счёт', 'A-1', '01.02.2026')).toBe('Счёт № A-1 от 01.02.2026');
    expect(fillLabel('{0} {1}', 'x')).toBe('x {1}');
  });
});
