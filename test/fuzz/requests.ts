// Whole requests for a documented route: path ids (plausible, boundary, hostile), query string,
// body in every content type (JSON, urlencoded, multipart built by hand, text/plain, none, a wrong
// type, truncated JSON, invalid UTF-8), odd bracket keys and duplicate parameters, and a caller.
import fc from 'fast-check';
import type { FuzzRoute, JsonSchema } from './route-model.js';
import { MULTIPART_FILE_CRASH_OPEN } from './known-bugs.js';
import { bodyObject, fieldValue, hostileString, hostileValue, RawJson, spelling, type FuzzContext, type Val } from './values.js';

export type Caller = 'admin' | 'none' | 'garbage-token' | 'garbage-cookie' | 'bearer';

export interface FuzzRequest {
  route: FuzzRoute;
  caller: Caller;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** How the body was encoded, for the report. */
  encoding: string;
}

/** JSON text with RawJson tokens verbatim; NaN/Infinity become null as JSON.stringify does. */
export function toJson(v: Val | undefined): string {
  if (v === undefined || v === null) return 'null';
  if (v instanceof RawJson) return v.text;
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(toJson).join(',')}]`;
  return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`).join(',')}}`;
}

const scalarText = (v: Val): string => (v === null ? '' : v instanceof RawJson ? v.text : String(v));

export type ListStyle = 'indexed' | 'empty' | 'plain';

/** Flattens a tree into form pairs in Rack/jQuery bracket style. */
export function toPairs(v: Val, prefix: string, style: ListStyle, out: [string, string][] = []): [string, string][] {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      const scalar = x === null || typeof x !== 'object' || x instanceof RawJson;
      const key = style === 'indexed' ? `${prefix}[${i}]` : style === 'empty' || !scalar ? `${prefix}[]` : prefix;
      toPairs(x, key, style, out);
    });
  } else if (v !== null && typeof v === 'object' && !(v instanceof RawJson)) {
    for (const [k, x] of Object.entries(v)) toPairs(x, prefix ? `${prefix}[${k}]` : k, style, out);
  } else if (prefix) out.push([prefix, scalarText(v)]);
  return out;
}

const enc = (s: string) => encodeURIComponent(s);
/** Pairs as a query string / urlencoded body; `raw` keeps brackets unescaped as browsers send them. */
function formText(pairs: [string, string][], raw: boolean): string {
  return pairs.map(([k, v]) => `${raw ? k.replace(/[^[\]\w.-]/g, (c) => { try { return enc(c); } catch { return '%EF%BF%BD'; } }) : safeEnc(k)}=${safeEnc(v)}`).join('&');
}
function safeEnc(s: string): string {
  try {
    return enc(s);
  } catch {
    // a lone surrogate: send its WTF-8 bytes percent-encoded, which is not valid UTF-8
    return [...s].map((c) => { try { return enc(c); } catch { const u = c.charCodeAt(0); return `%${(0xe0 | (u >> 12)).toString(16)}%${(0x80 | ((u >> 6) & 0x3f)).toString(16)}%${(0x80 | (u & 0x3f)).toString(16)}`; } }).join('');
  }
}

const BOUNDARY = 'fuzzBoundary7MA4YWxkTrZu0gW';
function multipartBody(pairs: [string, string][], file: boolean, variant: 'ok' | 'unterminated' | 'no-boundary' | 'wrong-boundary'): { payload: Buffer; type: string } {
  const parts: Buffer[] = [];
  for (const [k, v] of pairs) parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k.replace(/"/g, '%22')}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n`));
    parts.push(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe]));
    parts.push(Buffer.from('\r\n'));
  }
  if (variant !== 'unterminated') parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  const type = variant === 'no-boundary' ? 'multipart/form-data' : variant === 'wrong-boundary' ? 'multipart/form-data; boundary=other' : `multipart/form-data; boundary=${BOUNDARY}`;
  return { payload: Buffer.concat(parts), type };
}

const INVALID_UTF8 = [Buffer.from([0xff]), Buffer.from([0xc3, 0x28]), Buffer.from([0xe2, 0x82]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]), Buffer.from([0xc0, 0xaf])];

type BodyEncoding =
  | 'json' | 'json-charset' | 'urlencoded' | 'urlencoded-raw' | 'multipart' | 'multipart-file' | 'multipart-unterminated'
  | 'multipart-no-boundary' | 'multipart-wrong-boundary' | 'text-plain' | 'none' | 'type-only' | 'json-as-form' | 'form-as-json'
  | 'xml' | 'octet' | 'truncated-json' | 'invalid-utf8-json' | 'invalid-utf8-form' | 'json-scalar' | 'huge';

