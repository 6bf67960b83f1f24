// POST currency/setrates and currency/addrates (spec §6.6): CRM admins, everything validated
// before the first write, one transaction, one audit record per changed rate; concurrent writes of
// one pair leave one row.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, type ApiResult } from '../support/api.js';
import { currencyWrites, expectRefused } from '../support/currency-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const RATES = '/api/2.0/crm/currency/rates';
const SET = '/api/2.0/crm/currency/setrates';
const ADD = '/api/2.0/crm/currency/addrates';

let t: TestApp;
let user: { id: string; token: string };

beforeAll(async () => {
  t = await createTestApp();
  user = await t.createUser();
});
afterAll(async () => t?.close());

beforeEach(async () => {
  await t.deps.store.db.deleteFrom('currency_rates').execute();
  await t.deps.store.db.updateTable('tenants').set({ default_currency: 'EUR' }).where('id', '=', 1).execute();
});


/** Audit records written since `seq`, oldest first. */
async function auditSince(seq: number) {
  const rows = await t.deps.store.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', 1).where('seq', '>', seq).orderBy('seq').execute();
  return rows.map((r) => ({ action: r.action, targetType: r.target_type, targetIds: JSON.parse(r.target_ids), changes: JSON.parse(r.changes) }));
}
const auditHead = async () =>
  Number((await t.deps.store.db.selectFrom('audit_heads').select('seq').where('tenant_id', '=', 1).executeTakeFirstOrThrow()).seq);

const defaultCurrency = async () =>
  (await t.deps.store.db.selectFrom('tenants').select('default_currency').where('id', '=', 1).executeTakeFirstOrThrow()).default_currency;

const rate = (fromCurrency: string, toCurrency: string, r: number | string) => ({ fromCurrency, toCurrency, rate: r });

