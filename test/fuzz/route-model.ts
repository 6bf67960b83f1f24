// The fuzzer's view of the API: every documented operation of GET /api/2.0/openapi.json with the
// schemas of its path, query and body parameters (the server's own document is the source).
import type { App } from '../../src/http/app-type.js';

/** The subset of JSON Schema (plus the binder's x-ll-* annotations) the generators read. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  'x-ll-kind'?: string;
  'x-ll-enum'?: Record<string, number>;
  examples?: Record<string, { value: unknown }>;
}

export interface FuzzParam {
  name: string;
  schema: JsonSchema;
  examples: unknown[];
}

export interface FuzzRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** OpenAPI path, e.g. `/api/2.0/crm/invoice/{invoiceid}`. */
  path: string;
  pathParams: FuzzParam[];
  queryParams: FuzzParam[];
  /** Body schema (the first content type's) or undefined when the operation documents none. */
  body?: JsonSchema;
  bodyTypes: string[];
  /** Answers without a token (config.public): login, health. */
  isPublic: boolean;
  /** A successful answer is a document (PDF, XML), not the JSON envelope. */
  binary: boolean;
}

export const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

const PUBLIC = new Set(['GET /healthz', 'POST /api/2.0/authentication']);
// Downloads documented as answering the file itself (errors still come in the envelope).
const BINARY = [/\/pdf$/, /\/pdf\/download$/, /\/files\/\{fileid\}\/download$/, /\/invoice\/\{invoiceid\}\/einvoice$/];

interface OpenApiDoc {
  paths: Record<string, Record<string, {
    parameters?: { in: string; name: string; schema: JsonSchema; examples?: Record<string, { value: unknown }> }[];
    requestBody?: { content: Record<string, { schema: JsonSchema }> };
  }>>;
}

export async function loadRoutes(app: App): Promise<FuzzRoute[]> {
  const res = await app.inject({ url: '/api/2.0/openapi.json' });
  const doc = res.json() as OpenApiDoc;
  const out: FuzzRoute[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase() as FuzzRoute['method'];
      const params = op.parameters ?? [];
      const toParam = (p: (typeof params)[number]): FuzzParam => ({
        name: p.name,
        schema: p.schema ?? {},
        examples: Object.values(p.examples ?? {}).map((e) => e.value),
      });
      const content = op.requestBody?.content ?? {};
      const key = `${method} ${path}`;
      out.push({
        method,
        path,
        pathParams: params.filter((p) => p.in === 'path').map(toParam),
        queryParams: params.filter((p) => p.in === 'query').map(toParam),
        body: Object.values(content)[0]?.schema,
        bodyTypes: Object.keys(content),
        isPublic: PUBLIC.has(key),
        binary: method === 'GET' && BINARY.some((re) => re.test(path)),
      });
    }
  }
  return out.sort((a, b) => routeKey(a).localeCompare(routeKey(b)));
}
