// ONLYOFFICE parameter binding (spec §1.3 with DECISIONS "Wire format"), written once.
// Values are gathered from the path, then the query string, then the body (first one wins),
// matched to the properties a route's schema declares in any letter case and at any depth,
// and converted with specific messages. ajv validates the result afterwards.
import type { TSchema } from 'typebox';
import { invalid } from '../domain/errors.js';
import { parseDecimal } from '../domain/money.js';
import { FormShapeError, isFormObject, jsonToTree, newObject, pairsToTree, FormBody, type FormObject, type FormValue } from './form-tree.js';
import { parseApiDate } from './wire-date.js';

/** Schema annotation telling the binder how to read a scalar beyond its JSON type. */
export const KIND = 'x-ll-kind';
export type ScalarKind = 'decimal' | 'date' | 'enum' | 'guid';
/** For `enum` kinds: accepted names and display texts (lower-cased) → wire integer. */
export const ENUM_NAMES = 'x-ll-enum';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  default?: unknown;
  [KIND]?: ScalarKind;
  [ENUM_NAMES]?: Record<string, number>;
}

export interface BindContext {
  timeZone: string;
}

class BindError extends Error {}

const INT_RE = /^[+-]?\d+$/;
// .NET Guid text: D (dashed), N (32 digits) or B ({dashed}); bound to the dashed lower-case form ids are stored in.
const GUID_RE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}|\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\})$/i;

const quote = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

function typeOf(schema: Schema): string {
  if (schema[KIND]) return schema[KIND]!;
  const t = schema.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.find((x) => x !== 'null') ?? 'string';
  if (schema.anyOf) {
    const nonNull = schema.anyOf.find((s) => s.type !== 'null');
    return nonNull ? typeOf(nonNull) : 'string';
  }
  return 'any';
}

function propertiesOf(schema: Schema): Record<string, Schema> | undefined {
  if (schema.properties) return schema.properties;
  return schema.anyOf?.find((s) => s.properties)?.properties;
}

function itemsOf(schema: Schema): Schema {
  return schema.items ?? schema.anyOf?.find((s) => s.items)?.items ?? {};
}

/** The first scalar of a value (a scalar parameter takes the first occurrence, spec §1.3). */
function firstScalar(raw: FormValue, name: string): string {
  let v: FormValue | undefined = raw;
  while (Array.isArray(v)) v = v[0];
  if (v === undefined) return '';
  if (isFormObject(v)) throw new BindError(`${name}: expected a single value, not an object`);
  return v;
}