const encodingArb: fc.Arbitrary<BodyEncoding> = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom<BodyEncoding>('json', 'json-charset') },
  { weight: 10, arbitrary: fc.constantFrom<BodyEncoding>('urlencoded', 'urlencoded-raw') },
  { weight: 5, arbitrary: fc.constantFrom<BodyEncoding>('multipart', 'multipart-file') },
  { weight: 2, arbitrary: fc.constantFrom<BodyEncoding>('multipart-unterminated', 'multipart-no-boundary', 'multipart-wrong-boundary') },
  { weight: 3, arbitrary: fc.constantFrom<BodyEncoding>('text-plain', 'none', 'type-only', 'json-as-form', 'form-as-json', 'xml', 'octet') },
  { weight: 4, arbitrary: fc.constantFrom<BodyEncoding>('truncated-json', 'invalid-utf8-json', 'invalid-utf8-form', 'json-scalar') },
  { weight: 1, arbitrary: fc.constant<BodyEncoding>('huge') },
);

interface Encoded {
  payload?: string | Buffer;
  type?: string;
}

function encodeBody(body: Val, encoding: BodyEncoding, style: ListStyle, cut: number, extraPairs: [string, string][], duplicate: boolean): Encoded {
  const pairs = () => {
    const own = toPairs(body, '', style);
    // duplicate parameters: the first keys again with other values (the first occurrence must win)
    const dups = duplicate ? own.slice(0, 2).map(([k]): [string, string] => [k, 'dup']) : [];
    return [...own, ...dups, ...extraPairs];
  };
  const json = () => {
    const t = toJson(body);
    // a JSON object with a key repeated in another letter case and verbatim
    if (duplicate && t.startsWith('{') && t.length > 2) {
      const first = Object.keys(body as object)[0] ?? 'a';
      return `${t.slice(0, -1)},${JSON.stringify(first)}:"dup",${JSON.stringify(first.toUpperCase())}:[1]}`;
    }
    return t;
  };
  switch (encoding) {
    case 'json': return { payload: json(), type: 'application/json' };
    case 'json-charset': return { payload: json(), type: 'Application/JSON; charset=UTF-8' };
    case 'urlencoded': return { payload: formText(pairs(), false), type: 'application/x-www-form-urlencoded' };
    case 'urlencoded-raw': return { payload: formText(pairs(), true), type: 'application/x-www-form-urlencoded; charset=UTF-8' };
    case 'multipart': return mp(multipartBody(pairs(), false, 'ok'));
    case 'multipart-file': return mp(multipartBody(pairs(), true, 'ok'));
    case 'multipart-unterminated': return mp(multipartBody(pairs(), !MULTIPART_FILE_CRASH_OPEN, 'unterminated'));
    case 'multipart-no-boundary': return mp(multipartBody(pairs(), false, 'no-boundary'));
    case 'multipart-wrong-boundary': return mp(multipartBody(pairs(), false, 'wrong-boundary'));
    case 'text-plain': return { payload: json(), type: 'text/plain' };
    case 'none': return {};
    case 'type-only': return { type: 'application/json' };
    case 'json-as-form': return { payload: json(), type: 'application/x-www-form-urlencoded' };
    case 'form-as-json': return { payload: formText(pairs(), false), type: 'application/json' };
    case 'xml': return { payload: '<invoice><number>1</number></invoice>', type: 'text/xml' };
    case 'octet': return { payload: Buffer.from([0, 1, 2, 0xff, 0xfe]), type: 'application/octet-stream' };
    case 'truncated-json': { const t = json(); return { payload: t.slice(0, Math.max(1, Math.floor(t.length * cut)) - 1), type: 'application/json' }; }
    case 'invalid-utf8-json': { const t = Buffer.from(json()); const at = Math.floor(t.length * cut); return { payload: Buffer.concat([t.subarray(0, at), INVALID_UTF8[Math.floor(cut * 60) % INVALID_UTF8.length]!, t.subarray(at)]), type: 'application/json' }; }
    case 'invalid-utf8-form': { const t = Buffer.from(formText(pairs(), false) || 'a=1'); return { payload: Buffer.concat([t, Buffer.from('&x='), INVALID_UTF8[Math.floor(cut * 60) % INVALID_UTF8.length]!]), type: cut > 0.5 ? 'application/x-www-form-urlencoded' : `multipart/form-data; boundary=${BOUNDARY}` }; }
    case 'json-scalar': return { payload: cut < 0.25 ? '"a string"' : cut < 0.5 ? '42' : cut < 0.75 ? 'null' : '[1,2,{"a":[]}]', type: 'application/json' };
    case 'huge': return { payload: `{"description":"${'x'.repeat(1_100_000)}"}`, type: 'application/json' };
  }
}
const mp = (m: { payload: Buffer; type: string }): Encoded => ({ payload: m.payload, type: m.type });

