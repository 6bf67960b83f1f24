// Bundles the line-editor island with esbuild and copies the stylesheet into dist/web/assets/
// (run by `npm run build` after tsc). Options match src/web/assets.ts ISLAND_BUILD_OPTIONS.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

const out = 'dist/web/assets';
mkdirSync(out, { recursive: true });
copyFileSync('src/web/assets/app.css', `${out}/app.css`);
await build({
  entryPoints: ['src/web/island/line-editor.ts'],
  outfile: `${out}/island.js`,
  bundle: true,
  format: 'esm',
  minify: true,
  target: ['es2022'],
  platform: 'browser',
  legalComments: 'none',
  logLevel: 'warning',
});
const js = readFileSync(`${out}/island.js`);
console.log(`island.js: ${statSync(`${out}/island.js`).size} bytes, ${gzipSync(js).length} gzipped`);
