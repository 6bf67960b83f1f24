// The server time to render the web app's invoice list (/app/invoices) at 10 000 invoices: a
// migrated SQLite database seeded straight with SQL (bench/list-seed.ts), the app built in
// process, a signed-in web session, and GET requests through app.inject (no network): median and
// p90 of 20 timed requests after 3 warm-up requests, per list variant. Prints JSON lines.
//   node --import tsx bench/web-list.ts            (WEB_LIST_N=… to change the size)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openStore } from '../src/store/database.js';
import { systemClock, type Deps } from '../src/use-cases/deps.js';
import { bootstrap } from '../src/use-cases/tenants/tenants.js';
import { seedInvoices } from './list-seed.js';

const N = Number(process.env.WEB_LIST_N ?? 10_000);
const RUNS = 20;
const WARMUP = 3;
const EMAIL = 'bench@example.test';
const PASSWORD = 'bench-password-1';

const VARIANTS: [string, string][] = [
  ['list, default (all, newest first)', '/app/invoices'],
  ['list, Overdue chip', '/app/invoices?status=overdue'],
  ['list, search + sort by due date', '/app/invoices?q=mainten&sort=dueDate&dir=asc'],
  ['list, page 200', '/app/invoices?page=200'],
  ['list, issue-date range', '/app/invoices?from=2020-01-01&to=2020-12-31'],
];

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number) => Math.round(x * 100) / 100;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-web-list-'));
  const file = join(dir, 'bench.db');
  try {
    const config = { ...loadConfig({ LEDGERLINE_ADMIN_EMAIL: EMAIL, LEDGERLINE_ADMIN_PASSWORD: PASSWORD, DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'warn' }) };
    // Migrate and create the tenant and its admin, then seed with the server's store closed.
    const first = await openStore(config.database);
    await bootstrap({ store: first, config, clock: systemClock });
    await first.close();
    const seeded = seedInvoices(file, N);

    const store = await openStore(config.database);
    const deps: Deps = { store, config, clock: systemClock };
    const { app } = await buildApp(deps, { logger: false });
    await app.ready();

    // Sign in like a browser: the login form's CSRF token and cookie, then the session cookie.
    const loginPage = await app.inject({ method: 'GET', url: '/app/login' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(loginPage.body)![1]!;
    const csrfCookie = String(([] as string[]).concat(loginPage.headers['set-cookie'] as string[]).find((c) => c.startsWith('ll_csrf='))!).split(';')[0]!;
    const login = await app.inject({
      method: 'POST',
      url: '/app/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
      payload: new URLSearchParams({ _csrf: csrf, email: EMAIL, password: PASSWORD }).toString(),
    });
    const session = String(([] as string[]).concat(login.headers['set-cookie'] as string[]).find((c) => c.startsWith('ll_session='))).split(';')[0]!;
    if (login.statusCode !== 303 || !session.startsWith('ll_session=')) throw new Error(`sign-in failed: ${login.statusCode}`);
    const cookie = `${session}; ${csrfCookie}`;

    console.log(JSON.stringify({ figure: 'web list render', invoices: N, seedSeconds: seeded.seconds, database: 'sqlite', runs: RUNS, warmup: WARMUP }));
    for (const [name, url] of VARIANTS) {
      const times: number[] = [];
      let bytes = 0;
      let rows = 0;
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const t0 = process.hrtime.bigint();
        const res = await app.inject({ method: 'GET', url, headers: { cookie, 'accept-language': 'en' } });
        const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
        if (i >= WARMUP) times.push(elapsed);
        bytes = res.body.length;
        rows = (res.body.match(/<tr class="invoice-row/g) ?? []).length;
      }
      const range = /\d[\d,]*–\d[\d,]* of [\d,]+/.exec(await (await app.inject({ method: 'GET', url, headers: { cookie } })).body)?.[0] ?? '';
      console.log(JSON.stringify({ variant: name, url, medianMs: ms(median(times)), p90Ms: ms(quantile(times, 0.9)), minMs: ms(Math.min(...times)), rows, range, htmlBytes: bytes }));
    }
    await app.close();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