/** Extra form keys: deep or repeated bracket nesting and duplicates (`x[]=1&x[][y]=2`). */
const bracketKeys: fc.Arbitrary<[string, string][]> = fc.array(
  fc.oneof(
    fc.tuple(fc.constantFrom('a', 'invoiceLines', 'ids', 'invoiceids', 'address', 'rates', 'userIds', 'x'), fc.array(fc.constantFrom('[]', '[0]', '[a]', '[b]', '[price]', '[1]', '[__proto__]', '[constructor]', '[-1]', '[99999999]', '[', ']'), { maxLength: 30 }), hostileString)
      .map(([k, segs, v]): [string, string] => [k + segs.join(''), v]),
    fc.constantFrom<[string, string]>(['x[]', '1'], ['x[][y]', '2'], ['a[b][c][d][e][f][g][h][i][j][k]', '1'], ['ids', '1,2,,3'], ['ids[]', ''], ['[]', '1'], ['[a]', '1'], ['a]', '1'], ['a[[b]]', '1'], ['__proto__[polluted]', '1'], ['constructor[prototype][x]', '1']),
  ),
  { maxLength: 4 },
);

/** A path segment for a parameter: a plausible id or name, a boundary number, or hostile text. */
function pathValue(name: string, schema: JsonSchema, ctx: FuzzContext): fc.Arbitrary<string> {
  const isInt = (Array.isArray(schema.type) ? schema.type : [schema.type]).includes('integer');
  const boundary = fc.constantFrom('0', '-1', '-0', '+1', '01', '1.0', '1e3', '0x1F', '2147483647', '2147483648', '-2147483648', '4294967297', '9007199254740992', '9007199254740993', '1' + '0'.repeat(40), 'NaN', 'Infinity', 'abc', '%20', '%00', '%2F', '..', '%E2%80%AE', '%C3%28', '%', '%zz', '١', '１', ' 1', '1%20');
  const plausibleText = name === 'status'
    ? fc.constantFrom('1', '2', '3', '4', 'draft', 'Sent', 'Billed', 'PAID', 'archive', 'Active', 'Terminated', 'rejected')
    : /currency/i.test(name) ? fc.constantFrom(...ctx.currencies)
    : fc.constantFrom(...ctx.userIds, ...ctx.emails, '@self');
  const plausibleId = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 400 }) }).map(String);
  return fc.oneof(
    { weight: 6, arbitrary: isInt ? plausibleId : plausibleText },
    { weight: 3, arbitrary: boundary },
    { weight: 2, arbitrary: hostileString.map(safeEnc) },
  ).map((s) => s || '0');
}

const callerArb: fc.Arbitrary<Caller> = fc.oneof(
  { weight: 16, arbitrary: fc.constant<Caller>('admin') },
  { weight: 4, arbitrary: fc.constantFrom<Caller>('none', 'garbage-token', 'garbage-cookie', 'bearer') },
);

/** `arb` with probability `p`, else `nil` (fc.option's freq counts the other way round). */
export function maybe<T, N>(arb: fc.Arbitrary<T>, p: number, nil: N): fc.Arbitrary<T | N> {
  const w = Math.round(p * 1000);
  return fc.oneof({ weight: w, arbitrary: arb }, { weight: 1000 - w, arbitrary: fc.constant(nil) });
}

/** A valid-looking body for the routes that need many fields right at once, by route key. */
export type Templates = Record<string, () => Val>;

function templateBody(template: () => Val): fc.Arbitrary<Val> {
  // the template with 0–2 fields replaced by hostile values or dropped
  return fc.array(fc.tuple(fc.nat(), fc.option(hostileValue, { freq: 3, nil: undefined })), { maxLength: 2 }).map((muts) => {
    const body = template() as Record<string, Val>;
    const keys = Object.keys(body);
    for (const [i, v] of muts) {
      const k = keys[i % keys.length]!;
      if (v === undefined) delete body[k];
      else body[k] = v;
    }
    return body;
  });
}

