// Idempotency-Key on POST, PUT and DELETE (issue 8 item 4): replay of the first answer, 400 for
// the same key with other parameters, 409 for a duplicate in flight, expiry after 24 hours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { buildWorld, invoiceBody, writeCounts, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(async () => t?.close());

let seq = 0;
const newKey = () => `key-${process.pid}-${++seq}`;
const createWithKey = (key: string, over: Record<string, unknown> = {}, token?: string) =>
  call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, over), headers: { 'Idempotency-Key': key }, ...(token ? { token } : {}) });

describe('Idempotency-Key: replay', () => {
  it('a repeated POST replays the first answer byte for byte and creates no second invoice', async () => {
    const key = newKey();
    const before = await writeCounts(t);
    const first = await createWithKey(key);
    expect(first.status, first.raw).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const after = await writeCounts(t);
    expect(after.invoices).toBe(before.invoices + 1);

    const again = await createWithKey(key);
    expect(again.status).toBe(201);
    expect(again.raw).toBe(first.raw);
    expect(again.response.id).toBe(first.response.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(String(again.headers['content-type'])).toMatch(/^application\/json; charset=utf-8/);
    expect(await writeCounts(t)).toEqual(after);
  });

  it('the same parameters in another encoding (form body, .json suffix, key order) are the same request', async () => {
    const key = newKey();
    const first = await call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: `Idem tax ${key}`, rate: 5, description: 'd' }, headers: { 'Idempotency-Key': key } });
    expect(first.status, first.raw).toBe(201);
    const again = await call(t, 'POST', '/api/2.0/crm/invoice/tax.json', {
      form: [['description', 'd'], ['rate', '5'], ['name', `Idem tax ${key}`]], headers: { 'Idempotency-Key': key },
    });
    expect(again.status, again.raw).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.response.id).toBe(first.response.id);
  });

  it('PUT and DELETE replay too; the DELETE replay does not fail on the missing invoice', async () => {
    const inv = (await createWithKey(newKey())).response;
    const putKey = newKey();
    const put = () => call(t, 'PUT', `/api/2.0/crm/invoice/${inv.id}`, { json: invoiceBody(w, { terms: 'Net 7' }), headers: { 'Idempotency-Key': putKey } });
    const p1 = await put();
    expect(p1.status, p1.raw).toBe(200);
    const p2 = await put();
    expect(p2.raw).toBe(p1.raw);
    expect(p2.headers['idempotent-replayed']).toBe('true');

    const delKey = newKey();
    const del = () => call(t, 'DELETE', `/api/2.0/crm/invoice/${inv.id}`, { headers: { 'Idempotency-Key': delKey } });
    const d1 = await del();
    expect(d1.status, d1.raw).toBe(200);
    const d2 = await del();
    expect(d2.status).toBe(200);
    expect(d2.raw).toBe(d1.raw);
    expect(d2.headers['idempotent-replayed']).toBe('true');
    expect((await call(t, 'DELETE', `/api/2.0/crm/invoice/${inv.id}`)).status).toBe(404); // without the key it runs again
  });

  it('a 4xx is stored and replayed; nothing is written', async () => {
    const key = newKey();
    const before = await writeCounts(t);
    const first = await createWithKey(key, { invoiceLines: [] });
    expect(first.status).toBe(400);
    expect(first.body).toMatchObject({ status: 1, statusCode: 400 });
    const again = await createWithKey(key, { invoiceLines: [] });
    expect(again.status).toBe(400);
    expect(again.raw).toBe(first.raw);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await writeCounts(t)).toEqual(before);
  });

  it('a request refused while binding (before the key is reserved) is refused again the same way, and holds no key', async () => {
    const key = newKey();
    const body = { json: { name: 'x', rate: 'not a number' }, headers: { 'Idempotency-Key': key } };
    const first = await call(t, 'POST', '/api/2.0/crm/invoice/tax', body);
    expect(first.status, first.raw).toBe(400);
    const again = await call(t, 'POST', '/api/2.0/crm/invoice/tax', body);
    expect(again.raw).toBe(first.raw);
    expect(await t.deps.store.db.selectFrom('idempotency_keys').select('key').where('key', '=', key).execute()).toEqual([]);
  });
});

