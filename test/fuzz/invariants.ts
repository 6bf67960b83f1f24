// What must hold for every fuzzed answer and for the database afterwards.
import { sql } from 'kysely';
import type { TestApp } from '../support/test-app.js';
import type { FuzzRequest } from './requests.js';

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/** The invariants of one answer; returns the broken ones (empty when all hold). */
export function checkAnswer(req: FuzzRequest, res: Answer): string[] {
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`5xx: ${res.status}`);
  const path = req.url.split('?')[0]!.toLowerCase();
  const success = res.status >= 200 && res.status < 300;
  if (req.caller !== 'admin' && !req.route.isPublic && success && req.method === req.route.method) {
    problems.push(`unauthenticated caller (${req.caller}) got ${res.status}`);
  }
  if (!path.startsWith('/api/2.0/')) return problems;
  if (success && req.route.binary && req.method === 'GET') return problems; // the document itself
  if (!res.contentType.toLowerCase().startsWith('application/json')) problems.push(`not JSON: content-type "${res.contentType}"`);
  let env: any;
  try {
    env = JSON.parse(res.body);
  } catch {
    problems.push(`body is not JSON: ${JSON.stringify(res.body.slice(0, 120))}`);
    return problems;
  }
  if (env === null || typeof env !== 'object' || Array.isArray(env)) {
    problems.push('body is not an envelope object');
    return problems;
  }
  if (env.statusCode !== res.status) problems.push(`envelope statusCode ${env.statusCode} ≠ HTTP ${res.status}`);
  if (res.status >= 400) {
    if (env.status !== 1) problems.push(`error envelope status ${env.status} (expected 1)`);
    if (typeof env.error?.message !== 'string' || env.error.message === '') problems.push('error envelope without error.message');
    if ('response' in env) problems.push('error envelope carries a response');
  } else {
    if (env.status !== 0) problems.push(`success envelope status ${env.status} (expected 0)`);
    if (!('response' in env)) problems.push('success envelope without response');
  }
  return problems;
}

/** Database consistency after the run: lines, snapshots, unique numbers, referential integrity. */
export async function checkDatabase(t: TestApp, dialect: 'sqlite' | 'postgres'): Promise<string[]> {
  const db = t.deps.store.db;
  const problems: string[] = [];
  const noLines = await db.selectFrom('invoices as i').select('i.id')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('invoice_lines as l').select('l.id').whereRef('l.invoice_id', '=', 'i.id'))))
    .execute();
  if (noLines.length) problems.push(`invoices without lines: ${noLines.map((r) => r.id).join(', ')}`);
  const snapshots = await db.selectFrom('invoices').select(['id', 'json_data']).execute();
  for (const r of snapshots) {
    let ok = false;
    try {
      ok = r.json_data !== '' && typeof JSON.parse(r.json_data) === 'object';
    } catch { /* reported below */ }
    if (!ok) problems.push(`invoice ${r.id}: empty or invalid json_data snapshot ${JSON.stringify(String(r.json_data).slice(0, 40))}`);
  }
  const dups = await db.selectFrom('invoices').select(['tenant_id', 'number_key', (eb) => eb.fn.countAll().as('n')])
    .groupBy(['tenant_id', 'number_key']).having((eb) => eb.fn.countAll(), '>', 1).execute();
  if (dups.length) problems.push(`duplicate invoice number keys: ${JSON.stringify(dups)}`);
  const orphans = await db.selectFrom('invoice_lines as l').select(['l.id', 'l.invoice_id'])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('invoices as i').select('i.id').whereRef('i.id', '=', 'l.invoice_id').whereRef('i.tenant_id', '=', 'l.tenant_id'))))
    .execute();
  if (orphans.length) problems.push(`lines of missing invoices: ${JSON.stringify(orphans.slice(0, 10))}`);
  if (dialect === 'sqlite') {
    const ic = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
    const text = ic.rows.map((r) => Object.values(r)[0]).join('; ');
    if (text !== 'ok') problems.push(`PRAGMA integrity_check: ${text}`);
    const fk = await sql`PRAGMA foreign_key_check`.execute(db);
    if (fk.rows.length) problems.push(`PRAGMA foreign_key_check: ${JSON.stringify(fk.rows.slice(0, 5))}`);
  }
  return problems;
}
