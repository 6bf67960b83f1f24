// Value generators: plausible values (so requests reach the handlers), boundary values and
// hostile ones (wrong types, huge numbers, NaN-like text, odd Unicode, deep nesting).
import fc from 'fast-check';
import type { JsonSchema } from './route-model.js';

/** A JSON token written verbatim (numbers JSON.stringify cannot produce: 1e309, -0, 30 digits). */
export class RawJson {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Values a generated request may carry: JSON-like trees with raw numbers inside. */
export type Val = string | number | boolean | null | RawJson | Val[] | { [k: string]: Val };

/** What the world built before the run offers to plausible values. */
export interface FuzzContext {
  userIds: string[];
  emails: string[];
  invoiceNumbers: string[];
  currencies: string[];
}

const lone = (code: number) => String.fromCharCode(code);

export const NASTY_STRINGS: string[] = [
  '', ' ', '  \t\n', 'null', 'undefined', 'NaN', '-NaN', 'nan', 'Infinity', '-Infinity', 'inf', '1e309', '-1e309', '1e-400',
  '1E+2', '0x10', '0b101', '0o17', '1_000', '1,5', '1.5.5', '+', '-', '--1', '+-1', '.', '.5', '5.', '1e', 'e5', '١٢٣', '１２', '²',
  '-0', '0.0000000001', '99999999.99', '99999999.995', '100000000', '-100000000', '2147483647', '2147483648', '-2147483649',
  '4294967296', '9007199254740992', '9007199254740993', '18446744073709551616', '9'.repeat(400), '0.'.padEnd(400, '1'),
  'true', 'FALSE', 'on', 'yes', '[]', '{}', '[object Object]', '__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString',
  "'; DROP TABLE invoices; --", '" OR 1=1 --', '%', '%00', '%zz', '\\', '\\u0000', '\u0000', 'a\u0000b', '\u0000'.repeat(20),
  '\u202Eevil\u202C', 'שלום עולם', 'مرحبا', 'e\u0301\u0301\u0301\u0301', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇', lone(0xd800), lone(0xdfff), `a${lone(0xdbff)}b`,
  '\uFEFF', '\uFFFE', '\uFFFF', '👩‍👩‍👧‍👦', '🇩🇪', 'ǅ', 'ß', 'İ', 'ﬁ', 'Ⅻ', 'ＩＮＶ-１', 'K', '../../../etc/passwd', '<script>alert(1)</script>',
  '${7*7}', '{{7*7}}', '\r\n\r\n', 'x'.repeat(256), 'x'.repeat(5000), '2026-02-30', '0000-00-00', '9999-12-31T23:59:59.9999999+14:00',
  '2026-01-15T25:61:00', '1970-01-01T00:00:00Z', '0001-01-01', '-000001-01-01T00:00:00Z', '/Date(1234567890000)/', '@self', 'EUR', 'eur',
  'XXX', 'en-US', 'zz-ZZZZ-x-invalid-tag-', 'i-klingon', '00000000-0000-0000-0000-000000000000', '{00000000-0000-0000-0000-000000000000}',
];

export const NASTY_NUMBERS: Val[] = [
  0, -1, 1, -0.5, 0.005, 0.015, 2.675, 1e-7, 99999999.99, 99999999.995, 100000000, 2147483647, 2147483648, -2147483648, -2147483649,
  4294967296, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, 1e21,
  new RawJson('1e309'), new RawJson('-1e309'), new RawJson('-0'), new RawJson('123456789012345678901234567890'),
  new RawJson('0.1000000000000000000000000001'), new RawJson('1E400'), new RawJson('1e-400'),
];

/** Text of any UTF-16 code units: lone surrogates, NUL and control characters included. */
const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 24 }).map((a) => String.fromCharCode(...a));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: codeUnits },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', '\u0301', 'é', '😀', '\u0000', 'x'), fc.integer({ min: 256, max: 3000 })).map(([c, n]) => c.repeat(n)) },
);

