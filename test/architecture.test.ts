// The layering of DESIGN.md, enforced: dependency arrows point inward.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openStore, type Store } from '../src/store/database.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

const SRC = resolve(__dirname, '../src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.tsx?$/.test(p) ? [p] : [];
  });
}

/** Layer of a file or an import target: the first folder under src/, or a package name. */
function layerOf(path: string): string {
  const rel = relative(SRC, path);
  if (rel.startsWith('web/island/')) return 'web/island';
  return rel.includes('/') ? rel.split('/')[0]! : rel.replace(/\.tsx?$/, '');
}

// What each layer may import (besides itself). Packages are listed where they are allowed.
const ALLOWED: Record<string, { layers: string[]; packages: RegExp }> = {
  domain: { layers: [], packages: /^(node:crypto|decimal\.js)$/ },
  documents: { layers: ['domain'], packages: /^(node:|decimal\.js|pdfmake|xmlbuilder2)/ },
  store: { layers: ['domain', 'config'], packages: /^(node:.*|kysely|better-sqlite3|pg)$/ },
  'use-cases': { layers: ['domain', 'store', 'documents', 'config'], packages: /^(node:)/ },
  http: { layers: ['domain', 'use-cases', 'config'], packages: /^(node:|fastify|@fastify\/|typebox|busboy)/ },
  // The web app is an adapter like http/ (it reuses http's form parsing and login throttle, never the store).
  web: { layers: ['domain', 'use-cases', 'config', 'http', 'web/island'], packages: /^(node:.+|fastify|@fastify\/.+|preact|preact\/.+|preact-render-to-string|esbuild)$/ },
  // The island runs in the browser: pure domain code only, so its totals are the server's.
  'web/island': { layers: ['domain'], packages: /^decimal\.js$/ },
};

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n]*?from\s+['"]([^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
}

describe('architecture', () => {
  it('every layer imports only inward (DESIGN.md "Layers")', () => {
    const violations: string[] = [];
    for (const file of filesUnder(SRC)) {
      const from = layerOf(file);
      const rule = ALLOWED[from];
      if (!rule) continue; // main.ts, app.ts, cli.ts, config.ts compose the layers
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) {
          const to = layerOf(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
          if (to !== from && !rule.layers.includes(to)) violations.push(`${relative(SRC, file)} imports ${to}/ (${spec})`);
        } else if (!rule.packages.test(spec)) {
          violations.push(`${relative(SRC, file)} imports package ${spec}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('the rule itself catches a crossing', () => {
    // Guard against a checker that passes everything: a domain file importing fastify is refused.
    expect(ALLOWED.domain!.packages.test('fastify')).toBe(false);
    expect(ALLOWED.domain!.layers.includes('store')).toBe(false);
  });
});

describe('tenancy', () => {
  let db: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    db = await createTestDatabase();
    store = await openStore(db.config);
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  // Global tables, named here as the only exceptions (DESIGN "Data").
  const GLOBAL = new Set(['tenants', 'currencies', 'kysely_migration', 'kysely_migration_lock']);

  it('every table but the global ones has tenant_id', async () => {
    const tables =
      store.dialect === 'sqlite'
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(store.db)).rows.map((r) => r.name)
        : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(store.db)).rows.map((r) => r.name);
    expect(tables.length).toBeGreaterThan(2);
    const missing: string[] = [];
    for (const table of tables) {
      if (GLOBAL.has(table)) continue;
      const cols =
        store.dialect === 'sqlite'
          ? (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(store.db)).rows.map((r) => r.name)
          : (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_name = ${table}`.execute(store.db)).rows.map((r) => r.name);
      if (!cols.includes('tenant_id')) missing.push(table);
    }
    expect(missing).toEqual([]);
  });
});
