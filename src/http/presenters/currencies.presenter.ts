// Currency wire shapes (spec §2.3.3 CurrencyInfo/CurrencyRateInfo, §2.3.15 CurrencyRate).
import type { CurrencyRateAnswer } from '../../domain/currencies/currency-rates.js';
import type { Decimal } from '../../domain/money.js';
import type { CrmSettings } from '../../use-cases/currencies/crm-settings.js';
import type { CurrencyRateInfo } from '../../use-cases/currencies/default-currency.js';
import { wireDecimal } from '../envelope.js';
import { presentCurrency } from './common.js';

/** Rates and converted amounts keep their own decimals, and at least 2 (`0.90`, `1.234567`). */
export const presentDecimal = (d: Decimal) => wireDecimal(d, Math.max(2, d.decimalPlaces()));

export const presentCurrencyRate = (r: CurrencyRateAnswer) => ({
  fromCurrency: r.fromCurrency,
  toCurrency: r.toCurrency,
  rate: presentDecimal(r.rate),
  id: r.id,
});

export const presentCurrencyRateInfo = (r: CurrencyRateInfo) => ({ ...presentCurrency(r.currency), rate: presentDecimal(r.rate) });

export const presentCrmSettings = (s: CrmSettings) => ({ configured: s.configured, defaultCurrency: presentCurrency(s.defaultCurrency) });
