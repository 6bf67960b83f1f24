// The group-commit figures of issue 7 item 3 (SQLite, WAL, synchronous=FULL): POST crm/invoice at
// 32 connections, Ledgerline with group commit (the default) against the bare baseline and against
// Ledgerline with LEDGERLINE_GROUP_COMMIT=off, in alternating rounds (medians, ratios, p99); then
// group commit on vs off at the bench's usual connection count (BENCH_CONNECTIONS). Called by
// bench/run.ts; runs alone with `node --import tsx bench/group-commit.ts` (after `npm run build`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { alternate, CONNECTIONS, ROUNDS, SECONDS, type Summary, type Target } from './lib.js';
import { createBody, startHelper, startServer, type BenchServer } from './server.js';

const GROUP_CONNECTIONS = Number(process.env.BENCH_GROUP_CONNECTIONS ?? 32);
const r2 = (x: number) => Math.round(x * 100) / 100;
const figures = (s: Summary) => ({ rps: s.rps, p50ms: s.p50, p99ms: s.p99, failed: s.failed, roundsRps: s.rounds.map((r) => Math.round(r.rps)) });

export async function groupCommitFigures(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-gc-bench-'));
  const stops: (() => Promise<void>)[] = [];
  try {
    const on = await startServer(18_186, { LEDGERLINE_GROUP_COMMIT: 'on' });
    stops.push(() => on.stop());
    const off = await startServer(18_187, { LEDGERLINE_GROUP_COMMIT: 'off' });
    stops.push(() => off.stop());
    const bodyOn = JSON.stringify(await createBody(on));
    const bodyOff = JSON.stringify(await createBody(off));
    // The baseline writes into a copy of the migrated database of the group-commit server.
    const file = join(dir, 'bare.db');
    const db = new BetterSqlite3(on.dbFile);
    db.exec(`vacuum into '${file}'`);
    const userId = (db.prepare('select id from users limit 1').get() as { id: string }).id;
    db.close();
    const bare = await startHelper('bench/baseline-server.ts', 18_188, { BASELINE_DB: file, USER_ID: userId });
    stops.push(() => bare.stop());

    const json = { 'content-type': 'application/json' };
    const create = (name: string, s: BenchServer, body: string, connections: number): Target => ({
      name, url: `${s.url}/api/2.0/crm/invoice`, method: 'POST', headers: { authorization: s.token, ...json }, body, connections,
    });
    const [gc, noGc, baseline] = await alternate([
      create('group commit', on, bodyOn, GROUP_CONNECTIONS),
      create('no group commit', off, bodyOff, GROUP_CONNECTIONS),
      { name: 'bare', url: `${bare.url}/`, method: 'POST', headers: json, body: bodyOn, connections: GROUP_CONNECTIONS },
    ]);
    console.log(JSON.stringify({
      figure: `group commit: POST crm/invoice at ${GROUP_CONNECTIONS} connections, Ledgerline (group commit on, off) vs bare node:http + raw driver, SQLite WAL synchronous=FULL`,
      connections: GROUP_CONNECTIONS, seconds: SECONDS, rounds: ROUNDS,
      groupCommit: figures(gc!), noGroupCommit: figures(noGc!), bare: figures(baseline!),
      ratio: r2(gc!.rps / baseline!.rps),
      ratioWithoutGroupCommit: r2(noGc!.rps / baseline!.rps),
      onVsOff: r2(gc!.rps / noGc!.rps),
      target: 'ratio >= 2 with p99 < 50 ms',
      targetMet: gc!.rps / baseline!.rps >= 2 && gc!.p99 < 50,
    }));

    const [gcUsual, noGcUsual] = await alternate([create('group commit', on, bodyOn, CONNECTIONS), create('no group commit', off, bodyOff, CONNECTIONS)]);
    console.log(JSON.stringify({
      figure: `group commit on vs off: POST crm/invoice at ${CONNECTIONS} connections, SQLite WAL synchronous=FULL`,
      connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS,
      groupCommit: figures(gcUsual!), noGroupCommit: figures(noGcUsual!),
      ratio: r2(gcUsual!.rps / noGcUsual!.rps),
    }));
  } finally {
    for (const stop of stops.reverse()) await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  groupCommitFigures().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
