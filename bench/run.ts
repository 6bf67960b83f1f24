// npm run bench: loopback load figures of issue 7, each the median of alternating rounds, with the
// ratio against a reference measured in the same run. Needs `npm run build` first (it runs the
// built server, as production does). Env: BENCH_SECONDS (per run, default 5), BENCH_ROUNDS
// (default 3), BENCH_CONNECTIONS (default 8), BENCH_LIST_SIZES (default 10000,1000000),
// (the list figure: one keep-alive connection, requests back to back, timed in µs), BENCH_DATABASE_URL (an admin postgres:// URL: adds the
// PostgreSQL figures on a fresh database), BENCH_SMOKE=1 (about a second per run, small lists: CI),
// BENCH_ONLY=list (only the list-scaling figures, on SQLite and, with BENCH_DATABASE_URL, PostgreSQL),
// BENCH_ONLY=read (only the read figure, on SQLite), BENCH_ONLY=create (only create + memory, on SQLite).
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { alternate, CONNECTIONS, report, ROUNDS, SECONDS, SMOKE, sampleRss, sequential, type Target } from './lib.js';
import { groupCommitFigures } from './group-commit.js';
import { LIST_QUERY, seedInvoices, seedInvoicesPg } from './list-seed.js';
import { api, createBody, startHelper, startServer, type BenchServer } from './server.js';
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const started = Date.now();
const LIST_SIZES = (process.env.BENCH_LIST_SIZES ?? (SMOKE ? '1000,10000' : '10000,1000000')).split(',').map(Number);
const PG_AMOUNT = Number(process.env.BENCH_PG_AMOUNT ?? (SMOKE ? 200 : 2000));

const json = { 'content-type': 'application/json' };
const auth = (s: BenchServer) => ({ authorization: s.token, ...json });

/** create + read + memory on one database (SQLite by default, or env.DATABASE_URL). */
async function createAndRead(label: string, env: Record<string, string>, baselineEnv: (s: BenchServer, userId: string) => Record<string, string>, userIdOf: (s: BenchServer) => Promise<string>) {
  const server = await startServer(18_181, env);
  const helpers: { stop(): Promise<void> }[] = [];
  try {
    const body = JSON.stringify(await createBody(server));
    const readId = (await api(server, 'POST', '/api/2.0/crm/invoice', JSON.parse(body))).id as number;
    const { BASELINE_DB_NOSYNC: noSyncDb, ...bareEnv } = baselineEnv(server, await userIdOf(server));
    const baseline = await startHelper('bench/baseline-server.ts', 18_182, bareEnv);
    helpers.push(baseline);
    // SQLite: the same bare server without fsync (synchronous=OFF), printed beside the figure to
    // show how much of the baseline's time is its own fsync: a reference, not a target.
    const noSync = noSyncDb ? await startHelper('bench/baseline-server.ts', 18_180, { ...bareEnv, BASELINE_DB: noSyncDb, BASELINE_SYNCHRONOUS: 'OFF' }) : undefined;
    if (noSync) helpers.push(noSync);
    const hello = await startHelper('bench/hello-server.ts', 18_183, {});
    helpers.push(hello);

    // BENCH_ONLY=read skips the create (and memory) figures: only the read comparison runs.
    if (process.env.BENCH_ONLY !== 'read') {
      const stopSampling = sampleRss(server.proc.pid!);
      const create = await alternate([
        { name: 'ledgerline', url: `${server.url}/api/2.0/crm/invoice`, method: 'POST', headers: auth(server), body },
        { name: 'bare', url: `${baseline.url}/`, method: 'POST', headers: json, body },
      ]);
      const memory = stopSampling();
      // After the figure, not between its rounds: without fsync the writes pile up in the page
      // cache, and their writeback would slow the next rounds' fsyncs. Flushed before going on.
      let bareNoSync: Record<string, unknown> | undefined;
      if (noSync) {
        const [r] = await alternate([{ name: 'bare without fsync', url: `${noSync.url}/`, method: 'POST', headers: json, body }]);
        execSync('sync');
        bareNoSync = { bareWithoutFsync: { rps: r!.rps, p50ms: r!.p50, p99ms: r!.p99, failed: r!.failed }, ratioToBareWithoutFsync: Math.round((create[0]!.rps / r!.rps) * 100) / 100 };
      }
      report(`create: POST crm/invoice (3 lines, 2 taxes) vs bare node:http + raw driver, ${label}`, ['ledgerline', 'bare'], [create[0]!, create[1]!], bareNoSync);
      console.log(JSON.stringify({ figure: `memory: server RSS during the create run, ${label}`, ...memory }));
    }

    if (process.env.BENCH_ONLY === 'create') return;
    const read = await alternate([
      { name: 'ledgerline', url: `${server.url}/api/2.0/crm/invoice/${readId}`, headers: auth(server) },
      { name: 'hello', url: `${hello.url}/` },
    ]);
    report(`read: GET crm/invoice/{id} vs Fastify hello-world, ${label}`, ['ledgerline', 'hello'], [read[0]!, read[1]!]);
  } finally {
    for (const h of helpers) await h.stop();
    await server.stop();
  }
}

