// The audit trail (issue 5): records written in the same transaction as each change, readable by
// admins, hash-chained so that tampering is found, and verification naming the broken record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { buildWorld, invoiceBody, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(async () => t?.close());

const auditOf = async (query: string) => (await call(t, 'GET', `/api/2.0/crm/audit?${query}`)).response as any[];

describe('audit trail', () => {
  it('records invoice create, update, status change and delete with before/after', async () => {
    const inv = (await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, { number: 'AUD-1' }) })).response;
    await call(t, 'PUT', `/api/2.0/crm/invoice/${inv.id}`, { json: invoiceBody(w, { terms: 'Net 7' }) });
    await call(t, 'PUT', '/api/2.0/crm/invoice/status/2', { json: { invoiceids: [inv.id] } });
    await call(t, 'DELETE', `/api/2.0/crm/invoice/${inv.id}`);
    const records = await auditOf(`targetType=invoice&targetId=${inv.id}`);
    expect(records.map((r) => r.action)).toEqual(['invoice.deleted', 'invoice.status-changed', 'invoice.updated', 'invoice.created']);
    const [deleted, status, updated, created] = records;
    expect(created.changes.number).toEqual({ after: 'AUD-1' });
    expect(updated.changes).toEqual({ terms: { before: 'Net 30', after: 'Net 7' } });
    expect(status.changes).toEqual({ status: { before: 'draft', after: 'sent' } });
    expect(deleted.changes.number).toEqual({ before: 'AUD-1' });
    expect(created.at).toMatch(/^\d{4}-\d\d-\d\dT.*\.\d{7}[+-]\d\d:\d\d$/);
    expect(created.userId).toBe(w.adminId);
  });

  it('writes nothing for a refused change (same transaction)', async () => {
    const before = (await call(t, 'GET', '/api/2.0/crm/audit?count=1')).body.total;
    expect((await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, { terms: '' }) })).status).toBe(400);
    expect((await call(t, 'GET', '/api/2.0/crm/audit?count=1')).body.total).toBe(before);
  });

  it('is for admins only', async () => {
    const user = await t.createUser();
    expect((await call(t, 'GET', '/api/2.0/crm/audit', { token: user.token })).status).toBe(403);
    expect((await call(t, 'GET', '/api/2.0/crm/audit/verify', { token: user.token })).status).toBe(403);
  });

  it('verifies the chain, and names the exact record when it is tampered with', async () => {
    const ok = await call(t, 'GET', '/api/2.0/crm/audit/verify');
    expect(ok.response.valid).toBe(true);
    expect(ok.response.checked).toBeGreaterThan(3);
    const records = await auditOf('count=1000');
    const victim = records[Math.floor(records.length / 2)];
    // Rewrite history: change what a record says, leaving its hash alone.
    await t.deps.store.db.updateTable('audit_log').set({ changes: JSON.stringify({ terms: { before: 'x', after: 'y' } }) }).where('id', '=', victim.id).execute();
    const bad = await call(t, 'GET', '/api/2.0/crm/audit/verify');
    expect(bad.response.valid).toBe(false);
    expect(bad.response.broken).toMatchObject({ seq: victim.seq, id: victim.id, reason: 'content does not match its hash' });
    // A deleted record is found too.
    await t.deps.store.db.updateTable('audit_log').set({ changes: JSON.stringify(victim.changes) }).where('id', '=', victim.id).execute();
    expect((await call(t, 'GET', '/api/2.0/crm/audit/verify')).response.valid).toBe(true);
    await t.deps.store.db.deleteFrom('audit_log').where('id', '=', victim.id).execute();
    const gap = await call(t, 'GET', '/api/2.0/crm/audit/verify');
    expect(gap.response.broken).toMatchObject({ seq: victim.seq + 1, reason: expect.stringMatching(/sequence gap/) });
  });
});
