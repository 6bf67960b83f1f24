// Side-by-side A/B of two builds (e.g. dist/ and a scratch copy's dist/ with a proposed change):
// create and read figures, alternating rounds, medians, ratio B/A.
// Run: node --import tsx bench/compare.ts /tmp/scratch/dist/main.js [dist/main.js]
import { alternate, report } from './lib.js';
import { api, createBody, startServer } from './server.js';

async function main(): Promise<void> {
  const b = process.argv[2]!;
  const a = process.argv[3] ?? 'dist/main.js';
  const sa = await startServer(18_187, {}, { entry: a });
  const sb = await startServer(18_188, {}, { entry: b });
  try {
    const bodies = [JSON.stringify(await createBody(sa)), JSON.stringify(await createBody(sb))];
    const ids = [(await api(sa, 'POST', '/api/2.0/crm/invoice', JSON.parse(bodies[0]!))).id, (await api(sb, 'POST', '/api/2.0/crm/invoice', JSON.parse(bodies[1]!))).id];
    const h = (s: typeof sa) => ({ authorization: s.token, 'content-type': 'application/json' });
    const c = await alternate([sb, sa].map((s, i) => ({ name: String(i), url: `${s.url}/api/2.0/crm/invoice`, method: 'POST' as const, headers: h(s), body: bodies[1 - i]! })));
    report(`create, B=${b} vs A=${a}`, ['B', 'A'], [c[0]!, c[1]!]);
    const r = await alternate([sb, sa].map((s, i) => ({ name: String(i), url: `${s.url}/api/2.0/crm/invoice/${ids[1 - i]}`, headers: h(s) })));
    report(`read, B=${b} vs A=${a}`, ['B', 'A'], [r[0]!, r[1]!]);
  } finally {
    await sa.stop();
    await sb.stop();
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
