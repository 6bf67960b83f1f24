/** A message: plain text with `{name}` placeholders, or plural forms by Intl.PluralRules category (`{count}`). */
export type Message = string | Partial<Record<Intl.LDMLPluralRule, string>>;
/** The Russian (or any other) side of an area: exactly the English keys. */
export type AreaMessages<T> = { [K in keyof T]: Message };