function bindScalar(schema: Schema, raw: FormValue, name: string, ctx: BindContext): unknown {
  const whole = firstScalar(raw, name);
  // No text column of either database can hold NUL (PostgreSQL refuses it): a clear 400.
  if (whole.includes('\u0000')) throw new BindError(`${name}: the NUL character is not allowed`);
  const text = whole.trim();
  const kind = typeOf(schema);
  if (text === '' && kind !== 'string') return undefined; // empty → the type default (spec §1.3)
  switch (kind) {
    case 'integer': {
      if (!INT_RE.test(text)) throw new BindError(`${name}: ${quote(text)} is not a valid integer`);
      const n = Number(text);
      if (!Number.isSafeInteger(n) || Math.abs(n) > 2_147_483_647) throw new BindError(`${name}: ${quote(text)} is out of range`);
      return n;
    }
    case 'number': {
      const d = parseDecimal(text);
      if (!d) throw new BindError(`${name}: ${quote(text)} is not a valid number`);
      return d.toNumber();
    }
    case 'decimal': {
      const d = parseDecimal(text);
      if (!d) throw new BindError(`${name}: ${quote(text)} is not a valid decimal number`);
      return d.toString();
    }
    case 'boolean': {
      const t = text.toLowerCase();
      if (t === 'true' || t === '1' || t === 'on') return true;
      if (t === 'false' || t === '0' || t === 'off') return false;
      throw new BindError(`${name}: ${quote(text)} is not a valid boolean (true or false)`);
    }
    case 'date': {
      const d = parseApiDate(text, ctx.timeZone);
      if (!d) throw new BindError(`${name}: ${quote(text)} is not a valid date (expected e.g. 2024-05-01 or 2024-05-01T12:00:00.000+03:00)`);
      return d.toISOString();
    }
    case 'enum': {
      if (INT_RE.test(text)) return Number(text);
      const v = schema[ENUM_NAMES]?.[text.toLowerCase()];
      if (v === undefined) throw new BindError(`${name}: ${quote(text)} is not a valid value`);
      return v;
    }
    case 'guid': {
      if (!GUID_RE.test(text)) throw new BindError(`${name}: ${quote(text)} is not a valid GUID`);
      const hex = text.replace(/[{}-]/g, '').toLowerCase();
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
    default:
      return firstScalar(raw, name); // strings keep their spaces
  }
}

function toList(raw: FormValue, itemKind: string): FormValue[] {
  if (Array.isArray(raw)) return raw;
  if (isFormObject(raw)) {
    const keys = Object.keys(raw);
    // Indexed keys `ids[0]=…&ids[1]=…` come back as an object with numeric keys.
    if (keys.length > 0 && keys.every((k) => INT_RE.test(k))) return keys.sort((a, b) => Number(a) - Number(b)).map((k) => raw[k]!);
    return [raw]; // a single hash is a one-element list (DECISIONS)
  }
  // One comma-joined value `ids=1,2,3` (DECISIONS: clients send it) for lists of numbers.
  if (itemKind === 'integer' && raw.includes(',')) return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return raw === '' ? [] : [raw];
}

/** The longest list a parameter may hold (ids to delete and the like): beyond it, a clear 400. */
export const MAX_LIST_ITEMS = 10_000;

function bindValue(schema: Schema, raw: FormValue, name: string, ctx: BindContext): unknown {
  const kind = typeOf(schema);
  if (kind === 'array') {
    const items = itemsOf(schema);
    const list = toList(raw, typeOf(items));
    if (list.length > MAX_LIST_ITEMS) throw new BindError(`${name}: at most ${MAX_LIST_ITEMS} values`);
    return list.map((v, i) => bindValue(items, v, `${name}[${i}]`, ctx)).filter((v) => v !== undefined);
  }
  if (kind === 'object') {
    const props = propertiesOf(schema);
    let source = raw;
    while (Array.isArray(source)) source = source[0] ?? newObject();
    if (!isFormObject(source)) throw new BindError(`${name}: expected an object`);
    return props ? bindObject(props, [source], name, ctx) : source;
  }
  if (kind === 'any') return raw;
  return bindScalar(schema, raw, name, ctx);
}

/** Binds each declared property from the first source that has it (names in any case). */
function bindObject(props: Record<string, Schema>, sources: FormObject[], prefix: string, ctx: BindContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [prop, schema] of Object.entries(props)) {
    const key = prop.toLowerCase();
    const name = prefix ? `${prefix}.${prop}` : prop;
    for (const src of sources) {
      const raw = src[key];
      if (raw === undefined) continue;
      const v = bindValue(schema, raw, name, ctx);
      if (v !== undefined) out[prop] = v;
      break;
    }
  }
  return out;
}

export interface RawRequest {
  params: Record<string, string> | undefined;
  queryString: string;
  body: unknown;
}

/** Builds the canonical input object for `schema` from the whole request. Throws INVALID_ARGUMENT. */
export function bindRequest(schema: TSchema, req: RawRequest, ctx: BindContext): Record<string, unknown> {
  const props = propertiesOf(schema as Schema) ?? {};
  try {
    const sources: FormObject[] = [];
    if (req.params) {
      const p = newObject();
      for (const [k, v] of Object.entries(req.params)) p[k.toLowerCase()] = v;
      sources.push(p);
    }
    if (req.queryString) sources.push(pairsToTree(new URLSearchParams(req.queryString)));
    const body = req.body;
    if (body instanceof FormBody) sources.push(pairsToTree(body.pairs));
    else if (isFormObject(body)) sources.push(jsonToTree(body) as FormObject);
    return bindObject(props, sources, '', ctx);
  } catch (e) {
    if (e instanceof BindError || e instanceof FormShapeError) throw invalid(e.message);
    throw e;
  }
}
