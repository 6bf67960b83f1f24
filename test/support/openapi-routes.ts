// The routes the OpenAPI document lists, as `METHOD /path` with the ONLYOFFICE-style path.
import { createTestApp } from './test-app.js';

export interface DocumentedRoute {
  method: string;
  path: string;
  summary: string;
}

export async function routesOf(): Promise<DocumentedRoute[]> {
  const t = await createTestApp({ env: { LEDGERLINE_TEST_MODE: '0' } });
  try {
    const doc = (await t.app.inject({ url: '/api/2.0/openapi.json' })).json() as { paths: Record<string, Record<string, { summary?: string }>> };
    const out: DocumentedRoute[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        out.push({ method: method.toUpperCase(), path: path.replace(/\{(\w+)\}/g, '{$1}'), summary: op.summary ?? '' });
      }
    }
    return out.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  } finally {
    await t.close();
  }
}