async function sqliteFigures(): Promise<void> {
  const baselineDir = mkdtempSync(join(tmpdir(), 'ledgerline-bare-'));
  try {
    await createAndRead(
      'SQLite WAL synchronous=FULL',
      {},
      (s, userId) => {
        // The baseline writes into a copy of the migrated database the server uses: same schema and indexes.
        const file = join(baselineDir, 'bare.db');
        const noSyncFile = join(baselineDir, 'bare-nosync.db');
        const db = new BetterSqlite3(s.dbFile);
        db.exec(`vacuum into '${file}'`);
        db.exec(`vacuum into '${noSyncFile}'`);
        db.close();
        return { BASELINE_DB: file, BASELINE_DB_NOSYNC: noSyncFile, USER_ID: userId };
      },
      async (s) => {
        const db = new BetterSqlite3(s.dbFile, { readonly: true });
        try {
          return (db.prepare('select id from users limit 1').get() as { id: string }).id;
        } finally {
          db.close();
        }
      },
    );
  } finally {
    rmSync(baselineDir, { recursive: true, force: true });
  }
}

async function listFigures(): Promise<void> {
  const dirs: string[] = [];
  try {
    await listScaling('SQLite', async (i, n) => {
      const dir = mkdtempSync(join(tmpdir(), `ledgerline-list-${n}-`));
      dirs.push(dir);
      await (await startServer(18_190 + i, {}, { dir })).stop(); // migrations + the first tenant
      const seeded = seedInvoices(join(dir, 'bench.db'), n);
      console.log(JSON.stringify({ step: `seeded ${n} invoices (SQLite)`, seconds: seeded.seconds }));
      return startServer(18_190 + i, {}, { dir });
    });
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

/** The list-scaling figure on PostgreSQL: one fresh database per size, seeded in SQL. */
async function postgresListFigures(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const names: string[] = [];
  try {
    await listScaling('PostgreSQL', async (i, n) => {
      const name = `ledgerline_list_${n}_${process.pid}_${Date.now()}`;
      await admin.query(`create database ${name}`);
      names.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const server = await startServer(18_195 + i, { DATABASE_URL: url.toString() }); // migrations + the first tenant
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      try {
        const seeded = await seedInvoicesPg(c, n);
        console.log(JSON.stringify({ step: `seeded ${n} invoices (PostgreSQL)`, seconds: seeded.seconds }));
      } finally {
        await c.end();
      }
      return server;
    });
  } finally {
    for (const name of names) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Seeds one server per list size, then times the list query on each in alternating rounds. */
async function listScaling(label: string, prepare: (i: number, n: number) => Promise<BenchServer>): Promise<void> {
  const servers: BenchServer[] = [];
  try {
    for (const [i, n] of LIST_SIZES.entries()) servers.push(await prepare(i, n));
    const found = await Promise.all(servers.map(async (s) => (await fetch(`${s.url}${LIST_QUERY}`, { headers: auth(s) }).then((r) => r.json())) as { total: number; response: unknown[] }));
    const targets: Target[] = servers.map((s, i) => ({ name: `${LIST_SIZES[i]}`, url: `${s.url}${LIST_QUERY}`, headers: auth(s)}));
    const runs = await alternate(targets, ROUNDS, SECONDS, sequential);
    const sizes = runs.map((r, i) => ({ invoices: LIST_SIZES[i], matching: found[i]!.total, page: found[i]!.response.length, rps: r.rps, p50ms: r.p50, p99ms: r.p99, failed: r.failed }));
    const first = runs[0]!;
    const last = runs[runs.length - 1]!;
    console.log(JSON.stringify({
      figure: `list scaling: GET crm/invoice/filter?count=25, status + due-date range + search + sortBy=dueDate, ${label}`,
      connections: 1, seconds: SECONDS, rounds: ROUNDS, query: LIST_QUERY, sizes,
      p50Ratio: Math.round((last.p50 / first.p50) * 100) / 100,
      p99Ratio: Math.round((last.p99 / first.p99) * 100) / 100,
    }));
  } finally {
    for (const s of servers) await s.stop();
  }
}

async function postgresFigures(adminUrl: string): Promise<void> {
  const name = `ledgerline_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dbUrl = url.toString();
  const userIdOf = async () => {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      return (await c.query('select id from users limit 1')).rows[0].id as string;
    } finally {
      await c.end();
    }
  };
  try {
    await createAndRead('PostgreSQL', { DATABASE_URL: dbUrl }, (_s, userId) => ({ BASELINE_PG_URL: dbUrl, USER_ID: userId }), userIdOf);
    await twoProcesses(dbUrl);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Two Ledgerline processes on one PostgreSQL under the create load: no duplicate numbers, nothing lost. */
async function twoProcesses(dbUrl: string): Promise<void> {
  const a = await startServer(18_184, { DATABASE_URL: dbUrl });
  const b = await startServer(18_185, { DATABASE_URL: dbUrl });
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const body = JSON.stringify(await createBody(a, ' 2'));
    const count = async () => Number((await c.query('select count(*) as n from invoices')).rows[0].n);
    const before = await count();
    const t0 = Date.now();
    const [ra, rb] = await Promise.all([a, b].map((s) =>
      autocannon({ url: `${s.url}/api/2.0/crm/invoice`, method: 'POST', connections: CONNECTIONS, amount: PG_AMOUNT, headers: auth(s), body })));
    const seconds = (Date.now() - t0) / 1000;
    const acknowledged = ra!['2xx'] + rb!['2xx'];
    const stored = (await count()) - before;
    const duplicates = Number((await c.query('select count(*) as n from (select tenant_id, number_key from invoices group by 1, 2 having count(*) > 1) d')).rows[0].n);
    console.log(JSON.stringify({
      figure: 'PostgreSQL, two Ledgerline processes under the create load',
      connectionsEach: CONNECTIONS, requestsEach: PG_AMOUNT, acknowledged, failed: ra!.non2xx + rb!.non2xx + ra!.errors + rb!.errors,
      stored, lost: acknowledged - stored, duplicateNumbers: duplicates, rps: Math.round(acknowledged / seconds),
      ok: duplicates === 0 && stored === acknowledged,
    }));
  } finally {
    await c.end();
    await a.stop();
    await b.stop();
  }
}

async function main(): Promise<void> {
  console.log(JSON.stringify({ bench: 'ledgerline issue 7', smoke: SMOKE, seconds: SECONDS, rounds: ROUNDS, connections: CONNECTIONS, listSizes: LIST_SIZES }));
  // BENCH_ONLY=list runs only the list-scaling figures (SQLite, and PostgreSQL with BENCH_DATABASE_URL).
  const only = process.env.BENCH_ONLY;
  // BENCH_ONLY=read runs only the read figure (GET invoice vs hello-world) on SQLite.
  // BENCH_ONLY=create runs only the create and memory figures on SQLite.
  if (only === 'read' || only === 'create') {
    await sqliteFigures();
    console.log(JSON.stringify({ totalSeconds: Math.round((Date.now() - started) / 1000) }));
    return;
  }
  if (only === 'list') {
    await listFigures();
    if (process.env.BENCH_DATABASE_URL) await postgresListFigures(process.env.BENCH_DATABASE_URL);
    console.log(JSON.stringify({ totalSeconds: Math.round((Date.now() - started) / 1000) }));
    return;
  }
  await sqliteFigures();
  await groupCommitFigures();
  await listFigures();
  if (process.env.BENCH_DATABASE_URL) {
    await postgresFigures(process.env.BENCH_DATABASE_URL);
    await postgresListFigures(process.env.BENCH_DATABASE_URL);
  } else console.log(JSON.stringify({ note: 'PostgreSQL figures skipped: set BENCH_DATABASE_URL to an admin postgres:// URL' }));
  // bench/documents.ts exports no function (it runs itself): run it separately, `node --import tsx bench/documents.ts`.
  console.log(JSON.stringify({ totalSeconds: Math.round((Date.now() - started) / 1000) }));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
