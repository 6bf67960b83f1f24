// Bundles the line-editor island with esbuild and copies the stylesheet into dist/web/assets/
// (run by `npm run build` after tsc, so the options come from the compiled src/web/assets.ts).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { ISLAND_BUILD_OPTIONS } from '../dist/web/assets.js';

const out = 'dist/web/assets';
mkdirSync(out, { recursive: true });
copyFileSync('src/web/assets/app.css', `${out}/app.css`);
await build({
  ...ISLAND_BUILD_OPTIONS,
  target: [...ISLAND_BUILD_OPTIONS.target],
  entryPoints: ['src/web/island/line-editor.ts'],
  outfile: `${out}/island.js`,
  logLevel: 'warning',
});
const js = readFileSync(`${out}/island.js`);
console.log(`island.js: ${js.length} bytes, ${gzipSync(js).length} gzipped`);
