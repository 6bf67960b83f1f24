// Tables added by migration 006-currency-rates (empty until that work lands).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CurrencyRateTables {}
