// Currency rates one by one (spec §6.6, §2.3.15) with DECISIONS Q22 (single-rate writes are for
// CRM admins), Q21 (404 for a missing rate) and Q26 (6 decimals); every write audited, every 4xx
// writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/use-cases/tenants/tenants.js';
import { call, type ApiResult } from '../support/api.js';
import { currencyWrites, expectRefused } from '../support/currency-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const RATES = '/api/2.0/crm/currency/rates';

let t: TestApp;
let user: { id: string; token: string };
let adminId: string;
let otherToken: string;

beforeAll(async () => {
  t = await createTestApp();
  user = await t.createUser();
  adminId = (await call(t, 'GET', '/api/2.0/people/@self')).response.id;
  const email = `rates-other.${process.pid}@example.test`;
  await createTenant(t.deps, { name: 'Other portal', adminEmail: email, adminPassword: 'other-password-1' });
  otherToken = await t.login(email, 'other-password-1');
});
afterAll(async () => t?.close());


const rateRow = (id: number) => t.deps.store.db.selectFrom('currency_rates').selectAll().where('id', '=', id).executeTakeFirst();

async function lastAudit(targetId: number) {
  const row = await t.deps.store.db
    .selectFrom('audit_log').selectAll().where('target_type', '=', 'currency-rate').where('target_ids', '=', JSON.stringify([targetId]))
    .orderBy('seq', 'desc').executeTakeFirstOrThrow();
  return { action: row.action, userId: row.user_id, changes: JSON.parse(row.changes) };
}

const post = (json: Record<string, unknown>, token?: string) => call(t, 'POST', RATES, { json, ...(token ? { token } : {}) });

/** Removes every rate of tenant 1 (test isolation). */
const clearRates = () => t.deps.store.db.deleteFrom('currency_rates').where('tenant_id', '=', 1).execute();