describe('Idempotency-Key: refusals', () => {
  it('the same key with a different body, path or method → 400 with a clear message, nothing written', async () => {
    const key = newKey();
    expect((await createWithKey(key)).status).toBe(201);
    const before = await writeCounts(t);
    const other = await createWithKey(key, { terms: 'Net 60' });
    expect(other.status).toBe(400);
    expect(other.body).toMatchObject({ status: 1, statusCode: 400 });
    expect(other.body.error.message).toMatch(/Idempotency-Key .* already used with different parameters/);
    const otherPath = await call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: 'Other', rate: 1 }, headers: { 'Idempotency-Key': key } });
    expect(otherPath.status).toBe(400);
    expect(otherPath.body.error.message).toMatch(/different parameters/);
    expect(await writeCounts(t)).toEqual(before);
  });

  it('a key longer than 255 characters → 400; 255 is fine; an empty key → 400', async () => {
    const before = await writeCounts(t);
    const long = await createWithKey('k'.repeat(256));
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/at most 255 characters/);
    expect((await createWithKey('')).status).toBe(400);
    expect(await writeCounts(t)).toEqual(before);
    expect((await createWithKey(`${'k'.repeat(250)}${String(++seq).padStart(5, '0')}`)).status).toBe(201);
  });

  it('concurrent duplicates: exactly one invoice, one 201, the rest 409 in the envelope or replays', async () => {
    const key = newKey();
    const before = await writeCounts(t);
    const results = await Promise.all(Array.from({ length: 12 }, () => createWithKey(key)));
    const fresh = results.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] === undefined);
    const replays = results.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] === 'true');
    const conflicts = results.filter((r) => r.status === 409);
    expect(fresh).toHaveLength(1);
    expect(replays.length + conflicts.length).toBe(11);
    for (const r of replays) expect(r.response.id).toBe(fresh[0]!.response.id);
    for (const r of conflicts) {
      expect(r.body).toMatchObject({ status: 1, statusCode: 409 });
      expect(r.body.error.message).toMatch(/in progress/);
    }
    expect((await writeCounts(t)).invoices).toBe(before.invoices + 1);
    // Once the first has answered, the key replays.
    const later = await createWithKey(key);
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(later.response.id).toBe(fresh[0]!.response.id);
  });

  it('keys belong to their user: another user with the same key runs their own request', async () => {
    const key = newKey();
    const user = await t.createUser({ isAdmin: true });
    const mine = await createWithKey(key);
    const theirs = await createWithKey(key, {}, user.token);
    expect(theirs.status, theirs.raw).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.response.id).not.toBe(mine.response.id);
  });
});

describe('Idempotency-Key: scope and expiry', () => {
  it('GET ignores the header', async () => {
    const key = newKey();
    const a = await call(t, 'GET', '/api/2.0/crm/invoice/tax', { headers: { 'Idempotency-Key': key } });
    expect(a.status).toBe(200);
    expect(a.headers['idempotent-replayed']).toBeUndefined();
    const b = await call(t, 'GET', '/api/2.0/crm/invoice/tax', { headers: { 'Idempotency-Key': key } });
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    const rows = await t.deps.store.db.selectFrom('idempotency_keys').select('key').where('key', '=', key).execute();
    expect(rows).toEqual([]);
    // and a GET's use does not block a later POST with the same key
    expect((await createWithKey(key)).headers['idempotent-replayed']).toBeUndefined();
  });

  it('unauthenticated requests are refused before the key is looked at', async () => {
    const r = await createWithKey(newKey(), {}, 'not-a-token');
    expect(r.status).toBe(401);
  });

  it('a key expires after 24 hours: the request runs again and the old row is replaced', async () => {
    const key = newKey();
    const first = await createWithKey(key);
    expect(first.status).toBe(201);
    t.clock.advance(23 * 3600_000);
    expect((await createWithKey(key)).headers['idempotent-replayed']).toBe('true');
    t.clock.advance(3600_000 + 1);
    const before = await writeCounts(t);
    // Expired: even other parameters are accepted under the old key now.
    const fresh = await createWithKey(key, { terms: 'Net 45' });
    expect(fresh.status, fresh.raw).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(fresh.response.id).not.toBe(first.response.id);
    expect((await writeCounts(t)).invoices).toBe(before.invoices + 1);
    const rows = await t.deps.store.db.selectFrom('idempotency_keys').select(['request_hash', 'expires_at']).where('key', '=', key).execute();
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]!.expires_at)).toBe(t.clock.now() + 24 * 3600_000);
  });

  it('expired keys of other requests are purged', async () => {
    const key = newKey();
    await createWithKey(key);
    t.clock.advance(25 * 3600_000);
    await createWithKey(newKey());
    const rows = await t.deps.store.db.selectFrom('idempotency_keys').select('key').where('expires_at', '<=', t.clock.now()).execute();
    expect(rows).toEqual([]);
  });
});

describe('Idempotency-Key: a 5xx releases the key', () => {
  it('a server error is not stored: the retry with the same key runs again', async () => {
    let calls = 0;
    const t2 = await createTestApp({
      extraRoutes: (app) => {
        app.post('/api/2.0/test/flaky', async (_req, reply) => {
          if (++calls === 1) throw new Error('boom');
          return reply.code(201).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify({ status: 0, statusCode: 201, response: { calls } }));
        });
      },
    });
    try {
      const send = () => call(t2, 'POST', '/api/2.0/test/flaky', { json: { a: 1 }, headers: { 'Idempotency-Key': 'flaky-1' } });
      expect((await send()).status).toBe(500);
      const second = await send();
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBeUndefined();
      const third = await send();
      expect(third.headers['idempotent-replayed']).toBe('true');
      expect(third.raw).toBe(second.raw);
      expect(calls).toBe(2);
    } finally {
      await t2.close();
    }
  });
});
