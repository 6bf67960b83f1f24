// The UI language (UI.md "Language and numbers"): message catalogues keyed by id, `{name}`
// placeholders, plurals by Intl.PluralRules. The invoice's own language (PDF labels) is separate.
import { en, type Catalogue, type MessageId } from './en.js';
import { ru } from './ru.js';

export type UiLocale = 'en' | 'ru';
export const UI_LOCALES: readonly UiLocale[] = ['en', 'ru'];
const CATALOGUES: Record<UiLocale, Catalogue> = { en, ru };
/** The number/date locale of each UI language. */
export const NUMBER_LOCALE: Record<UiLocale, string> = { en: 'en-US', ru: 'ru-RU' };

export type Params = Record<string, string | number>;
export type Translate = (id: MessageId, params?: Params) => string;

const pluralRules = new Map<UiLocale, Intl.PluralRules>();

export function translator(locale: UiLocale): Translate {
  const catalogue = CATALOGUES[locale];
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  const plural = rules;
  return (id, params = {}) => {
    const entry = catalogue[id] ?? (en as Catalogue)[id];
    let text: string;
    if (typeof entry === 'string') text = entry;
    else {
      const n = Number(params.count ?? 0);
      text = entry[plural.select(n)] ?? entry.other ?? '';
    }
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

/** The best UI language for an Accept-Language header (q-values honoured); English by default. */
export function negotiateLocale(acceptLanguage: string | undefined): UiLocale {
  if (!acceptLanguage) return 'en';
  const ranges = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q[1]) : 1, i };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranges) {
    const base = r.tag.split('-')[0] as UiLocale;
    if (UI_LOCALES.includes(base)) return base;
  }
  return 'en';
}

export type { MessageId };