describe('POST currency/rates', () => {
  it('creates a rate: 201, CurrencyRate {fromCurrency, toCurrency, rate, id}, 6 decimals kept, audited', async () => {
    await clearRates();
    const res = await post({ fromCurrency: 'USD', toCurrency: 'EUR', rate: '0.9123456' });
    expect(res.status, res.raw).toBe(201);
    expect(res.body).toMatchObject({ count: 1, status: 0, statusCode: 201 });
    expect(res.response).toEqual({ fromCurrency: 'USD', toCurrency: 'EUR', rate: 0.912346, id: expect.any(Number) });
    expect(res.raw).toContain('"rate":0.912346');
    const row = await rateRow(res.response.id);
    expect(row).toMatchObject({ tenant_id: 1, from_currency: 'USD', to_currency: 'EUR', created_by: adminId, updated_by: adminId });
    expect(Number(row!.rate)).toBe(912_346);
    expect(Number(row!.created_at)).toBe(t.clock.now());
    expect(await lastAudit(res.response.id)).toEqual({
      action: 'currency-rate.created', userId: adminId,
      changes: { fromCurrency: { after: 'USD' }, toCurrency: { after: 'EUR' }, rate: { after: '0.912346' } },
    });
  });

  it('prints at least two decimals (spec §1.4) and rounds the 7th decimal half away from zero', async () => {
    await clearRates();
    expect((await post({ fromCurrency: 'GBP', toCurrency: 'EUR', rate: 2 })).raw).toContain('"rate":2.00');
    const half = await post({ fromCurrency: 'JPY', toCurrency: 'EUR', rate: '0.0000005' });
    expect(half.response.rate).toBe(0.000001);
    expect(Number((await rateRow(half.response.id))!.rate)).toBe(1);
  });

  it('updates an existing pair instead: same id, new rate, audited with before and after', async () => {
    await clearRates();
    const first = (await post({ fromCurrency: 'USD', toCurrency: 'CHF', rate: 0.8 })).response;
    t.clock.advance(1000);
    try {
      const res = await post({ fromCurrency: 'USD', toCurrency: 'CHF', rate: '0.85' });
      expect(res.status).toBe(201);
      expect(res.response).toEqual({ fromCurrency: 'USD', toCurrency: 'CHF', rate: 0.85, id: first.id });
      expect(res.raw).toContain('"rate":0.85');
      const rows = await t.deps.store.db.selectFrom('currency_rates').selectAll().where('tenant_id', '=', 1).execute();
      expect(rows).toHaveLength(1);
      expect(Number(rows[0]!.rate)).toBe(850_000);
      expect(Number(rows[0]!.updated_at)).toBe(t.clock.now());
      expect(Number(rows[0]!.created_at)).toBe(t.clock.now() - 1000);
      expect(await lastAudit(first.id)).toEqual({ action: 'currency-rate.updated', userId: adminId, changes: { rate: { before: '0.8', after: '0.85' } } });
    } finally {
      t.clock.advance(-1000);
    }
  });

  it('the same rate again writes nothing and records nothing', async () => {
    await clearRates();
    const first = (await post({ fromCurrency: 'USD', toCurrency: 'CAD', rate: 1.3 })).response;
    const before = await currencyWrites(t);
    const res = await post({ fromCurrency: 'USD', toCurrency: 'CAD', rate: '1.300000' });
    expect(res.status).toBe(201);
    expect(res.response).toEqual({ ...first, rate: 1.3 });
    expect(await currencyWrites(t)).toEqual(before);
  });

  it('rate 0 on an existing pair deletes it: answers the pair with rate 0 and the id it had; audited', async () => {
    await clearRates();
    const first = (await post({ fromCurrency: 'EUR', toCurrency: 'USD', rate: 1.1 })).response;
    const res = await post({ fromCurrency: 'EUR', toCurrency: 'USD', rate: 0 });
    expect(res.status).toBe(201);
    expect(res.response).toEqual({ fromCurrency: 'EUR', toCurrency: 'USD', rate: 0, id: first.id });
    expect(res.raw).toContain('"rate":0.00');
    expect(await rateRow(first.id)).toBeUndefined();
    expect(await lastAudit(first.id)).toEqual({
      action: 'currency-rate.deleted', userId: adminId,
      changes: { fromCurrency: { before: 'EUR' }, toCurrency: { before: 'USD' }, rate: { before: '1.1' } },
    });
  });

  it('rate 0 (or omitted: the default 0) on a new pair stores nothing and answers id 0', async () => {
    await clearRates();
    const before = await currencyWrites(t);
    const zero = await post({ fromCurrency: 'EUR', toCurrency: 'SEK', rate: 0 });
    expect(zero.status).toBe(201);
    expect(zero.response).toEqual({ fromCurrency: 'EUR', toCurrency: 'SEK', rate: 0, id: 0 });
    const omitted = await post({ fromCurrency: 'EUR', toCurrency: 'SEK' });
    expect(omitted.response).toEqual({ fromCurrency: 'EUR', toCurrency: 'SEK', rate: 0, id: 0 });
    expect(await currencyWrites(t)).toEqual(before);
  });

  it('binds a form body, the query string and names in any case', async () => {
    await clearRates();
    const form = await call(t, 'POST', RATES, { form: 'FromCurrency=NOK&tocurrency=EUR&RATE=0.085' });
    expect(form.status, form.raw).toBe(201);
    expect(form.response).toMatchObject({ fromCurrency: 'NOK', toCurrency: 'EUR', rate: 0.085 });
    const query = await call(t, 'POST', `${RATES}.json?fromCurrency=DKK&toCurrency=EUR&rate=0.134`, { form: '' });
    expect(query.status, query.raw).toBe(201);
    expect(query.response).toMatchObject({ fromCurrency: 'DKK', toCurrency: 'EUR', rate: 0.134 });
  });

  it('accepts the largest rate 99999999.99 and refuses anything above or below 0: 400 "Invalid currency rate: {rate}"', async () => {
    await clearRates();
    const max = await post({ fromCurrency: 'VND', toCurrency: 'EUR', rate: '99999999.99' });
    expect(max.status).toBe(201);
    expect(max.raw).toContain('"rate":99999999.99');
    await expectRefused(t, () => post({ fromCurrency: 'USD', toCurrency: 'EUR', rate: '99999999.991' }), 400, 'Invalid currency rate: 99999999.991');
    await expectRefused(t, () => post({ fromCurrency: 'USD', toCurrency: 'EUR', rate: -1 }), 400, 'Invalid currency rate: -1');
    await expectRefused(t, () => post({ fromCurrency: 'USD', toCurrency: 'EUR', rate: '1e9' }), 400, 'Invalid currency rate: 1000000000');
    // The rate is checked before the codes (the contract's order).
    await expectRefused(t, () => post({ fromCurrency: 'usd', toCurrency: 'EUR', rate: -2 }), 400, 'Invalid currency rate: -2');
  });

  it('refuses a positive rate that 6 decimals would turn into 0 (DECISIONS Q26)', async () => {
    await expectRefused(t, 
      () => post({ fromCurrency: 'USD', toCurrency: 'EUR', rate: '0.0000004' }),
      400, 'Invalid currency rate: 0.0000004 (rates keep 6 decimals: the smallest rate is 0.000001)',
    );
  });

  it('requires catalogue codes in exact upper case: 400 "Unknown currency: {codes}" (spec Q23)', async () => {
    await expectRefused(t, () => post({ fromCurrency: 'usd', toCurrency: 'EUR', rate: 1 }), 400, 'Unknown currency: usd');
    await expectRefused(t, () => post({ fromCurrency: 'XXX', toCurrency: 'eur', rate: 1 }), 400, 'Unknown currency: XXX,eur');
    await expectRefused(t, () => post({ fromCurrency: 'ABC', toCurrency: 'ABC', rate: 1 }), 400, 'Unknown currency: ABC');
    await expectRefused(t, () => post({ toCurrency: 'EUR', rate: 1 }), 400, 'fromCurrency is required');
    await expectRefused(t, () => post({ fromCurrency: 'EUR', toCurrency: '', rate: 1 }), 400, 'toCurrency is required');
  });

  it('refuses a malformed rate with 400', async () => {
    await expectRefused(t, () => post({ fromCurrency: 'USD', toCurrency: 'EUR', rate: '1,5' }), 400, /rate: "1,5" is not a valid decimal number/);
  });

  it('is for CRM admins only (DECISIONS Q22): 403 before any other check; guests 403; no token 401', async () => {
    await expectRefused(t, () => post({ fromCurrency: 'USD', toCurrency: 'EUR', rate: 1 }, user.token), 403, /^Access Denied/);
    await expectRefused(t, () => post({ fromCurrency: 'bad', toCurrency: 'EUR', rate: -1 }, user.token), 403, /^Access Denied/);
    const guest = await t.createUser({ isVisitor: true });
    await expectRefused(t, () => post({ fromCurrency: 'USD', toCurrency: 'EUR', rate: 1 }, guest.token), 403, 'Forbidden');
    await expectRefused(t, () => call(t, 'POST', RATES, { token: null, json: { fromCurrency: 'USD', toCurrency: 'EUR', rate: 1 } }), 401, 'Unauthorized');
  });
});

