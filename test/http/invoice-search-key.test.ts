// The search key of invoice/filter (migration 012, store/invoice-search.ts): Unicode case folding,
// NFKC, words after spaces, no match across number and description, kept in step with PUT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceSearchKey } from '../../src/store/invoice-search.js';
import { call } from '../support/api.js';
import { buildWorld, invoiceBody, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let w: World;
const ids: Record<string, number> = {};

async function createInvoice(key: string, number: string, description: string): Promise<void> {
  const r = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, { number, description }) });
  expect(r.status, r.raw).toBe(201);
  ids[key] = r.response.id;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  await createInvoice('ru', 'СЧ-1', 'Счёт за УСЛУГИ связи');
  await createInvoice('de', 'DE-1', 'Reparatur STRAẞE und Fußweg');
  await createInvoice('nfkc', 'NF-1', 'ｆｕｌｌｗｉｄｔｈ ﬁnance ①');
  await createInvoice('words', 'INV 77', 'alpha-beta gamma\tdelta');
  await createInvoice('split', 'AB', 'CD');
  await createInvoice('greek', 'GR-1', 'ΟΔΥΣΣΕΥΣ');
});
afterAll(async () => t?.close());

async function found(text: string): Promise<string[]> {
  const r = await call(t, 'GET', `/api/2.0/crm/invoice/filter?filterValue=${encodeURIComponent(text)}`);
  expect(r.status, r.raw).toBe(200);
  const keys = (r.response as { id: number }[]).map((i) => Object.keys(ids).find((k) => ids[k] === i.id) ?? `#${i.id}`);
  expect(r.body.total, `${text}: total`).toBe(keys.length);
  return keys.sort();
}

describe('the search key', () => {
  it('is stored by create: NFKC, Unicode lower case, the number and the description apart', async () => {
    const row = await t.deps.store.db.selectFrom('invoices').select(['number_key', 'search_key']).where('id', '=', ids.nfkc!).executeTakeFirstOrThrow();
    expect(row.search_key).toBe(' nf-1\u001f fullwidth finance 1');
    expect(row.search_key).toBe(invoiceSearchKey(row.number_key, 'ｆｕｌｌｗｉｄｔｈ ﬁnance ①'));
  });

  it('folds Cyrillic case both ways', async () => {
    expect(await found('услуги')).toEqual(['ru']);
    expect(await found('УСЛ')).toEqual(['ru']);
    expect(await found('СЧЁТ')).toEqual(['ru']);
    expect(await found('сч-1')).toEqual(['ru']); // the number
    expect(await found('связи счёт')).toEqual(['ru']);
  });

  it('folds German ẞ to ß (lower case, not full case folding: ss is another word)', async () => {
    expect(await found('straße')).toEqual(['de']);
    expect(await found('STRAẞE')).toEqual(['de']);
    expect(await found('FUẞWEG')).toEqual(['de']);
    expect(await found('fußweg')).toEqual(['de']);
    expect(await found('strasse')).toEqual([]);
  });

  it('folds Greek capitals; a final sigma is a sigma, so prefixes ending in Σ match', async () => {
    expect(await found('οδυσσευς')).toEqual(['greek']);
    expect(await found('Οδυσσευσ')).toEqual(['greek']);
    expect(await found('ΟΔΥΣ')).toEqual(['greek']); // lower case: οδυς
  });

  it('applies NFKC to the stored text and to the words', async () => {
    expect(await found('fullwidth')).toEqual(['nfkc']);
    expect(await found('ＦＵＬＬ')).toEqual(['nfkc']);
    expect(await found('finance')).toEqual(['nfkc']); // the ﬁ ligature
    expect(await found('1')).toEqual(['nfkc']); // ① is 1
  });

  it('matches words at the start of the text or after a space only', async () => {
    expect(await found('alpha')).toEqual(['words']);
    expect(await found('alpha-b')).toEqual(['words']);
    expect(await found('beta')).toEqual([]); // after a hyphen
    expect(await found('gamma')).toEqual(['words']);
    expect(await found('delta')).toEqual([]); // after a tab: not a word start (as before)
    expect(await found('77')).toEqual(['words']); // a word of the number
    expect(await found('inv 77 alpha')).toEqual(['words']);
    expect(await found('nv')).toEqual([]);
  });

  it('never matches across the number and the description', async () => {
    expect(await found('ab cd')).toEqual(['split']); // two words, one in each
    expect(await found('ab\u00a0cd')).toEqual([]); // one word (NFKC turns the no-break space into a space)
    expect(await found('\u001f')).toEqual([]);
  });
});

