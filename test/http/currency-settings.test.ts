// The default currency, conversions with the portal's manual rates (spec §6.5, §3.7, open
// question 9) and the CRM settings: admin-only writes, audited, nothing written on 4xx.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, type ApiResult } from '../support/api.js';
import { currencyWrites, expectRefused } from '../support/currency-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const CURRENCY = '/api/2.0/crm/settings/currency';
const CONVERT = '/api/2.0/crm/settings/currency/convert';
const SUMMARY = '/api/2.0/crm/settings/currency/summarytable';
const SETTINGS = '/api/2.0/crm/settings';

const EUR = { title: 'Euro', symbol: '€', abbreviation: 'EUR', cultureName: 'EU', isConvertable: true, isBasic: true };
const USD = { title: 'United States Dollar', symbol: '$', abbreviation: 'USD', cultureName: 'US', isConvertable: true, isBasic: true };
const GBP = { title: 'Pound Sterling', symbol: '£', abbreviation: 'GBP', cultureName: 'GB', isConvertable: true, isBasic: true };
const JPY = { title: 'Japanese Yen', symbol: '¥', abbreviation: 'JPY', cultureName: 'JP', isConvertable: true, isBasic: true };

let t: TestApp;
let user: { id: string; token: string };
let adminId: string;

beforeAll(async () => {
  t = await createTestApp();
  user = await t.createUser();
  adminId = (await call(t, 'GET', '/api/2.0/people/@self')).response.id;
});
afterAll(async () => t?.close());


const defaultCurrency = async () =>
  (await t.deps.store.db.selectFrom('tenants').select('default_currency').where('id', '=', 1).executeTakeFirstOrThrow()).default_currency;
const setDefault = (code: string) => t.deps.store.db.updateTable('tenants').set({ default_currency: code }).where('id', '=', 1).execute();

async function lastSettingsAudit() {
  const row = await t.deps.store.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', 1).where('target_type', '=', 'settings').orderBy('seq', 'desc').executeTakeFirst();
  return row && { action: row.action, userId: row.user_id, targetIds: JSON.parse(row.target_ids), changes: JSON.parse(row.changes) };
}

/** The portal's rates are exactly these (written through the API). */
async function useRates(rates: [string, string, number | string][], currency = 'EUR') {
  const res = await call(t, 'POST', '/api/2.0/crm/currency/setrates', {
    json: { currency, rates: rates.map(([fromCurrency, toCurrency, rate]) => ({ fromCurrency, toCurrency, rate })) },
  });
  expect(res.status, res.raw).toBe(201);
}

describe('PUT settings/currency', () => {
  beforeEach(() => setDefault('EUR'));

  it('sets the default currency from any case and answers its CurrencyInfo; audited', async () => {
    const res = await call(t, 'PUT', CURRENCY, { json: { currency: 'usd' } });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toEqual({ count: 1, status: 0, statusCode: 200, response: USD });
    expect(await defaultCurrency()).toBe('USD');
    expect(await lastSettingsAudit()).toEqual({
      action: 'settings.default-currency-changed', userId: adminId, targetIds: [1], changes: { defaultCurrency: { before: 'EUR', after: 'USD' } },
    });
    // Invoice items report in the default currency (spec Q40); the CRM settings show it.
    expect((await call(t, 'GET', SETTINGS, { token: user.token })).response.defaultCurrency).toEqual(USD);
  });

  it('binds a form body and the query string, names in any case', async () => {
    expect((await call(t, 'PUT', CURRENCY, { form: 'Currency=gbp' })).response).toEqual(GBP);
    expect((await call(t, 'PUT', `${CURRENCY}.json?CURRENCY=Jpy`, { form: '' })).response).toEqual(JPY);
    expect(await defaultCurrency()).toBe('JPY');
  });

  it('the same currency again writes and records nothing', async () => {
    const before = await currencyWrites(t);
    const res = await call(t, 'PUT', CURRENCY, { json: { currency: 'EUR' } });
    expect(res.response).toEqual(EUR);
    expect(await currencyWrites(t)).toEqual(before);
  });

  it('empty or unknown → 400, nothing written', async () => {
    await expectRefused(t, () => call(t, 'PUT', CURRENCY, { json: {} }), 400, 'currency is required');
    await expectRefused(t, () => call(t, 'PUT', CURRENCY, { json: { currency: ' ' } }), 400, 'currency is required');
    await expectRefused(t, () => call(t, 'PUT', CURRENCY, { json: { currency: 'xyz' } }), 400, 'Unknown currency: xyz');
  });

  it('is for CRM admins only; guests 403; no token 401', async () => {
    await expectRefused(t, () => call(t, 'PUT', CURRENCY, { token: user.token, json: { currency: 'USD' } }), 403, /^Access Denied/);
    await expectRefused(t, () => call(t, 'PUT', CURRENCY, { token: user.token, json: { currency: '' } }), 403, /^Access Denied/);
    const guest = await t.createUser({ isVisitor: true });
    await expectRefused(t, () => call(t, 'PUT', CURRENCY, { token: guest.token, json: { currency: 'USD' } }), 403, 'Forbidden');
    await expectRefused(t, () => call(t, 'PUT', CURRENCY, { token: null, json: { currency: 'USD' } }), 401, 'Unauthorized');
  });
});