describe('GET currency/rates, currency/rates/{id}, currency/rates/{from}/{to}', () => {
  let usdEur: { id: number };
  let gbpEur: { id: number };
  beforeAll(async () => {
    await clearRates();
    usdEur = (await post({ fromCurrency: 'USD', toCurrency: 'EUR', rate: 0.92 })).response;
    gbpEur = (await post({ fromCurrency: 'GBP', toCurrency: 'EUR', rate: 1.17 })).response;
    await call(t, 'POST', RATES, { token: otherToken, json: { fromCurrency: 'USD', toCurrency: 'EUR', rate: 5 } });
  });

  it('lists the portal\'s rates by id, to any CRM user; other portals\' rates are not shown', async () => {
    const res = await call(t, 'GET', RATES, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 2, status: 0, statusCode: 200 });
    expect(res.response).toEqual([
      { fromCurrency: 'USD', toCurrency: 'EUR', rate: 0.92, id: usdEur.id },
      { fromCurrency: 'GBP', toCurrency: 'EUR', rate: 1.17, id: gbpEur.id },
    ]);
    expect((await call(t, 'GET', `${RATES}.json`, { token: otherToken })).response).toEqual([
      { fromCurrency: 'USD', toCurrency: 'EUR', rate: 5, id: expect.any(Number) },
    ]);
  });

  it('an empty list omits count', async () => {
    const fresh = await createTestApp();
    try {
      const res = await call(fresh, 'GET', RATES);
      expect(res.body).toEqual({ status: 0, statusCode: 200, response: [] });
    } finally {
      await fresh.close();
    }
  });

  it('reads one by id (with .json); id 0 → 400; unknown or another portal\'s → 404 (spec Q21)', async () => {
    const res = await call(t, 'GET', `${RATES}/${usdEur.id}`, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 1, status: 0, statusCode: 200 });
    expect(res.response).toEqual({ fromCurrency: 'USD', toCurrency: 'EUR', rate: 0.92, id: usdEur.id });
    expect((await call(t, 'GET', `${RATES}/${gbpEur.id}.json`)).response.fromCurrency).toBe('GBP');
    const zero = await call(t, 'GET', `${RATES}/0`);
    expect(zero.status).toBe(400);
    expect(zero.body.error.message).toBe('id must be greater than 0 (got 0)');
    const missing = await call(t, 'GET', `${RATES}/999999`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('Currency rate 999999 was not found');
    expect((await call(t, 'GET', `${RATES}/${usdEur.id}`, { token: otherToken })).status).toBe(404);
  });

  it('reads one by pair, codes in any case; no such pair → 404 (spec Q21)', async () => {
    const res = await call(t, 'GET', `${RATES}/usd/Eur`, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.response).toEqual({ fromCurrency: 'USD', toCurrency: 'EUR', rate: 0.92, id: usdEur.id });
    expect((await call(t, 'GET', `${RATES}/GBP/EUR.json`)).response.id).toBe(gbpEur.id);
    const inverse = await call(t, 'GET', `${RATES}/EUR/USD`);
    expect(inverse.status).toBe(404);
    expect(inverse.body.error.message).toBe('No currency rate from EUR to USD');
    expect((await call(t, 'GET', `${RATES}/XXX/EUR`)).status).toBe(404);
  });

  it('is refused to a guest and without a token', async () => {
    const guest = await t.createUser({ isVisitor: true });
    expect((await call(t, 'GET', RATES, { token: guest.token })).status).toBe(403);
    expect((await call(t, 'GET', `${RATES}/${usdEur.id}`, { token: null })).status).toBe(401);
  });
});

