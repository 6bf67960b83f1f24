// The global currency catalogue (spec §2.4): 74 currencies ordered by abbreviation, as seeded by
// the original (odd symbols such as CZK "Kc" kept for compatibility). Lookup is case-sensitive;
// callers upper-case input where the contract says so (spec Q23).

export interface CurrencyInfo {
  abbreviation: string;
  title: string;
  symbol: string;
  cultureName: string;
  isConvertable: boolean;
  isBasic: boolean;
}

type Row = [abbreviation: string, title: string, symbol: string, cultureName: string, isConvertable: 0 | 1, isBasic: 0 | 1];

const ROWS: Row[] = [
  ['AED', 'United Arab Emirates Dirham', 'د.إ', 'AE', 1, 0],
  ['AMD', 'Armenian Dram', 'dram', 'AM', 0, 0],
  ['AOA', 'Angolan Kwanza', 'Kz', 'AO', 0, 0],
  ['ARS', 'Argentinian Peso', '$a', 'AR', 1, 0],
  ['AUD', 'Australian Dollar', 'A$', 'AU', 1, 1],
  ['AZN', 'Azerbaijani Manat', '₼', 'AZ', 0, 0],
  ['BDT', 'Bangladeshi Taka', 'Tk', 'BD', 1, 0],
  ['BGN', 'Bulgarian Lev', 'лв', 'BG', 1, 0],
  ['BRL', 'Brazilian Real', 'R$', 'BR', 1, 0],
  ['BYN', 'New Belarusian Ruble', 'Br', 'BY', 0, 0],
  ['BYR', 'Belarusian Ruble', 'Br', 'BY', 0, 0],
  ['CAD', 'Canadian Dollar', 'C$', 'CA', 1, 1],
  ['CHF', 'Swiss Franc', 'Fr', 'CH', 1, 1],
  ['CLP', 'Chilean Peso', '$', 'CL', 1, 0],
  ['CNY', 'Chinese Yuan', '¥', 'CN', 1, 0],
  ['COP', 'Colombian Peso', '$', 'CO', 1, 0],
  ['CRC', 'Costa Rican Colón', '₡', 'CR', 0, 0],
  ['CUP', 'Cuban Peso', '$', 'CU', 0, 0],
  ['CZK', 'Czech Koruna', 'Kc', 'CZ', 1, 0],
  ['DKK', 'Danish Krone', 'kr', 'DK', 1, 0],
  ['DOP', 'Dominican Peso', 'RD$', 'DO', 1, 0],
  ['DZD', 'Algerian Dinar', 'د.ج', 'DZ', 0, 0],
  ['ETB', 'Ethiopian Birr', 'Br', 'ET', 0, 0],
  ['EUR', 'Euro', '€', 'EU', 1, 1],
  ['GBP', 'Pound Sterling', '£', 'GB', 1, 1],
  ['GEL', 'Georgian Lari', 'ლარი', 'GE', 0, 0],
  ['HKD', 'Hong Kong Dollar', 'HK$', 'HK', 1, 0],
  ['HRK', 'Croatian Kuna', 'kn', 'HR', 1, 0],
  ['HUF', 'Hungarian Forint', 'Ft', 'HU', 1, 0],
  ['IDR', 'Indonesian Rupiah', 'Rp', 'ID', 1, 0],
  ['ILS', 'Israeli Shekel', '₪', 'IL', 1, 0],
  ['INR', 'Indian Rupee', '₨', 'IN', 1, 0],
  ['JPY', 'Japanese Yen', '¥', 'JP', 1, 1],
  ['KES', 'Kenyan Shilling', 'KSh', 'KE', 1, 0],
  ['KRW', 'South Korean Won', '₩', 'KR', 1, 0],
  ['KWD', 'Kuwaiti Dinar', 'K.D.', 'KW', 1, 0],
  ['KZT', 'Kazakhstani Tenge', 'тңг', 'KZ', 0, 0],
  ['LTL', 'Lithuanian Litas', 'Lt', 'LT', 0, 0],
  ['LVL', 'Latvian Lat', 'Ls', 'LV', 0, 0],
  ['MAD', 'Moroccan Dirham', 'د.م', 'MA', 1, 0],
  ['MDL', 'Moldovan Leu', 'lei', 'MD', 1, 0],
  ['MGA', 'Malagasy Ariary', 'Ar', 'MG', 1, 0],
  ['MNT', 'Mongolian Tugrik', '₮', 'MN', 0, 0],
  ['MUR', 'Mauritian Rupee', 'Rs', 'MU', 1, 0],
  ['MXN', 'Mexican Peso', 'MEX$', 'MX', 1, 0],
  ['MYR', 'Malaysian Ringgit', 'RM', 'MY', 1, 0],
  ['NGN', 'Nigerian Naira', '₦', 'NG', 1, 0],
  ['NOK', 'Norwegian Krone', 'kr', 'NO', 1, 0],
  ['NZD', 'New Zealand Dollar', 'NZ$', 'NZ', 1, 0],
  ['OMR', 'Omani Rial', 'ر.ع', 'OM', 1, 0],
  ['PHP', 'Philippine Peso', 'P', 'PH', 1, 0],
  ['PKR', 'Pakistani Rupee', 'Rp.', 'PK', 1, 0],
  ['PLN', 'Polish Zloty', 'zł', 'PL', 1, 0],
  ['QAR', 'Qatari Riyal', 'ر.ق.\u200f', 'QA', 1, 0],
  ['RON', 'Romanian Leu', 'lei', 'RO', 1, 0],
  ['RSD', 'Serbian Dinar', 'din.', 'SR', 1, 0],
  ['RUB', 'Rouble', '₽', 'RU', 1, 0],
  ['SAR', 'Saudi Riyal', 'ر.س', 'SA', 1, 0],
  ['SEK', 'Swedish Krona', 'kr', 'SE', 1, 0],
  ['SGD', 'Singapore Dollar', 'S$', 'SG', 1, 0],
  ['THB', 'Thai Baht', '฿', 'TH', 1, 0],
  ['TND', 'Tunisian Dinar', 'DT', 'TN', 1, 0],
  ['TRY', 'Turkish New Lira', 'YTL', 'TR', 1, 0],
  ['TTD', 'Trinidad and Tobago Dollar', 'TT$', 'TT', 0, 0],
  ['UAH', 'Ukraine Hryvnia', 'грн.', 'UA', 1, 0],
  ['USD', 'United States Dollar', '$', 'US', 1, 1],
  ['UZS', 'Uzbekistani Som', 'som', 'UZ', 0, 0],
  ['VEF', 'Venezuelan Bolivar', 'Bs.', 'VE', 0, 0],
  ['VES', 'Venezuelan Bolivar Soberano', 'Bs.S', 'VE', 1, 0],
  ['VND', 'Vietnamese Dong', '₫', 'VN', 1, 0],
  ['XAF', 'Central African Franc', 'franc', 'CF', 1, 0],
  ['XOF', 'West African Franc', 'franc', 'ML', 1, 0],
  ['XPF', 'Pacific franc', 'franc', 'NC', 1, 0],
  ['ZAR', 'South African Rand', 'R', 'ZA', 1, 0],
];

export const CURRENCIES: readonly CurrencyInfo[] = ROWS.map(([abbreviation, title, symbol, cultureName, c, b]) => ({
  abbreviation, title, symbol, cultureName, isConvertable: c === 1, isBasic: b === 1,
}));

const BY_CODE = new Map(CURRENCIES.map((c) => [c.abbreviation, c]));

/** The catalogue entry of an exact (upper-case) code, or undefined. */
export const findCurrency = (code: string): CurrencyInfo | undefined => BY_CODE.get(code);