const hostileScalar: fc.Arbitrary<Val> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() }, // NaN and ±Infinity become null in JSON, text in forms
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** Objects and arrays nested up to `depth` levels (the binder refuses beyond its limit). */
export function nested(depth: number, leaf: fc.Arbitrary<Val>): fc.Arbitrary<Val> {
  return fc.tuple(fc.array(fc.constantFrom('a', 'b', '0', '', 'invoiceLines', 'price', 'ids'), { minLength: depth, maxLength: depth }), fc.array(fc.boolean(), { minLength: depth, maxLength: depth }), leaf).map(
    ([keys, arrays, v]) => {
      let cur: Val = v;
      for (let i = depth - 1; i >= 0; i--) cur = arrays[i] ? [cur] : { [keys[i]!]: cur };
      return cur;
    },
  );
}

export const hostileValue: fc.Arbitrary<Val> = fc.oneof(
  { weight: 8, arbitrary: hostileScalar },
  { weight: 2, arbitrary: fc.array(hostileScalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', 'price', 'id', '__proto__', 'constructor', 'ID', ''), hostileScalar, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }).chain((d) => nested(d, hostileScalar)) },
  { weight: 1, arbitrary: fc.array(fc.constant(1), { minLength: 1001, maxLength: 1500 }) },
);

const smallId = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 400 }) });

function kindOf(s: JsonSchema): string {
  if (s['x-ll-kind']) return s['x-ll-kind'];
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (t) return t;
  if (s.anyOf) {
    const nn = s.anyOf.find((x) => x.type !== 'null');
    if (nn) return kindOf(nn);
  }
  if (s.properties) return 'object';
  return 'string';
}

const ALNUM = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABC0123456789 -'.split('')), minLength: 1, maxLength: 12 });

/** A value of the schema's type that a client could well send; names hint at meanings (ids, currency…). */
export function plausible(schema: JsonSchema, name: string, ctx: FuzzContext, depth = 0): fc.Arbitrary<Val> {
  const kind = kindOf(schema);
  const n = name.toLowerCase();
  switch (kind) {
    case 'integer':
      if (n === 'count') return fc.integer({ min: 0, max: 1200 });
      if (n === 'startindex') return fc.integer({ min: 0, max: 30 });
      if (n.includes('probability')) return fc.integer({ min: 0, max: 100 });
      if (n === 'templatetype' || n === 'key') return fc.integer({ min: 0, max: 2 });
      return smallId;
    case 'number':
    case 'decimal':
      return fc.oneof(fc.constantFrom<Val>('1', '2.5', '100', '0', '7.70', 19.99, 20, 1, '0.333333', 3), fc.integer({ min: 0, max: 1000 }));
    case 'date':
      return fc.constantFrom('2026-01-15', '2026-02-14', '2026-01-15T10:00:00.0000000+00:00', '2025-12-31T23:59:59Z', '2026-03-01T00:00:00.000+03:00');
    case 'enum': {
      const names = Object.keys(schema['x-ll-enum'] ?? {});
      return fc.oneof(fc.integer({ min: 0, max: 5 }), ...(names.length ? [fc.constantFrom<Val>(...names)] : []));
    }
    case 'guid':
      return fc.constantFrom(...ctx.userIds);
    case 'boolean':
      return fc.constantFrom<Val>(true, false, 'true', 'false');
    case 'array': {
      const item = schema.items ?? {};
      return fc.array(depth > 3 ? fc.constant('1') : plausible(item, name, ctx, depth + 1), { maxLength: 3 });
    }
    case 'object':
      return plausibleObject(schema, ctx, depth + 1);
    default: {
      if (schema.enum?.length) return fc.constantFrom(...(schema.enum as Val[]));
      if (/currency|abbr/.test(n)) return fc.constantFrom(...ctx.currencies);
      if (n === 'language') return fc.constantFrom('en-US', 'de-DE', 'ru-RU', '');
      if (n === 'email' || n === 'username') return fc.oneof(fc.constantFrom(...ctx.emails), ALNUM.map((s) => `${s.replace(/\W/g, '') || 'u'}@example.test`));
      if (n === 'number') return fc.oneof(fc.constantFrom(...ctx.invoiceNumbers), ALNUM);
      if (n === 'format') return fc.constantFrom('ubl', 'cii', 'xrechnung-ubl', 'xrechnung-cii', 'facturx', 'UBL');
      if (n === 'sortby') return fc.constantFrom('number', 'issueDate', 'dueDate', 'status', 'contact', 'title', 'displayname', 'created');
      if (n === 'sortorder') return fc.constantFrom('ascending', 'descending');
      if (n === 'color') return fc.constantFrom('#ff0000', '#00FF00', 'red');
      if (n === 'countrycode' || n === 'country') return fc.constantFrom('DE', 'FR', 'US', 'Germany');
      if (n === 'status') return fc.constantFrom('1', '2', 'draft', 'Sent', 'Billed', 'paid', 'Active', 'Terminated', 'archive');
      if (n === 'password') return fc.constantFrom('wrong-password', 'user-password-1', '');
      if (n.endsWith('id') || n.endsWith('currency')) return fc.oneof(smallId.map(String), fc.constantFrom(...ctx.userIds, ...ctx.currencies));
      return ALNUM;
    }
  }
}

