// Requests and responses of the currency routes (spec §6.5, §6.6, §2.3.3, §2.3.15) with the
// original's parameter names; the binder matches them in any letter case.
import { Type, type Static } from 'typebox';
import { DecimalParam, Envelope } from './common.js';

const MAX_ID = 2_147_483_647;

const CODE_EXACT = 'A currency code of GET crm/settings/currency, in exact upper case (spec Q23)';
const RATE = 'How many toCurrency one fromCurrency is worth: 0 to 99999999.99, kept with 6 decimals (rounded half away from zero). 0 means "no rate": it deletes an existing pair. Default 0';

export const SetDefaultCurrencyBody = Type.Object({
  currency: Type.Optional(Type.String({ description: 'Required: a currency code of GET crm/settings/currency, any case' })),
});

export const ConvertQuery = Type.Object({
  amount: Type.Optional(DecimalParam('The amount to convert; default 0')),
  fromcurrency: Type.Optional(Type.String({ description: 'Currency of the amount, any case' })),
  tocurrency: Type.Optional(Type.String({ description: 'Currency to convert to, any case' })),
});

export const SummaryTableQuery = Type.Object({
  currency: Type.Optional(Type.String({ description: 'Required: the base currency, any case' })),
});

export const CurrencyRateIdParams = Type.Object({
  id: Type.Integer({ maximum: MAX_ID, description: 'Currency rate id (> 0)' }),
});

export const CurrencyPairParams = Type.Object({
  fromCurrency: Type.String({ description: 'Currency code, any case' }),
  toCurrency: Type.String({ description: 'Currency code, any case' }),
});

const RateFields = {
  fromCurrency: Type.Optional(Type.String({ description: `Required. ${CODE_EXACT}` })),
  toCurrency: Type.Optional(Type.String({ description: `Required. ${CODE_EXACT}` })),
  rate: Type.Optional(DecimalParam(RATE)),
};

export const CurrencyRateBody = Type.Object(RateFields);
export type CurrencyRateBody = Static<typeof CurrencyRateBody>;

const RateList = Type.Optional(
  Type.Array(Type.Object(RateFields), {
    description: 'Entries {fromCurrency, toCurrency, rate} (a JSON array, or form fields rates[0][fromCurrency]=…); a pair given twice: the last entry wins. Default: none',
  }),
);

export const SetCurrencyRatesBody = Type.Object({
  currency: Type.Optional(Type.String({ description: 'Required: the default currency, any case; becomes the default when it differs' })),
  rates: RateList,
});

export const AddCurrencyRatesBody = Type.Object({ rates: RateList });

export const CrmSettingsBody = Type.Object({
  configured: Type.Optional(Type.Boolean({ description: 'Whether the CRM has been set up; omitted means true (as the original)' })),
});

// Response shapes, for OpenAPI (the envelope is serialised by http/envelope.ts).
const CurrencyInfoShape = {
  title: Type.String(),
  symbol: Type.String(),
  abbreviation: Type.String(),
  cultureName: Type.String(),
  isConvertable: Type.Boolean(),
  isBasic: Type.Boolean(),
};

export const CurrencyInfoResponse = Type.Object(CurrencyInfoShape, { description: 'CurrencyInfo (spec §2.3.3)' });

export const CurrencyRateInfoResponse = Type.Object(
  { ...CurrencyInfoShape, rate: Type.Number({ description: 'How many of this currency one unit of the base currency is worth (6 decimals at most)' }) },
  { description: 'CurrencyRateInfo (spec §2.3.3)' },
);

export const CurrencyRateResponse = Type.Object(
  {
    fromCurrency: Type.String(),
    toCurrency: Type.String(),
    rate: Type.Number({ description: '1 fromCurrency = rate × toCurrency; 6 decimals at most' }),
    id: Type.Integer(),
  },
  { description: 'CurrencyRate (spec §2.3.15)' },
);

export const CrmSettingsResponse = Type.Object(
  { configured: Type.Boolean(), defaultCurrency: CurrencyInfoResponse },
  { description: 'The CRM portal settings (a Ledgerline shape)' },
);

export const CurrencyInfoEnvelope = Envelope(CurrencyInfoResponse);
export const CurrencyInfoListEnvelope = Envelope(Type.Array(CurrencyInfoResponse));
export const CurrencyRateInfoListEnvelope = Envelope(Type.Array(CurrencyRateInfoResponse));
export const CurrencyRateEnvelope = Envelope(CurrencyRateResponse);
export const CurrencyRateListEnvelope = Envelope(Type.Array(CurrencyRateResponse));
export const AmountEnvelope = Envelope(Type.Number());
export const CrmSettingsEnvelope = Envelope(CrmSettingsResponse);