describe('GET settings/currency/convert', () => {
  const convert = async (query: string, token = user.token) => call(t, 'GET', `${CONVERT}?${query}`, { token });

  beforeAll(async () => {
    await setDefault('EUR');
    // 1 USD = 0.9 EUR; 1 GBP = 1.2 EUR; 1 EUR = 160 JPY; 1 CHF = 0.5 SEK and 1 SEK = 0.25 CHF (both directions).
    await useRates([['USD', 'EUR', 0.9], ['GBP', 'EUR', 1.2], ['EUR', 'JPY', 160], ['CHF', 'SEK', 0.5], ['SEK', 'CHF', 0.25]]);
  });

  it('converts with the direct pair, to any CRM user', async () => {
    const res = await convert('amount=100&fromcurrency=USD&tocurrency=EUR');
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toEqual({ count: 1, status: 0, statusCode: 200, response: 90 });
    expect(res.raw).toContain('"response":90.00');
  });

  it('converts with the inverse pair as 1/rate, rounded to 4 decimals', async () => {
    expect((await convert('amount=100&fromcurrency=EUR&tocurrency=USD')).response).toBe(111.1111);
    expect((await convert('amount=1&fromcurrency=JPY&tocurrency=EUR')).response).toBe(0.0063); // 0.00625 → away from zero
  });

  it('converts through the default currency when both legs exist', async () => {
    expect((await convert('amount=100&fromcurrency=USD&tocurrency=GBP')).response).toBe(75); // 100 × 0.9 / 1.2
    expect((await convert('amount=2&fromcurrency=GBP&tocurrency=JPY')).response).toBe(384); // 2 × 1.2 × 160
    expect((await convert('amount=1&fromcurrency=JPY&tocurrency=USD')).response).toBe(0.0069); // 1 / 160 / 0.9 = 0.006944…
  });

  it('prefers the direct pair over its inverse', async () => {
    expect((await convert('amount=10&fromcurrency=CHF&tocurrency=SEK')).response).toBe(5);
    expect((await convert('amount=10&fromcurrency=SEK&tocurrency=CHF')).response).toBe(2.5);
  });

  it('rounds half away from zero (not to even), both signs', async () => {
    // 0.0001 × 0.5 = 0.00005 exactly: a tie.
    expect((await convert('amount=0.0001&fromcurrency=CHF&tocurrency=SEK')).response).toBe(0.0001);
    expect((await convert('amount=-0.0001&fromcurrency=CHF&tocurrency=SEK')).response).toBe(-0.0001);
    expect((await convert('amount=0.0003&fromcurrency=CHF&tocurrency=SEK')).response).toBe(0.0002);
  });

  it('is exact for large amounts (no float arithmetic)', async () => {
    const res = await convert('amount=79228162514264337593543950335&fromcurrency=CHF&tocurrency=SEK');
    expect(res.raw).toContain('"response":39614081257132168796771975167.50');
    const tiny = await convert('amount=0.1&fromcurrency=USD&tocurrency=EUR');
    expect(tiny.raw).toContain('"response":0.09');
  });

  it('codes in any case; the same currency answers the amount unchanged (not rounded)', async () => {
    expect((await convert('AMOUNT=100&FromCurrency=usd&ToCurrency=eur')).response).toBe(90);
    const same = await convert('amount=1.234567&fromcurrency=usd&tocurrency=USD');
    expect(same.raw).toContain('"response":1.234567');
  });

  it('without parameters converts nothing: 0; with a code missing, the amount as given', async () => {
    const none = await call(t, 'GET', CONVERT, { token: user.token });
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ count: 1, status: 0, statusCode: 200, response: 0 });
    expect((await convert('amount=12.5')).response).toBe(12.5);
    expect((await convert('amount=12.5&fromcurrency=USD')).response).toBe(12.5);
    expect((await convert('amount=12.5&fromcurrency=&tocurrency=GBP')).response).toBe(12.5);
  });

  it('a missing rate → 400 naming the pair', async () => {
    const res = await convert('amount=1&fromcurrency=USD&tocurrency=CHF');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('No currency rate from USD to CHF: add the rate USD/CHF or CHF/USD, or rates between each of them and the default currency EUR');
    // A leg through the default currency needs both legs.
    expect((await convert('amount=1&fromcurrency=EUR&tocurrency=CHF')).status).toBe(400);
  });

  it('an unknown code, a malformed or out-of-range amount → 400', async () => {
    const unknown = await convert('amount=1&fromcurrency=ABC&tocurrency=EUR');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe('Unknown currency: ABC');
    expect((await convert('amount=1&fromcurrency=EUR&tocurrency=zzz')).body.error.message).toBe('Unknown currency: zzz');
    const bad = await convert('amount=abc&fromcurrency=USD&tocurrency=EUR');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/amount: "abc" is not a valid decimal number/);
    const huge = await convert('amount=1e40&fromcurrency=USD&tocurrency=EUR');
    expect(huge.status).toBe(400);
    expect(huge.body.error.message).toMatch(/^amount is out of range/);
  });

  it('is refused to a guest and without a token', async () => {
    const guest = await t.createUser({ isVisitor: true });
    expect((await convert('amount=1', guest.token)).status).toBe(403);
    expect((await call(t, 'GET', CONVERT, { token: null })).status).toBe(401);
  });
});

