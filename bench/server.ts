// Starts the built server (dist/main.js) as a child process on a temporary SQLite database and
// prepares what an invoice references. Loopback only.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchServer {
  url: string;
  token: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

const PASSWORD = 'bench-password-1';

async function waitReady(url: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}

export async function startServer(port: number, env: Record<string, string> = {}): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-bench-'));
  const proc = spawn(process.execPath, ['dist/main.js'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, LEDGERLINE_ADMIN_EMAIL: 'bench@localhost', LEDGERLINE_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url);
  const login = (await (await fetch(`${url}/api/2.0/authentication`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userName: 'bench@localhost', password: PASSWORD }) })).json()) as { response: { token: string } };
  return {
    url,
    token: login.response.token,
    proc,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function api(s: BenchServer, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${s.url}${path}`, { method, headers: { authorization: s.token, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const json = (await res.json()) as { response: any };
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json.response;
}

/** The body of the create benchmark: 3 lines, two taxes (issue 7's shape). */
export async function createBody(s: BenchServer): Promise<Record<string, unknown>> {
  const vat = await api(s, 'POST', '/api/2.0/crm/invoice/tax', { name: 'VAT', description: '', rate: 20 });
  const eco = await api(s, 'POST', '/api/2.0/crm/invoice/tax', { name: 'Eco', description: '', rate: 2.5 });
  const item = await api(s, 'POST', '/api/2.0/crm/invoiceitem', { title: 'Consulting', price: 100, sku: 'C-1' });
  const contact = await api(s, 'POST', '/api/2.0/crm/contact/company', { companyName: 'ACME', shareType: 1 });
  return {
    issueDate: '2026-01-15', dueDate: '2026-02-14', contactId: contact.id, language: 'en-US', currency: 'EUR',
    exchangeRate: 1, terms: 'Net 30',
    invoiceLines: [
      { invoiceItemID: item.id, invoiceTax1ID: vat.id, invoiceTax2ID: eco.id, quantity: 2, price: 100, discount: 10 },
      { invoiceItemID: item.id, invoiceTax1ID: vat.id, quantity: 1.5, price: 80 },
      { invoiceItemID: item.id, invoiceTax2ID: eco.id, quantity: 3, price: '7.70', discount: 5 },
    ],
  };
}
