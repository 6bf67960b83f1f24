import { CURRENCIES, type CurrencyInfo } from '../../domain/currencies/catalogue.js';

/** GET settings/currency (spec §6.5): the whole catalogue by abbreviation; any CRM user. */
export function listCurrencies(): readonly CurrencyInfo[] {
  return [...CURRENCIES].sort((a, b) => (a.abbreviation < b.abbreviation ? -1 : a.abbreviation > b.abbreviation ? 1 : 0));
}
