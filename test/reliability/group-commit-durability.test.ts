// Group commit keeps its promise under a crash (issue 7 item 3): the real server (this tree's
// source through tsx) on a temporary SQLite file with group commit on (the default) is driven by 32
// concurrent connections doing POST crm/invoice, SIGKILLed mid-load, restarted on the same file.
// Every invoice whose 201 arrived is there with its id, number and terms, with its lines; no number
// is used twice; the series has no hole below its highest acknowledged value except for creates
// that were in flight at the kill; SQLite's integrity check is ok. Three kill/restart cycles.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { dialectUnderTest } from '../support/database.js';
import { cleanUp, freePort, invoiceBody, login, openReader, prepareCatalogue, seriesValue, ServerProcess, sleep, type Catalogue } from './support.js';

const CONNECTIONS = 32;
const CYCLES = 3;

interface Acked {
  id: number;
  number: string;
  terms: string;
}

/** One POST on a keep-alive agent; resolves with the status and body, rejects when the connection dies. */
function post(agent: Agent, url: string, token: string, body: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/api/2.0/crm/invoice`,
      { method: 'POST', agent, headers: { authorization: token, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (e) {
            reject(e);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe.runIf(dialectUnderTest === 'sqlite')('group commit durability: SIGKILL under 32 concurrent creates (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-gc-crash-'));
  afterAll(async () => {
    await cleanUp();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`finds every acknowledged invoice after ${CYCLES} SIGKILLs mid-load`, { timeout: 180_000 }, async () => {
    const databaseUrl = `sqlite:${join(dir, 'crash.db')}`;
    const server = new ServerProcess(await freePort(), databaseUrl, { LEDGERLINE_GROUP_COMMIT: 'on' });
    await server.start();
    let token = await login(server.url);
    const catalogue: Catalogue = await prepareCatalogue(server.url, token, 0);
    const acked: Acked[] = [];
    let inFlightAtKill = 0;
    let seq = 0;

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      let stop = false;
      let inFlight = 0;
      const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
      const worker = async (w: number) => {
        while (!stop) {
          const terms = `c${cycle}-w${w}-${++seq}`;
          const body = JSON.stringify(invoiceBody(catalogue, [{ itemId: catalogue.plainItemId, qty: 100 + w }, { itemId: catalogue.plainItemId, qty: 250 }], terms));
          inFlight++;
          try {
            const r = await post(agent, server.url, token, body);
            if (r.status === 201) acked.push({ id: r.body.response.id, number: r.body.response.number, terms });
            else if (!stop) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
          } catch (e) {
            if (!stop) throw e;
            return; // the server died under this request: it may or may not have happened
          } finally {
            inFlight--;
          }
        }
      };
      const ackedBefore = acked.length;
      const workers = Array.from({ length: CONNECTIONS }, (_, w) => worker(w));
      await sleep(1500 + Math.floor(Math.random() * 1000));
      stop = true;
      inFlightAtKill += inFlight;
      await server.kill(); // SIGKILL mid-load
      await Promise.all(workers);
      agent.destroy();
      expect(acked.length - ackedBefore, `acknowledged creates in cycle ${cycle}`).toBeGreaterThan(CONNECTIONS);

      await server.start();
      token = await login(server.url);
      const db = await openReader(databaseUrl);
      try {
        const rows = await db.all<{ id: number; number: string; terms: string; lines: number }>(
          'select i.id, i.number, i.terms, (select count(*) from invoice_lines l where l.invoice_id = i.id) as lines from invoices i',
        );
        const byId = new Map(rows.map((r) => [Number(r.id), r]));
        const missing = acked.filter((a) => {
          const row = byId.get(a.id);
          return !row || row.number !== a.number || row.terms !== a.terms || Number(row.lines) !== 2;
        });
        expect(missing, `acknowledged invoices lost or changed after SIGKILL ${cycle + 1}`).toEqual([]);
        const numbers = rows.map((r) => r.number);
        expect(new Set(numbers).size, 'no number is used twice').toBe(numbers.length);
        // Nothing else than the acknowledged creates and those in flight at the kills is there.
        expect(rows.length).toBeGreaterThanOrEqual(acked.length);
        expect(rows.length).toBeLessThanOrEqual(acked.length + inFlightAtKill);
        // Contiguous series: every value up to the highest one stored is used.
        const values = numbers.map(seriesValue).filter((v): v is number => v !== undefined).sort((a, b) => a - b);
        expect(values[values.length - 1]! - values[0]! + 1).toBe(values.length);
        expect(await db.all<{ integrity_check: string }>('pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      } finally {
        await db.close();
      }
    }
    console.log(`[group-commit durability] ${CYCLES} SIGKILLs: ${acked.length} acknowledged creates all found, ${inFlightAtKill} in flight at the kills`);
    await server.kill();
  });
});