export function requestArb(routes: FuzzRoute[], ctx: FuzzContext, templates: Templates): fc.Arbitrary<FuzzRequest> {
  // one arbitrary per route, built once (building them per run costs more than the requests)
  const perRoute = routes.map((route) => routeRequestArb(route, ctx, templates));
  return fc.nat({ max: routes.length - 1 }).chain((i) => perRoute[i]!);
}

function routeRequestArb(route: FuzzRoute, ctx: FuzzContext, templates: Templates): fc.Arbitrary<FuzzRequest> {
  {
    const tpl = templates[`${route.method} ${route.path}`];
    const bodyArb: fc.Arbitrary<Val> = fc.oneof(
      { weight: tpl ? 5 : 0, arbitrary: tpl ? templateBody(tpl) : fc.constant({}) },
      { weight: 5, arbitrary: bodyObject(route.body, ctx) },
      { weight: 1, arbitrary: hostileValue },
    );
    const hasBody = route.method !== 'GET';
    const queryArb = fc.tuple(
      fc.tuple(...route.queryParams.map((p) => maybe(fc.tuple(spelling(p.name), p.examples.length ? fc.oneof(fc.constantFrom(...(p.examples as Val[])), fieldValue(p.schema, p.name, ctx)) : fieldValue(p.schema, p.name, ctx)), 0.5, undefined))),
      // body fields bind from the query too, for every method (spec §1.3)
      maybe(bodyObject(route.body, ctx), route.method === 'GET' ? 0 : 0.12, undefined),
      maybe(bracketKeys, 0.15, undefined),
      fc.constantFrom<ListStyle>('indexed', 'empty', 'plain'),
      fc.boolean(),
    );
    return fc.record({
      route: fc.constant(route),
      caller: callerArb,
      pathValues: fc.tuple(...route.pathParams.map((p) => pathValue(p.name, p.schema, ctx))),
      query: queryArb,
      body: hasBody ? maybe(bodyArb, 0.95, undefined) : maybe(bodyArb, 0.08, undefined),
      encoding: encodingArb,
      style: fc.constantFrom<ListStyle>('indexed', 'empty', 'plain'),
      cut: fc.double({ min: 0, max: 1, noNaN: true }),
      extraPairs: maybe(bracketKeys, 0.15, [] as [string, string][]),
      duplicate: maybe(fc.constant(true), 0.1, false),
      pathVariant: fc.constantFrom('plain', 'plain', 'plain', 'plain', 'json', 'upper', 'slash', 'question'),
      methodVariant: maybe(fc.constantFrom('PATCH', 'OPTIONS', 'GET', 'POST', 'PUT', 'DELETE'), 0.03, undefined),
    }).map((g): FuzzRequest => {
      let path = route.path;
      route.pathParams.forEach((p, i) => { path = path.replace(`{${p.name}}`, g.pathValues[i]!); });
      if (g.pathVariant === 'json') path += '.json';
      else if (g.pathVariant === 'upper') path = path.toUpperCase();
      else if (g.pathVariant === 'slash') path += '/';
      const [qp, qBody, qBrackets, qStyle, qRaw] = g.query;
      const qPairs: [string, string][] = [];
      for (const p of qp) if (p) qPairs.push(...toPairs(p[1], p[0], qStyle));
      if (qBody) qPairs.push(...toPairs(qBody, '', qStyle));
      if (qBrackets) qPairs.push(...qBrackets);
      if (g.duplicate && qPairs.length) qPairs.push(...qPairs.slice(0, 2).map(([k]): [string, string] => [k, 'duplicate']));
      const qs = formText(qPairs, qRaw);
      const url = qs ? `${path}?${qs}` : g.pathVariant === 'question' ? `${path}?` : path;
      const headers: Record<string, string> = {};
      let payload: string | Buffer | undefined;
      let encoding = 'none';
      if (g.body !== undefined) {
        const e = encodeBody(g.body, g.encoding, g.style, g.cut, g.extraPairs, g.duplicate);
        payload = e.payload;
        if (e.type) headers['content-type'] = e.type;
        encoding = g.encoding;
      }
      return { route, caller: g.caller, method: g.methodVariant ?? route.method, url, headers, payload, encoding };
    });
  }
}

export { hostileString };
