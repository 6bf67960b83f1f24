// Migration 012 backfills the search key of the invoices that exist when it runs, and the list
// search finds them afterwards (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/people/user.js';
import { openStore, type Store } from '../../src/store/database.js';
import { countInvoices, listInvoicePage } from '../../src/store/invoice-lists.store.js';
import { invoiceSearchColumns } from '../../src/store/invoice-search.js';
import { migrateTo, migrateToLatest } from '../../src/store/migrations/index.js';
import { parseSearchWords } from '../../src/domain/invoices/invoice-filter.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let tdb: TestDatabase;
let store: Store;

beforeAll(async () => {
  tdb = await createTestDatabase();
  store = await openStore(tdb.config, { migrate: false });
});
afterAll(async () => {
  await store?.close();
  await tdb?.drop();
});

const DESCRIPTIONS = ['Счёт за УСЛУГИ', 'STRAẞE und Fußweg', 'ｆｕｌｌｗｉｄｔｈ ﬁnance', `${'слово '.repeat(200)}hidden`, 'plain words here'];

it('backfills every existing invoice, in batches, with the key the store writes', async () => {
  const db = store.db as any;
  await migrateTo(db, store.dialect, '011-idempotency');
  const tenant = await db.insertInto('tenants').values({ name: 'T', time_zone: 'UTC', default_currency: 'EUR', created_at: 0 }).returning('id').executeTakeFirstOrThrow();
  const tenantId = Number(tenant.id);
  // More than one backfill batch (500), with Unicode descriptions and numbers.
  const rows = Array.from({ length: 1203 }, (_, i) => {
    const number = i % 2 ? `M-${i}` : `СЧ-${i}`;
    return {
      tenant_id: tenantId, status: 1, number, number_key: number.toLowerCase(), issue_date: 0, due_date: 0, contact_id: 0,
      currency: 'EUR', exchange_rate: 1_000_000, description: DESCRIPTIONS[i % DESCRIPTIONS.length]!, created_by: 'u', created_at: 0, updated_by: 'u', updated_at: 0,
    };
  });
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('invoices').values(rows.slice(i, i + 200)).execute();

  await migrateToLatest(db, store.dialect);

  const stored = await store.db.selectFrom('invoices').select(['number_key', 'description', 'search_key', 'search_key_long']).orderBy('id').execute();
  expect(stored).toHaveLength(rows.length);
  for (const r of stored) expect({ search_key: r.search_key, search_key_long: r.search_key_long }).toEqual(invoiceSearchColumns(r.number_key, r.description));
  expect(stored.filter((r) => r.search_key_long !== null)).toHaveLength(240); // the long description (index 3)

  const actor: Actor = { userId: 'u', tenantId, isAdmin: true, isVisitor: false, timeZone: 'UTC' };
  const search = async (text: string) => {
    const criteria = { words: parseSearchWords(text) };
    const page = await listInvoicePage(store.db, actor, criteria, { key: 'id', descending: false }, 0, 5000);
    expect(await countInvoices(store.db, actor, criteria)).toBe(page.length);
    return page.length;
  };
  expect(await search('услуги')).toBe(241);
  expect(await search('STRAẞE')).toBe(241);
  expect(await search('finance')).toBe(241);
  expect(await search('HIDDEN')).toBe(240); // beyond 500 characters: found through search_key_long
  expect(await search('слово hid')).toBe(240);
  expect(await search('сч-1')).toBe(stored.filter((r) => r.number_key.startsWith('сч-1')).length);
  expect(await search('m-1 plain')).toBe(stored.filter((r) => r.number_key.startsWith('m-1') && r.description === 'plain words here').length);
});
