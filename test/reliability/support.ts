// Shared by the reliability tests: the real server as a child process (`node --import tsx
// src/main.ts`, no build needed), free ports, HTTP calls, the catalogue an invoice references, and
// a direct read-only view of the database for the checks (SQLite file or PostgreSQL database).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const ADMIN_EMAIL = 'reliability@localhost';
export const ADMIN_PASSWORD = 'reliability-password-1';

/** A port nobody listens on right now (listen on 0, then close). */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => ok(port));
    });
  });
}

const live = new Set<ChildProcess>();

/** How the server is started: from source through tsx unless `bundleServer` made a bundle. */
let entry: string[] = ['--import', 'tsx', 'src/main.ts'];
let bundleFile: string | undefined;

/**
 * Bundles src/main.ts with esbuild (packages stay external) into node_modules/.cache, where the
 * packages resolve, so that each of the many restarts skips tsx's transform (about half the start
 * time on a loaded machine). Falls back to tsx when esbuild is unavailable. The bundle is this
 * tree's source as it is now, never a stale dist/.
 */
export async function bundleServer(): Promise<string> {
  try {
    const esbuild = await import('esbuild');
    const dir = join(ROOT, 'node_modules', '.cache', 'ledgerline-reliability');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `main-${process.pid}.mjs`);
    await esbuild.build({ entryPoints: [join(ROOT, 'src/main.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', outfile: file, logLevel: 'error' });
    entry = [file];
    bundleFile = file;
    return 'esbuild bundle of src/main.ts';
  } catch (err) {
    return `tsx (no bundle: ${(err as Error).message.split('\n')[0]})`;
  }
}

/** Kills what is left and removes the bundle (afterAll). */
export async function cleanUp(): Promise<void> {
  await killAll();
  if (bundleFile) rmSync(bundleFile, { force: true });
}

/** SIGKILLs every server process still running (afterAll). */
export async function killAll(): Promise<void> {
  await Promise.all([...live].map((p) => killHard(p)));
}

async function killHard(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) {
    live.delete(proc);
    return;
  }
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  proc.kill('SIGKILL');
  await exited;
  live.delete(proc);
}

export class ServerProcess {
  readonly url: string;
  private proc: ChildProcess | undefined;
  private stderr = '';

