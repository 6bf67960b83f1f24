// Rewrites the README's API coverage table from the OpenAPI document the server serves, between
// the `routes:start` and `routes:end` markers (test/docs.test.ts checks the table stays complete).
// Usage: npx tsx scripts/api-routes.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { routesOf } from '../test/support/openapi-routes.js';

const routes = await routesOf();
const rows = routes.map((r) => `| \`${r.method} ${r.path}\` | done | ${r.summary.replace(/\|/g, '\\|')} |`);
const table = ['| endpoint | status | what it does |', '|---|---|---|', ...rows].join('\n');
const readme = readFileSync('README.md', 'utf8');
const next = readme.replace(/(<!-- routes:start -->)[\s\S]*?(<!-- routes:end -->)/, `$1\n${table}\n$2`);
writeFileSync('README.md', next);
console.log(`${routes.length} routes written to the README`);
process.exit(0);
