// Tables added by migration 006-currency-rates.
import type { ColumnType, Generated } from 'kysely';

type Int8 = ColumnType<number | string, number, number>;

export interface CurrencyRateTables {
  currency_rates: {
    id: Generated<number>;
    tenant_id: number;
    from_currency: string; // catalogue code, upper case
    to_currency: string;
    rate: Int8; // millionths: 1 from_currency = rate × to_currency
    created_by: string;
    created_at: Int8;
    updated_by: string;
    updated_at: Int8;
  };
}
