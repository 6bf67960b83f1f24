// Country codes of parties (BT-40, BT-55, BT-80). ONLYOFFICE addresses keep the country as free
// text ("Germany", "USA", "DE"); EN 16931 needs an ISO 3166-1 alpha-2 code (BR-CL-14). The
// e-invoice settings may name the code explicitly; otherwise we read the address text when it is
// a code or a country name we recognise (Intl region names in a few languages, plus aliases).
import { COUNTRY_CODES } from './code-lists.js';

// Region names in these languages are recognised (the UI languages issue 6 requires, plus the
// languages of the largest e-invoicing markets).
const NAME_LANGUAGES = ['en', 'de', 'ru', 'fr', 'es', 'it', 'nl', 'pl', 'pt', 'sv', 'da', 'cs', 'uk'];

// Usual names that no Intl locale gives.
const ALIASES: Record<string, string> = {
  usa: 'US', 'u s a': 'US', 'u s': 'US', 'united states of america': 'US', america: 'US',
  uk: 'GB', 'u k': 'GB', 'great britain': 'GB', britain: 'GB', england: 'GB', scotland: 'GB', wales: 'GB',
  holland: 'NL', 'the netherlands': 'NL', 'russian federation': 'RU', 'czech republic': 'CZ',
  'south korea': 'KR', 'republic of korea': 'KR', turkey: 'TR', 'ivory coast': 'CI',
  'federal republic of germany': 'DE', рф: 'RU', сша: 'US',
};

/** Lower case, accents removed, punctuation folded to single spaces. */
export function normaliseCountryText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

let names: Map<string, string> | undefined;

function countryNames(): Map<string, string> {
  if (names) return names;
  const map = new Map<string, string>();
  for (const lang of NAME_LANGUAGES) {
    const display = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    for (const code of COUNTRY_CODES) {
      if (!/^[A-Z]{2}$/.test(code)) continue;
      let name: string | undefined;
      try {
        name = display.of(code);
      } catch {
        name = undefined;
      }
      const key = name ? normaliseCountryText(name) : '';
      if (key && !map.has(key)) map.set(key, code);
    }
  }
  for (const [alias, code] of Object.entries(ALIASES)) map.set(normaliseCountryText(alias), code);
  names = map;
  return map;
}

/**
 * The ISO 3166-1 alpha-2 code an address's country text stands for, or undefined when it is empty
 * or not recognised. A two-letter text is read as a code only when it is one (BR-CL-14's list).
 */
export function countryCodeOf(text: string | undefined): string | undefined {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return undefined;
  const upper = trimmed.toUpperCase();
  if (/^[A-Z0-9]{2}$/.test(upper) && COUNTRY_CODES.has(upper)) return upper;
  return countryNames().get(normaliseCountryText(trimmed));
}
