// Docs are part of the product: every route the server documents appears in the README's API
// coverage table, and the quick start's commands are there.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routesOf } from './support/openapi-routes.js';

const README = readFileSync(resolve(__dirname, '../README.md'), 'utf8');

describe('README', () => {
  it('lists every documented route in the API coverage table', async () => {
    const routes = await routesOf();
    expect(routes.length).toBeGreaterThan(50);
    const missing = routes.filter((r) => !README.includes(`\`${r.method} ${r.path}\``)).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('keeps the quick start', () => {
    expect(README).toContain('npm install && npm start');
    expect(README).toContain('npm test');
  });
});
