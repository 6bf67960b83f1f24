// Tiny .cpuprofile analyser: self time per function (and per package), top N.
// Run: node --import tsx bench/cpuprofile.ts <file.cpuprofile> [top]
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface Profile { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

const where = (url: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.includes('/dist/')) return 'ledgerline';
  if (url.startsWith('node:')) return 'node';
  return url ? url.replace(/^file:\/\//, '') : '(native/vm)';
};

export function analyse(file: string, top = 20): string {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fns = new Map<string, number>();
  const pkgs = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const file = url.split('/').slice(-1)[0] ?? '';
    const key = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''} [${where(url)}]`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    pkgs.set(where(url), (pkgs.get(where(url)) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  const lines = [`${file}: ${(total / 1e6).toFixed(1)} s sampled`, 'top self time by function:'];
  for (const [k, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(us)}  ${k}`);
  lines.push('self time by package:');
  for (const [k, us] of [...pkgs].sort((a, b) => b[1] - a[1]).slice(0, 12)) lines.push(`  ${pct(us)}  ${k}`);
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('cpuprofile.ts')) console.log(analyse(process.argv[2]!, Number(process.argv[3] ?? 20)));