describe('PUT currency/rates/{id}', () => {
  const put = (id: number | string, json: Record<string, unknown>, token?: string) => call(t, 'PUT', `${RATES}/${id}`, { json, ...(token ? { token } : {}) });

  it('rewrites pair and rate of the row: 200, same id, audited with the changed fields', async () => {
    await clearRates();
    const rate = (await post({ fromCurrency: 'USD', toCurrency: 'EUR', rate: 0.9 })).response;
    const res = await put(rate.id, { fromCurrency: 'USD', toCurrency: 'GBP', rate: '0.79' });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ count: 1, status: 0, statusCode: 200 });
    expect(res.response).toEqual({ fromCurrency: 'USD', toCurrency: 'GBP', rate: 0.79, id: rate.id });
    expect((await call(t, 'GET', `${RATES}/${rate.id}`)).response).toEqual(res.response);
    expect(await lastAudit(rate.id)).toEqual({
      action: 'currency-rate.updated', userId: adminId,
      changes: { toCurrency: { before: 'EUR', after: 'GBP' }, rate: { before: '0.9', after: '0.79' } },
    });
  });

  it('binds a form body and the query string', async () => {
    await clearRates();
    const rate = (await post({ fromCurrency: 'USD', toCurrency: 'EUR', rate: 0.9 })).response;
    const form = await call(t, 'PUT', `${RATES}/${rate.id}.json`, { form: 'fromcurrency=USD&TOCURRENCY=EUR&rate=0.91' });
    expect(form.response).toEqual({ fromCurrency: 'USD', toCurrency: 'EUR', rate: 0.91, id: rate.id });
    const query = await call(t, 'PUT', `${RATES}/${rate.id}?fromCurrency=USD&toCurrency=EUR&rate=0.93`, { form: '' });
    expect(query.response.rate).toBe(0.93);
  });

  it('rate 0 deletes the row and answers the pair given with rate 0 and its id; audited', async () => {
    await clearRates();
    const rate = (await post({ fromCurrency: 'USD', toCurrency: 'EUR', rate: 0.9 })).response;
    const res = await put(rate.id, { fromCurrency: 'USD', toCurrency: 'EUR', rate: 0 });
    expect(res.status).toBe(200);
    expect(res.response).toEqual({ fromCurrency: 'USD', toCurrency: 'EUR', rate: 0, id: rate.id });
    expect(await rateRow(rate.id)).toBeUndefined();
    expect((await lastAudit(rate.id)).action).toBe('currency-rate.deleted');
  });

  it('refuses a pair another row has (one row per pair; the original stores a duplicate)', async () => {
    await clearRates();
    const taken = (await post({ fromCurrency: 'USD', toCurrency: 'EUR', rate: 0.9 })).response;
    const rate = (await post({ fromCurrency: 'GBP', toCurrency: 'EUR', rate: 1.2 })).response;
    await expectRefused(t, () => put(rate.id, { fromCurrency: 'USD', toCurrency: 'EUR', rate: 1 }), 400, `A currency rate from USD to EUR exists already (id ${taken.id})`);
    // Rate 0 with that pair just deletes this row.
    expect((await put(rate.id, { fromCurrency: 'USD', toCurrency: 'EUR', rate: 0 })).response).toEqual({ fromCurrency: 'USD', toCurrency: 'EUR', rate: 0, id: rate.id });
    expect(await rateRow(taken.id)).toBeDefined();
  });

  it('id 0, an unknown id or another portal\'s id → 400; validation as POST; nothing written', async () => {
    await clearRates();
    const rate = (await post({ fromCurrency: 'USD', toCurrency: 'EUR', rate: 0.9 })).response;
    const foreign = (await call(t, 'POST', RATES, { token: otherToken, json: { fromCurrency: 'CHF', toCurrency: 'EUR', rate: 1 } })).response;
    const ok = { fromCurrency: 'USD', toCurrency: 'EUR', rate: 1 };
    await expectRefused(t, () => put(0, ok), 400, 'id must be greater than 0 (got 0)');
    await expectRefused(t, () => put(999999, ok), 400, 'Currency rate 999999 does not exist');
    await expectRefused(t, () => put(foreign.id, ok), 400, `Currency rate ${foreign.id} does not exist`);
    await expectRefused(t, () => put(rate.id, { ...ok, rate: -0.5 }), 400, 'Invalid currency rate: -0.5');
    await expectRefused(t, () => put(rate.id, { ...ok, rate: '100000000' }), 400, 'Invalid currency rate: 100000000');
    await expectRefused(t, () => put(rate.id, { ...ok, toCurrency: 'Eur' }), 400, 'Unknown currency: Eur');
    await expectRefused(t, () => put(rate.id, { fromCurrency: 'USD', rate: 1 }), 400, 'toCurrency is required');
  });

  it('is for CRM admins only (DECISIONS Q22), 403 before any other check', async () => {
    await clearRates();
    const rate = (await post({ fromCurrency: 'USD', toCurrency: 'EUR', rate: 0.9 })).response;
    await expectRefused(t, () => put(rate.id, { fromCurrency: 'USD', toCurrency: 'EUR', rate: 2 }, user.token), 403, /^Access Denied/);
    await expectRefused(t, () => put(0, { rate: -1 }, user.token), 403, /^Access Denied/);
  });

  it('a non-numeric id matches no route (404)', async () => {
    expect((await put('abc', { fromCurrency: 'USD', toCurrency: 'EUR', rate: 1 })).status).toBe(404);
  });
});