describe('POST currency/setrates', () => {
  it('replaces every rate: listed pairs keep their id, others are deleted, new ones inserted; answers the new set by id (201)', async () => {
    const keep = (await call(t, 'POST', RATES, { json: rate('USD', 'EUR', 0.9) })).response;
    const same = (await call(t, 'POST', RATES, { json: rate('GBP', 'EUR', 1.2) })).response;
    const gone = (await call(t, 'POST', RATES, { json: rate('CHF', 'EUR', 1.05) })).response;
    const seq = await auditHead();
    const res = await call(t, 'POST', SET, {
      json: { currency: 'EUR', rates: [rate('USD', 'EUR', '0.93'), rate('JPY', 'EUR', '0.0061'), rate('GBP', 'EUR', 1.2)] },
    });
    expect(res.status, res.raw).toBe(201);
    expect(res.body).toMatchObject({ count: 3, status: 0, statusCode: 201 });
    expect(res.response).toEqual([
      { fromCurrency: 'USD', toCurrency: 'EUR', rate: 0.93, id: keep.id },
      { fromCurrency: 'GBP', toCurrency: 'EUR', rate: 1.2, id: same.id },
      { fromCurrency: 'JPY', toCurrency: 'EUR', rate: 0.0061, id: expect.any(Number) },
    ]);
    expect(res.response[2].id).toBeGreaterThan(gone.id);
    expect((await call(t, 'GET', RATES)).response).toEqual(res.response);
    // One record per changed rate; the unchanged GBP/EUR has none; the default currency did not change.
    const records = await auditSince(seq);
    expect(records).toEqual([
      { action: 'currency-rate.deleted', targetType: 'currency-rate', targetIds: [gone.id], changes: { fromCurrency: { before: 'CHF' }, toCurrency: { before: 'EUR' }, rate: { before: '1.05' } } },
      { action: 'currency-rate.updated', targetType: 'currency-rate', targetIds: [keep.id], changes: { rate: { before: '0.9', after: '0.93' } } },
      { action: 'currency-rate.created', targetType: 'currency-rate', targetIds: [res.response[2].id], changes: { fromCurrency: { after: 'JPY' }, toCurrency: { after: 'EUR' }, rate: { after: '0.0061' } } },
    ]);
  });

  it('makes `currency` (any case) the default currency when it differs, audited once', async () => {
    const seq = await auditHead();
    const res = await call(t, 'POST', SET, { json: { currency: 'usd', rates: [rate('EUR', 'USD', 1.08)] } });
    expect(res.status, res.raw).toBe(201);
    expect(await defaultCurrency()).toBe('USD');
    expect((await call(t, 'GET', '/api/2.0/crm/settings')).response.defaultCurrency.abbreviation).toBe('USD');
    const records = await auditSince(seq);
    expect(records[0]).toEqual({ action: 'settings.default-currency-changed', targetType: 'settings', targetIds: [1], changes: { defaultCurrency: { before: 'EUR', after: 'USD' } } });
    expect(records.map((r) => r.action)).toEqual(['settings.default-currency-changed', 'currency-rate.created']);
  });

  it('entries with rate 0 are not stored; a pair given twice: the last entry wins', async () => {
    const old = (await call(t, 'POST', RATES, { json: rate('USD', 'EUR', 0.9) })).response;
    const res = await call(t, 'POST', SET, {
      json: { currency: 'EUR', rates: [rate('USD', 'EUR', 0), rate('SEK', 'EUR', 0.08), rate('SEK', 'EUR', 0.09), rate('NOK', 'EUR', 0)] },
    });
    expect(res.status).toBe(201);
    expect(res.response).toEqual([{ fromCurrency: 'SEK', toCurrency: 'EUR', rate: 0.09, id: expect.any(Number) }]);
    expect((await call(t, 'GET', `${RATES}/${old.id}`)).status).toBe(404);
  });

  it('omitted `rates` deletes every rate and answers an empty list', async () => {
    await call(t, 'POST', RATES, { json: rate('USD', 'EUR', 0.9) });
    const res = await call(t, 'POST', SET, { json: { currency: 'EUR' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ status: 0, statusCode: 201, response: [] });
    expect((await currencyWrites(t))[0]).toEqual([]);
  });

  it('binds form bodies in bracket notation, names in any case, and a single hash as a one-element list', async () => {
    const form = await call(t, 'POST', SET, {
      form: 'Currency=eur&rates[0][fromCurrency]=USD&rates[0][toCurrency]=EUR&rates[0][rate]=0.91&rates[1][FROMCURRENCY]=GBP&rates[1][tocurrency]=EUR&rates[1][Rate]=1.16',
    });
    expect(form.status, form.raw).toBe(201);
    expect(form.response.map((r: { fromCurrency: string; rate: number }) => [r.fromCurrency, r.rate])).toEqual([['USD', 0.91], ['GBP', 1.16]]);
    const single = await call(t, 'POST', SET, { form: 'currency=EUR&rates[fromCurrency]=CHF&rates[toCurrency]=EUR&rates[rate]=1.04' });
    expect(single.status, single.raw).toBe(201);
    expect(single.response).toEqual([{ fromCurrency: 'CHF', toCurrency: 'EUR', rate: 1.04, id: expect.any(Number) }]);
  });

  it('validates everything before the first write, in the contract\'s order; nothing written on 400', async () => {
    await call(t, 'POST', RATES, { json: rate('USD', 'EUR', 0.9) });
    const good = rate('GBP', 'EUR', 1.2);
    await expectRefused(t, () => call(t, 'POST', SET, { json: { rates: [good] } }), 400, 'currency is required');
    await expectRefused(t, () => call(t, 'POST', SET, { json: { currency: '  ', rates: [rate('x', 'y', -1)] } }), 400, 'currency is required');
    await expectRefused(t, () => call(t, 'POST', SET, { json: { currency: 'XYZ', rates: [good, rate('USD', 'EUR', -1)] } }), 400, 'Invalid currency rate: -1');
    await expectRefused(t, () => call(t, 'POST', SET, { json: { currency: 'XYZ', rates: [good, rate('usd', 'EUR', 1), rate('GBP', 'QQQ', 1)] } }), 400, 'Unknown currency: usd,QQQ');
    await expectRefused(t, () => call(t, 'POST', SET, { json: { currency: 'usd', rates: [good, rate('', 'EUR', 1)] } }), 400, 'rates[1].fromCurrency is required');
    await expectRefused(t, () => call(t, 'POST', SET, { json: { currency: 'XYZ', rates: [good] } }), 400, 'Unknown currency: XYZ');
    await expectRefused(t, () => call(t, 'POST', SET, { json: { currency: 'USD', rates: [good, rate('USD', 'EUR', '123456789')] } }), 400, 'Invalid currency rate: 123456789');
  });

  it('is for CRM admins only: 403 before any other check', async () => {
    await expectRefused(t, () => call(t, 'POST', SET, { token: user.token, json: { currency: 'USD', rates: [rate('GBP', 'EUR', 1)] } }), 403, /^Access Denied/);
    await expectRefused(t, () => call(t, 'POST', SET, { token: user.token, json: {} }), 403, /^Access Denied/);
    await expectRefused(t, () => call(t, 'POST', SET, { token: null, json: {} }), 401, 'Unauthorized');
  });
});

describe('POST currency/addrates', () => {
  it('updates listed pairs, inserts new ones, deletes pairs with rate 0; answers every rate by id (201)', async () => {
    const usd = (await call(t, 'POST', RATES, { json: rate('USD', 'EUR', 0.9) })).response;
    const gbp = (await call(t, 'POST', RATES, { json: rate('GBP', 'EUR', 1.2) })).response;
    const chf = (await call(t, 'POST', RATES, { json: rate('CHF', 'EUR', 1.05) })).response;
    const seq = await auditHead();
    const res = await call(t, 'POST', ADD, { json: { rates: [rate('USD', 'EUR', '0.95'), rate('CHF', 'EUR', 0), rate('PLN', 'EUR', '0.23'), rate('DKK', 'EUR', 0)] } });
    expect(res.status, res.raw).toBe(201);
    expect(res.body).toMatchObject({ count: 3, status: 0, statusCode: 201 });
    expect(res.response).toEqual([
      { fromCurrency: 'USD', toCurrency: 'EUR', rate: 0.95, id: usd.id },
      { fromCurrency: 'GBP', toCurrency: 'EUR', rate: 1.2, id: gbp.id },
      { fromCurrency: 'PLN', toCurrency: 'EUR', rate: 0.23, id: expect.any(Number) },
    ]);
    expect((await call(t, 'GET', `${RATES}/${chf.id}`)).status).toBe(404);
    expect((await auditSince(seq)).map((r) => [r.action, r.targetIds[0]])).toEqual([
      ['currency-rate.updated', usd.id],
      ['currency-rate.deleted', chf.id],
      ['currency-rate.created', res.response[2].id],
    ]);
    expect(await defaultCurrency()).toBe('EUR');
  });

  it('a pair given twice: the last entry wins, recorded once', async () => {
    const seq = await auditHead();
    const res = await call(t, 'POST', ADD, { json: { rates: [rate('USD', 'EUR', 0.9), rate('USD', 'EUR', 0.94)] } });
    expect(res.response).toEqual([{ fromCurrency: 'USD', toCurrency: 'EUR', rate: 0.94, id: expect.any(Number) }]);
    expect((await auditSince(seq)).map((r) => r.action)).toEqual(['currency-rate.created']);
  });

  it('binds a form body; no rates answers the current rates', async () => {
    const form = await call(t, 'POST', ADD, { form: 'rates[0][fromCurrency]=USD&rates[0][toCurrency]=EUR&rates[0][rate]=0.9&rates[1][fromCurrency]=EUR&rates[1][toCurrency]=USD&rates[1][rate]=1.1' });
    expect(form.status, form.raw).toBe(201);
    expect(form.response).toHaveLength(2);
    const before = await currencyWrites(t);
    const none = await call(t, 'POST', ADD, { json: {} });
    expect(none.status).toBe(201);
    expect(none.response).toEqual(form.response);
    expect(await currencyWrites(t)).toEqual(before);
  });

  it('validates every entry before the first write; nothing written on 400', async () => {
    await call(t, 'POST', RATES, { json: rate('USD', 'EUR', 0.9) });
    const good = rate('USD', 'EUR', 2);
    await expectRefused(t, () => call(t, 'POST', ADD, { json: { rates: [good, rate('GBP', 'EUR', '-0.01')] } }), 400, 'Invalid currency rate: -0.01');
    await expectRefused(t, () => call(t, 'POST', ADD, { json: { rates: [good, rate('GBP', 'gbp', 1), rate('gbp', 'EUR', 1)] } }), 400, 'Unknown currency: gbp');
    await expectRefused(t, () => call(t, 'POST', ADD, { json: { rates: [good, rate('GBP', '', 1)] } }), 400, 'rates[1].toCurrency is required');
    await expectRefused(t, () => call(t, 'POST', ADD, { json: { rates: [good, rate('GBP', 'EUR', '1e-9')] } }), 400, 'Invalid currency rate: 0.000000001 (rates keep 6 decimals: the smallest rate is 0.000001)');
    await expectRefused(t, () => call(t, 'POST', ADD, { json: { rates: [{ fromCurrency: 'GBP', toCurrency: 'EUR', rate: 'abc' }] } }), 400, /rates\[0\]\.rate: "abc" is not a valid decimal number/);
  });

  it('is for CRM admins only', async () => {
    await expectRefused(t, () => call(t, 'POST', ADD, { token: user.token, json: { rates: [rate('USD', 'EUR', 1)] } }), 403, /^Access Denied/);
  });
});

describe('concurrent writes of one pair', () => {
  it('leave one row whatever the interleaving (the tenant\'s currency lock orders them)', async () => {
    const results = await Promise.all([
      ...[1, 2, 3, 4, 5].map((i) => call(t, 'POST', RATES, { json: rate('USD', 'EUR', `0.9${i}`) })),
      ...[6, 7, 8].map((i) => call(t, 'POST', ADD, { json: { rates: [rate('USD', 'EUR', `0.9${i}`)] } })),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201, 201, 201]);
    const rows = (await currencyWrites(t))[0];
    expect(rows).toHaveLength(1);
    expect(new Set(results.slice(0, 5).map((r) => r.response.id))).toEqual(new Set([Number(rows[0]!.id)]));
    const verify = await call(t, 'GET', '/api/2.0/crm/audit/verify');
    expect(verify.response.valid).toBe(true);
  });
});
