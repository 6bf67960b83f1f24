// Static assets of the web app, held in memory: the stylesheet and the line-editor island.
// `npm run build` bundles the island with esbuild into dist/web/assets/ (scripts/build-web.mjs, with
// ISLAND_BUILD_OPTIONS below); when the app runs from
// the sources (tests, `npm run dev`) and no bundle exists, it is bundled here in memory.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Asset {
  body: Buffer;
  type: string;
  hash: string;
}

const assets = new Map<string, Asset>();
const ASSET_DIR = fileURLToPath(new URL('./assets/', import.meta.url));

/** The package root (this module may run from src/, dist/ or a test bundle elsewhere). */
function packageRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && /"name":\s*"ledgerline"/.test(readFileSync(pkg, 'utf8'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

const firstExisting = (paths: string[]): string | undefined => paths.find((p) => existsSync(p));

function put(name: string, body: Buffer, type: string): void {
  assets.set(name, { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) });
}

/** How the island is bundled, here and by `npm run build` (scripts/build-web.mjs). */
export const ISLAND_BUILD_OPTIONS = {
  bundle: true,
  format: 'esm',
  minify: true,
  target: ['es2022'],
  platform: 'browser',
  legalComments: 'none',
} as const;

export async function loadAssets(): Promise<void> {
  if (assets.size > 0) return;
  const root = packageRoot();
  const css = firstExisting([join(ASSET_DIR, 'app.css'), join(root, 'src/web/assets/app.css'), join(root, 'dist/web/assets/app.css')]);
  if (!css) throw new Error('The web stylesheet app.css is missing (src/web/assets/)');
  put('app.css', readFileSync(css), 'text/css; charset=utf-8');
  // Beside this module (dist/), else fresh from the sources when they are here, else a built copy.
  const source = join(root, 'src/web/island/line-editor.ts');
  const built = firstExisting([join(ASSET_DIR, 'island.js'), ...(existsSync(source) ? [] : [join(root, 'dist/web/assets/island.js')])]);
  if (built) {
    put('island.js', readFileSync(built), 'text/javascript; charset=utf-8');
  } else {
    const esbuild = await import('esbuild');
    const out = await esbuild.build({ ...ISLAND_BUILD_OPTIONS, target: [...ISLAND_BUILD_OPTIONS.target], entryPoints: [source], write: false });
    put('island.js', Buffer.from(out.outputFiles[0]!.contents), 'text/javascript; charset=utf-8');
  }
}

export const getAsset = (name: string): Asset | undefined => assets.get(name);

/** The URL of an asset with its content hash, so browsers may cache it for a year. */
export function assetUrl(name: string): string {
  const a = assets.get(name);
  return `/app/assets/${name}${a ? `?v=${a.hash}` : ''}`;
}
