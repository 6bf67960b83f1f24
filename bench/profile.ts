// Profiles the built server (node --cpu-prof) under the create load, then under the read load,
// and prints the top self-time functions of each profile. Run after `npm run build`:
//   node --import tsx bench/profile.ts        (BENCH_SECONDS per load, default 8)
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyse } from './cpuprofile.js';
import { load } from './lib.js';
import { api, createBody, startServer } from './server.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

async function profiled(name: string, run: (s: Awaited<ReturnType<typeof startServer>>) => Promise<unknown>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `ledgerline-prof-${name}-`));
  const server = await startServer(18_186, {}, { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir] });
  try {
    console.log(JSON.stringify({ load: name, ...(await run(server) as object) }));
  } finally {
    await server.stop();
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  console.log(file ? analyse(join(dir, file), Number(process.env.BENCH_TOP ?? 25)) : `no profile written in ${dir}`);
}

async function main(): Promise<void> {
  await profiled('create', async (s) => {
    const body = JSON.stringify(await createBody(s));
    return load({ name: 'create', url: `${s.url}/api/2.0/crm/invoice`, method: 'POST', headers: { authorization: s.token, 'content-type': 'application/json' }, body }, SECONDS);
  });
  await profiled('read', async (s) => {
    const id = (await api(s, 'POST', '/api/2.0/crm/invoice', await createBody(s))).id as number;
    return load({ name: 'read', url: `${s.url}/api/2.0/crm/invoice/${id}`, headers: { authorization: s.token } }, SECONDS);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