function plausibleObject(schema: JsonSchema, ctx: FuzzContext, depth: number): fc.Arbitrary<Val> {
  const props = schema.properties ?? schema.anyOf?.find((s) => s.properties)?.properties ?? {};
  const entries = Object.entries(props);
  if (entries.length === 0 || depth > 4) return fc.constant({});
  return fc.record(Object.fromEntries(entries.map(([k, s]) => [k, plausible(s, k, ctx, depth)])), { requiredKeys: [] }) as fc.Arbitrary<Val>;
}

/** Mostly plausible, sometimes boundary or hostile, for one parameter. */
export function fieldValue(schema: JsonSchema, name: string, ctx: FuzzContext): fc.Arbitrary<Val> {
  return fc.oneof({ weight: 6, arbitrary: plausible(schema, name, ctx) }, { weight: 3, arbitrary: hostileValue });
}

/** Name spellings the binder must treat alike (any letter case), plus names it must ignore. */
export function spelling(name: string): fc.Arbitrary<string> {
  return fc.constantFrom(name, name.toLowerCase(), name.toUpperCase(), name[0]!.toUpperCase() + name.slice(1));
}

/** A body object for a schema: each property omitted, plausible, or hostile; extra and odd keys. */
export function bodyObject(schema: JsonSchema | undefined, ctx: FuzzContext): fc.Arbitrary<Val> {
  return fc.oneof({ weight: 2, arbitrary: bodyObjectOf(schema, ctx, false) }, { weight: 3, arbitrary: bodyObjectOf(schema, ctx, true) });
}

function bodyObjectOf(schema: JsonSchema | undefined, ctx: FuzzContext, hostile: boolean): fc.Arbitrary<Val> {
  const props = Object.entries(schema?.properties ?? {});
  const fields = props.map(([k, s]) =>
    fc.option(fc.tuple(spelling(k), hostile ? fieldValue(s, k, ctx) : plausible(s, k, ctx)), { freq: 6, nil: undefined }), // omitted 1 in 6
  );
  const extras = !hostile ? fc.constant([] as [string, Val][]) : fc.array(fc.tuple(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'prototype', 'ids', 'id', 'status', 'tenantId', 'createBy', 'cost', 'fileID')), hostileValue), { maxLength: 2 });
  return fc.tuple(fc.tuple(...fields), extras).map(([fs, ex]) => {
    const o: Record<string, Val> = {};
    for (const f of fs) if (f) o[f[0]] = f[1];
    for (const [k, v] of ex) Object.defineProperty(o, k, { value: v, enumerable: true, configurable: true, writable: true });
    return o;
  });
}