describe('PUT invoice keeps the key in step', () => {
  it('a new description changes what the search finds; the number still matches', async () => {
    const r = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, { number: 'UPD-9', description: 'Первый вариант' }) });
    expect(r.status, r.raw).toBe(201);
    ids.upd = r.response.id;
    expect(await found('первый')).toEqual(['upd']);
    const put = await call(t, 'PUT', `/api/2.0/crm/invoice/${ids.upd}`, { json: invoiceBody(w, { description: 'Zweite STRAẞE' }) });
    expect(put.status, put.raw).toBe(200);
    expect(await found('первый')).toEqual([]);
    expect(await found('zweite')).toEqual(['upd']);
    expect(await found('straße')).toEqual(['de', 'upd']);
    expect(await found('upd-9 zweite')).toEqual(['upd']);
    const row = await t.deps.store.db.selectFrom('invoices').select(['number_key', 'description', 'search_key']).where('id', '=', ids.upd!).executeTakeFirstOrThrow();
    expect(row.search_key).toBe(invoiceSearchKey(row.number_key, row.description));
  });

  it('a description too long for the indexes is searched all the same, before and after PUT', async () => {
    const long = `${'Lorem ipsum '.repeat(100)}Schluss ENDE`;
    const r = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, { number: 'LONG-1', description: long }) });
    expect(r.status, r.raw).toBe(201);
    ids.long = r.response.id;
    const row = async () => t.deps.store.db.selectFrom('invoices').select(['search_key', 'search_key_long']).where('id', '=', ids.long!).executeTakeFirstOrThrow();
    expect(await row()).toEqual({ search_key: null, search_key_long: invoiceSearchKey('long-1', long) });
    expect(await found('ende')).toEqual(['long']);
    expect(await found('long-1 schluss lorem')).toEqual(['long']);
    expect(await found('ipsumlorem')).toEqual([]);
    // Short again (PUT builds the key in SQL), then long again.
    expect((await call(t, 'PUT', `/api/2.0/crm/invoice/${ids.long}`, { json: invoiceBody(w, { description: 'kurz' }) })).status).toBe(200);
    expect(await row()).toEqual({ search_key: invoiceSearchKey('long-1', 'kurz'), search_key_long: null });
    expect(await found('ende')).toEqual([]);
    expect(await found('kurz')).toEqual(['long']);
    expect((await call(t, 'PUT', `/api/2.0/crm/invoice/${ids.long}`, { json: invoiceBody(w, { description: long }) })).status).toBe(200);
    expect(await row()).toEqual({ search_key: null, search_key_long: invoiceSearchKey('long-1', long) });
    expect(await found('ende')).toEqual(['long']);
    expect(await found('kurz')).toEqual([]);
  });

  it('line changes and status changes leave the key as it is', async () => {
    const before = await t.deps.store.db.selectFrom('invoices').select('search_key').where('id', '=', ids.ru!).executeTakeFirstOrThrow();
    const status = await call(t, 'PUT', '/api/2.0/crm/invoice/status/2', { json: { invoiceids: [ids.ru] } });
    expect(status.status, status.raw).toBe(200);
    const after = await t.deps.store.db.selectFrom('invoices').select('search_key').where('id', '=', ids.ru!).executeTakeFirstOrThrow();
    expect(after.search_key).toBe(before.search_key);
    expect(await found('услуги')).toEqual(['ru']);
  });
});