describe('DELETE currency/rates/{id}', () => {
  const del = (id: number | string, token?: string) => call(t, 'DELETE', `${RATES}/${id}`, token ? { token } : {});

  it('deletes the rate and answers it as it was; audited', async () => {
    await clearRates();
    const rate = (await post({ fromCurrency: 'USD', toCurrency: 'EUR', rate: '0.925' })).response;
    const res = await del(rate.id);
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ count: 1, status: 0, statusCode: 200 });
    expect(res.response).toEqual({ fromCurrency: 'USD', toCurrency: 'EUR', rate: 0.925, id: rate.id });
    expect(await rateRow(rate.id)).toBeUndefined();
    expect(await lastAudit(rate.id)).toEqual({
      action: 'currency-rate.deleted', userId: adminId,
      changes: { fromCurrency: { before: 'USD' }, toCurrency: { before: 'EUR' }, rate: { before: '0.925' } },
    });
    expect((await del(`${rate.id}.json`)).status).toBe(400);
  });

  it('id 0, an unknown id or another portal\'s → 400, nothing written', async () => {
    const foreign = (await call(t, 'POST', RATES, { token: otherToken, json: { fromCurrency: 'SEK', toCurrency: 'EUR', rate: 0.09 } })).response;
    await expectRefused(t, () => del(0), 400, 'id must be greater than 0 (got 0)');
    await expectRefused(t, () => del(999999), 400, 'Currency rate 999999 does not exist');
    await expectRefused(t, () => del(foreign.id), 400, `Currency rate ${foreign.id} does not exist`);
  });

  it('is for CRM admins only (DECISIONS Q22)', async () => {
    await clearRates();
    const rate = (await post({ fromCurrency: 'USD', toCurrency: 'EUR', rate: 0.9 })).response;
    await expectRefused(t, () => del(rate.id, user.token), 403, /^Access Denied/);
    await expectRefused(t, () => call(t, 'DELETE', `${RATES}/${rate.id}`, { token: null }), 401, 'Unauthorized');
  });
});