  constructor(
    readonly port: number,
    readonly databaseUrl: string,
    private readonly extraEnv: Record<string, string> = {},
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** Spawns the server and waits until /healthz answers 200. */
  async start(timeoutMs = 30_000): Promise<void> {
    this.stderr = '';
    const proc = spawn(process.execPath, entry, {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATABASE_URL: this.databaseUrl,
        LEDGERLINE_ADMIN_EMAIL: ADMIN_EMAIL,
        LEDGERLINE_ADMIN_PASSWORD: ADMIN_PASSWORD,
        LOG_LEVEL: 'error',
        ...this.extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(proc);
    this.proc = proc;
    // Keep the tail of the output for diagnostics (5xx are logged at level error).
    const keep = (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-20_000);
    };
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`server exited during start (${proc.exitCode ?? proc.signalCode}):\n${this.stderr}`);
      try {
        if ((await fetch(`${this.url}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(25);
    }
    throw new Error(`server not ready within ${timeoutMs} ms:\n${this.stderr}`);
  }

  /** SIGKILL: no draining, no shutdown hook. */
  async kill(): Promise<void> {
    if (this.proc) await killHard(this.proc);
    this.proc = undefined;
  }

  get output(): string {
    return this.stderr;
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Reply {
  status: number;
  body: any;
}

/** One API call; rejects only when no HTTP answer arrived (connection refused/reset). */
export async function call(url: string, token: string, method: string, path: string, json?: unknown): Promise<Reply> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: token, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}

export async function login(url: string): Promise<string> {
  const r = await call(url, '', 'POST', '/api/2.0/authentication', { userName: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  if (r.status >= 300) throw new Error(`login: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.response.token as string;
}

/** The response of a call that must succeed. */
export async function ok(url: string, token: string, method: string, path: string, json?: unknown): Promise<any> {
  const r = await call(url, token, method, path, json);
  if (r.status < 200 || r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.response;
}

export interface Catalogue {
  taxId: number;
  /** Not stock-tracked. */
  plainItemId: number;
  /** Stock-tracked items. */
  trackedItemIds: number[];
  initialStock: Map<number, number>; // hundredths
  contactId: number;
}

export async function prepareCatalogue(url: string, token: string, tracked = 2, stock = 100_000): Promise<Catalogue> {
  const tax = await ok(url, token, 'POST', '/api/2.0/crm/invoice/tax', { name: 'VAT', description: '', rate: 20 });
  const plain = await ok(url, token, 'POST', '/api/2.0/crm/invoiceitem', { title: 'Consulting', price: 100, sku: 'C-1' });
  const trackedItemIds: number[] = [];
  const initialStock = new Map<number, number>();
  for (let i = 0; i < tracked; i++) {
    const it = await ok(url, token, 'POST', '/api/2.0/crm/invoiceitem', { title: `Widget ${i}`, price: '7.70', sku: `W-${i}`, trackInventory: true, stockQuantity: stock });
    trackedItemIds.push(it.id);
    initialStock.set(it.id, stock * 100);
  }
  const contact = await ok(url, token, 'POST', '/api/2.0/crm/contact/company', { companyName: 'ACME', shareType: 1 });
  return { taxId: tax.id, plainItemId: plain.id, trackedItemIds, initialStock, contactId: contact.id };
}

export function invoiceBody(c: Catalogue, lines: { itemId: number; qty: number }[], terms: string): Record<string, unknown> {
  return {
    issueDate: '2026-01-15',
    dueDate: '2026-02-14',
    contactId: c.contactId,
    language: 'en-US',
    currency: 'EUR',
    exchangeRate: 1,
    terms,
    invoiceLines: lines.map((l) => ({ invoiceItemID: l.itemId, invoiceTax1ID: c.taxId, quantity: hundredths(l.qty), price: 10 })),
  };
}

/** 125 → "1.25". */
export const hundredths = (n: number): string => (n / 100).toFixed(2);
/** "-1.25" → -125. */
export const toHundredths = (s: string | number): number => Math.round(Number(s) * 100);

/** A direct view of the database, for the checks. */
export interface DbReader {
  all<T = Record<string, unknown>>(query: string): Promise<T[]>;
  close(): Promise<void>;
}

export async function openReader(databaseUrl: string): Promise<DbReader> {
  if (databaseUrl.startsWith('sqlite:')) {
    const db = new BetterSqlite3(databaseUrl.slice('sqlite:'.length));
    db.pragma('busy_timeout = 5000');
    db.defaultSafeIntegers(false);
    return {
      all: async <T>(q: string) => db.prepare(q).all() as T[],
      close: async () => void db.close(),
    };
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return {
    all: async <T>(q: string) => (await client.query(q)).rows as T[],
    close: () => client.end(),
  };
}

/** The series value of a server-assigned number (default settings: INV-0000001). */
export function seriesValue(number: string): number | undefined {
  const m = /^INV-(\d+)$/.exec(number);
  return m ? Number(m[1]) : undefined;
}

/** Σ stockDelta of the audit trail's `invoice-item.stock-moved` records, per item (hundredths). */
export async function auditStock(db: DbReader): Promise<{ sum: Map<number, number>; records: { itemId: number; invoiceId: number; delta: number }[] }> {
  const rows = await db.all<{ target_ids: string; changes: string }>(`select target_ids, changes from audit_log where action = 'invoice-item.stock-moved' order by seq`);
  const sum = new Map<number, number>();
  const records = rows.map((r) => {
    const itemId = Number(JSON.parse(r.target_ids)[0]);
    const ch = JSON.parse(r.changes);
    const delta = toHundredths(ch.stockDelta.after);
    sum.set(itemId, (sum.get(itemId) ?? 0) + delta);
    return { itemId, invoiceId: Number(ch.byInvoice.after), delta };
  });
  return { sum, records };
}