describe('GET settings/currency/summarytable', () => {
  beforeAll(async () => {
    await setDefault('EUR');
    await useRates([['USD', 'EUR', 0.9], ['GBP', 'EUR', 1.2], ['EUR', 'JPY', 160]]);
  });

  it('lists, in catalogue order, what one unit of the currency is worth in each currency the rates reach; itself with rate 1', async () => {
    const res = await call(t, 'GET', `${SUMMARY}?currency=usd`, { token: user.token });
    expect(res.status, res.raw).toBe(200);
    expect(res.body.count).toBe(4);
    expect(res.response).toEqual([
      { ...EUR, rate: 0.9 },
      { ...GBP, rate: 0.75 },
      { ...JPY, rate: 144 },
      { ...USD, rate: 1 },
    ]);
    expect(res.raw).toContain('"rate":1.00');
  });

  it('rounds derived rates to 6 decimals', async () => {
    const res = await call(t, 'GET', `${SUMMARY}.json?Currency=GBP`);
    expect(res.response.map((r: { abbreviation: string; rate: number }) => [r.abbreviation, r.rate])).toEqual([
      ['EUR', 1.2], ['GBP', 1], ['JPY', 192], ['USD', 1.333333],
    ]);
  });

  it('a currency without rates lists only itself', async () => {
    expect((await call(t, 'GET', `${SUMMARY}?currency=CHF`)).response).toEqual([
      { title: 'Swiss Franc', symbol: 'Fr', abbreviation: 'CHF', cultureName: 'CH', isConvertable: true, isBasic: true, rate: 1 },
    ]);
  });

  it('empty or unknown currency → 400', async () => {
    const empty = await call(t, 'GET', SUMMARY);
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('currency is required');
    const unknown = await call(t, 'GET', `${SUMMARY}?currency=xxx`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe('Unknown currency: xxx');
  });
});

describe('GET and PUT crm/settings', () => {
  beforeAll(() => setDefault('EUR'));

  it('a fresh portal is not configured; any CRM user reads {configured, defaultCurrency}', async () => {
    const res = await call(t, 'GET', SETTINGS, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 1, status: 0, statusCode: 200, response: { configured: false, defaultCurrency: EUR } });
    expect((await call(t, 'GET', `${SETTINGS}.json`)).response.configured).toBe(false);
  });

  it('an admin sets `configured`; the answer is the settings; the change is audited once', async () => {
    const res = await call(t, 'PUT', SETTINGS, { json: { configured: true } });
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toEqual({ configured: true, defaultCurrency: EUR });
    expect(await lastSettingsAudit()).toEqual({
      action: 'settings.configured-changed', userId: adminId, targetIds: [1], changes: { configured: { before: false, after: true } },
    });
    const before = await currencyWrites(t);
    expect((await call(t, 'PUT', SETTINGS, { json: { configured: true } })).response.configured).toBe(true);
    expect(await currencyWrites(t)).toEqual(before);
    expect((await call(t, 'PUT', SETTINGS, { form: 'Configured=false' })).response.configured).toBe(false);
    expect((await call(t, 'GET', SETTINGS, { token: user.token })).response.configured).toBe(false);
  });

  it('`configured` omitted means true, as the original; the query string binds too', async () => {
    expect((await call(t, 'PUT', SETTINGS, { json: {} })).response.configured).toBe(true);
    expect((await call(t, 'PUT', `${SETTINGS}?configured=false`, { form: '' })).response.configured).toBe(false);
  });

  it('a malformed boolean → 400; a non-admin → 403; nothing written', async () => {
    await expectRefused(t, () => call(t, 'PUT', SETTINGS, { form: 'configured=maybe' }), 400, /configured: "maybe" is not a valid boolean/);
    await expectRefused(t, () => call(t, 'PUT', SETTINGS, { token: user.token, json: { configured: true } }), 403, /^Access Denied/);
    const guest = await t.createUser({ isVisitor: true });
    await expectRefused(t, () => call(t, 'GET', SETTINGS, { token: guest.token }), 403, 'Forbidden');
  });
});
