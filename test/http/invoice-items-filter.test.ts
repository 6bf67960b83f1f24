// GET crm/invoiceitem/filter (spec §5.4, §1.6) with quirk Q10 fixed (total from the page's own
// predicate) and Q12 fixed (a page costs a fixed number of queries).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/use-cases/tenants/tenants.js';
import { call } from '../support/api.js';
import { insertInvoiceLine } from '../support/catalogue-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const FILTER = '/api/2.0/crm/invoiceitem/filter';
const HOUR = 3_600_000;

/** Titles of a list answer, in order. */
const titles = (res: { response: { title: string }[] | undefined }) => (res.response ?? []).map((x) => x.title);

describe('GET invoiceitem/filter', () => {
  let t: TestApp;
  let user: { id: string; token: string };
  const ids: Record<string, number> = {};

  // Created in this order (ids ascending) with creation times going back an hour each, so that
  // "created" and "id" orders differ.
  const ITEMS = [
    { title: 'Apple pie', description: 'Sweet dessert', sku: 'AP-1', price: '5', stockQuantity: '10', trackInventory: true },
    { title: 'banana bread', description: 'Baked loaf', sku: 'BB-2', price: '3.5', stockQuantity: '0', trackInventory: false },
    { title: 'Cherry tart', description: 'Tart with cherries', sku: 'CT-3', price: '7', stockQuantity: '10', trackInventory: true },
    { title: 'Date square', description: '', sku: 'apple-x', price: '2', stockQuantity: '-1', trackInventory: false },
    { title: 'Eclair', description: 'Choux pastry, cream', sku: '', price: '4.25', stockQuantity: '5', trackInventory: true },
    { title: '100% juice', description: 'under_score', sku: 'J_1', price: '1', stockQuantity: '2', trackInventory: false },
  ];
  const BY_TITLE = ['100% juice', 'Apple pie', 'banana bread', 'Cherry tart', 'Date square', 'Eclair'];

  beforeAll(async () => {
    t = await createTestApp();
    user = await t.createUser();
    for (const item of ITEMS) {
      const res = await call(t, 'POST', '/api/2.0/crm/invoiceitem', { json: item });
      expect(res.status, res.raw).toBe(201);
      ids[item.title] = res.response.id;
      t.clock.advance(-HOUR);
    }
  });
  afterAll(async () => t?.close());

  const list = (query = '', token?: string) => call(t, 'GET', `${FILTER}${query ? `?${query}` : ''}`, token ? { token } : {});

  describe('order', () => {
    it('lists every item by title, ignoring case, when no sortBy is given; total always, no nextIndex on the last page', async () => {
      const res = await list();
      expect(res.status).toBe(200);
      expect(titles(res)).toEqual(BY_TITLE);
      expect(res.body).toMatchObject({ count: 6, total: 6, status: 0, statusCode: 200 });
      expect(res.body).not.toHaveProperty('nextIndex');
      expect(res.body).not.toHaveProperty('startIndex');
      // sortOrder alone does not reverse the default order (as invoice/filter, quirk Q29).
      expect(titles(await list('sortOrder=descending'))).toEqual(BY_TITLE);
      expect(titles(await list('sortBy='))).toEqual(BY_TITLE);
      expect(titles(await call(t, 'GET', `${FILTER}.json`))).toEqual(BY_TITLE);
    });

    it('answers each element in the InvoiceItem shape of GET invoiceitem/{id}, amounts with 2 decimals', async () => {
      const res = await list();
      for (const element of res.response) {
        const one = await call(t, 'GET', `/api/2.0/crm/invoiceitem/${element.id}`);
        expect(element).toEqual(one.response);
      }
      expect(res.raw).toContain('"price":4.25');
      expect(res.raw).toContain('"price":3.50');
      expect(res.raw).toContain('"stockQuantity":-1.00');
    });

    it.each([
      ['name', ['100% juice', 'Apple pie', 'banana bread', 'Cherry tart', 'Date square', 'Eclair']],
      ['price', ['100% juice', 'Date square', 'banana bread', 'Eclair', 'Apple pie', 'Cherry tart']],
      // stock quantity, then title ascending (spec §5.4)
      ['quantity', ['Date square', 'banana bread', '100% juice', 'Eclair', 'Apple pie', 'Cherry tart']],
      ['sku', ['Eclair', 'AP-1', 'apple-x', 'BB-2', 'CT-3', 'J_1']],
      ['created', ['100% juice', 'Eclair', 'Date square', 'Cherry tart', 'banana bread', 'Apple pie']],
      ['id', ['Apple pie', 'banana bread', 'Cherry tart', 'Date square', 'Eclair', '100% juice']],
    ])('sorts by %s, ascending and descending, by name in any case or by number', async (sortBy, ascending) => {
      const key = (res: { response: { title: string; stockKeepingUnit: string }[] }) =>
        res.response.map((x) => (sortBy === 'sku' ? x.stockKeepingUnit || x.title : x.title));
      const number = ['name', 'price', 'quantity', 'sku', 'created', 'id'].indexOf(sortBy);
      expect(key(await list(`sortBy=${sortBy}`))).toEqual(ascending);
      expect(key(await list(`sortBy=${sortBy.toUpperCase()}&sortOrder=ascending`))).toEqual(ascending);
      expect(key(await list(`sortBy=${number}`))).toEqual(ascending);
      const descending = await list(`SORTBY=${sortBy}&sortOrder=descending`);
      if (sortBy === 'quantity') {
        // The title stays ascending among equal quantities.
        expect(key(descending)).toEqual(['Apple pie', 'Cherry tart', 'Eclair', '100% juice', 'banana bread', 'Date square']);
      } else {
        expect(key(descending)).toEqual([...ascending].reverse());
      }
      expect(key(await list(`sortBy=${number}&sortOrder=descending`))).toEqual(key(descending));
    });

    it('uses the default order for a sortBy it does not know, and sortOrder only when exactly "descending"', async () => {
      for (const sortBy of ['cost', 'title', '6', '-1', 'price.x']) {
        const res = await list(`sortBy=${encodeURIComponent(sortBy)}&sortOrder=descending`);
        expect(res.status, sortBy).toBe(200);
        expect(titles(res), sortBy).toEqual(BY_TITLE);
      }
      expect(titles(await list('sortBy=id&sortOrder=Descending'))).toEqual(titles(await list('sortBy=id')));
      // Only the text before the first comma counts (quirk Q24).
      expect(titles(await list('sortBy=id,price&sortOrder=descending,x'))).toEqual([...titles(await list('sortBy=id'))].reverse());
    });
  });

  describe('search and filters', () => {
    it.each([
      ['apple', ['Apple pie', 'Date square']], // title; SKU apple-x
      ['APPLE', ['Apple pie', 'Date square']],
      ['pie', ['Apple pie']], // a word after a space
      ['ie', []], // words match by their start only
      ['tart', ['Cherry tart']], // title and description, listed once
      ['cher', ['Cherry tart']],
      ['cream', ['Eclair']],
      ['apple sweet', ['Apple pie']], // every word must match, in any column
      ['apple square', ['Date square']],
      ['apple  cream', []],
      [' bb-2 ', ['banana bread']],
      ['100%', ['100% juice']],
      ['j_', ['100% juice']],
      ['under_s', ['100% juice']],
      // LIKE wildcards are literal: neither % nor _ matches anything else.
      ['%', []],
      ['b_', []],
      ['_', []],
      ['a%e', []],
      ['apple,banana', ['Apple pie', 'Date square']], // text before the first comma (quirk Q24)
    ])('filterValue=%j matches %j', async (filterValue, expected) => {
      const res = await list(`filterValue=${encodeURIComponent(filterValue)}`);
      expect(res.status).toBe(200);
      expect(titles(res)).toEqual(expected);
      expect(res.body.total).toBe(expected.length);
    });

    it('answers an empty list (total 0) for a search text of spaces only, as the original', async () => {
      const res = await list('filterValue=%20%20%20');
      expect(res.status).toBe(200);
      expect(res.response).toEqual([]);
      expect(res.body).toMatchObject({ total: 0, status: 0, statusCode: 200 });
      expect(res.body).not.toHaveProperty('count');
      // An empty filterValue is no filter.
      expect(titles(await list('filterValue='))).toEqual(BY_TITLE);
    });

    it('matches letters beyond ASCII in any case, on both databases (SQLite gets a Unicode lower())', async () => {
      const id = (await call(t, 'POST', '/api/2.0/crm/invoiceitem', { json: { title: 'Élan vital', description: 'Crème brûlée', price: 1 } })).response.id;
      try {
        for (const word of ['Élan', 'ÉLAN', 'brû', 'crème', 'Crème']) expect(titles(await list(`filterValue=${encodeURIComponent(word)}`)), word).toEqual(['Élan vital']);
        const folded = titles(await list(`filterValue=${encodeURIComponent('élan')}`));
        expect(folded).toEqual(['Élan vital']);
      } finally {
        expect((await call(t, 'DELETE', `/api/2.0/crm/invoiceitem/${id}`)).status).toBe(200);
      }
    });

    it('filters on trackInventory with inventoryStock, combined with the search', async () => {
      expect(titles(await list('inventoryStock=true'))).toEqual(['Apple pie', 'Cherry tart', 'Eclair']);
      expect(titles(await list('InventoryStock=False'))).toEqual(['100% juice', 'banana bread', 'Date square']);
      expect(titles(await list('inventoryStock='))).toEqual(BY_TITLE);
      const both = await list('inventoryStock=false&filterValue=apple');
      expect(titles(both)).toEqual(['Date square']);
      expect(both.body.total).toBe(1);
    });

    it('accepts and ignores status', async () => {
      expect(titles(await list('status=1'))).toEqual(BY_TITLE);
      expect(titles(await list('status=4&inventoryStock=true'))).toEqual(['Apple pie', 'Cherry tart', 'Eclair']);
    });

    it('refuses an inventoryStock or status that is not of its type (400)', async () => {
      const bad = await list('inventoryStock=maybe');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/inventoryStock: "maybe" is not a valid boolean/);
      expect((await list('status=abc')).status).toBe(400);
    });
  });

  describe('paging (spec §1.6)', () => {
    it('pages with count and startIndex; nextIndex = startIndex + count + 1 while more rows exist; total counts every match', async () => {
      const first = await list('count=2');
      expect(titles(first)).toEqual(BY_TITLE.slice(0, 2));
      expect(first.body).toMatchObject({ count: 2, nextIndex: 3, total: 6 });
      expect(first.body).not.toHaveProperty('startIndex');

      const middle = await list('count=2&startIndex=2');
      expect(titles(middle)).toEqual(BY_TITLE.slice(2, 4));
      expect(middle.body).toMatchObject({ count: 2, startIndex: 2, nextIndex: 5, total: 6 });

      const last = await list('count=2&startIndex=4');
      expect(titles(last)).toEqual(BY_TITLE.slice(4));
      expect(last.body).toMatchObject({ count: 2, startIndex: 4, total: 6 });
      expect(last.body).not.toHaveProperty('nextIndex');

      const beyond = await list('count=2&startIndex=10');
      expect(beyond.response).toEqual([]);
      expect(beyond.body).toMatchObject({ startIndex: 10, total: 6 });
      expect(beyond.body).not.toHaveProperty('count');
    });

    it('counts the total with the page\'s own filters (quirk Q10 fixed)', async () => {
      const page = await list('filterValue=apple&count=1');
      expect(titles(page)).toEqual(['Apple pie']);
      expect(page.body).toMatchObject({ count: 1, nextIndex: 2, total: 2 });
      const tracked = await list('inventoryStock=true&count=1&startIndex=1&sortBy=price&sortOrder=descending');
      expect(titles(tracked)).toEqual(['Apple pie']);
      expect(tracked.body).toMatchObject({ count: 1, startIndex: 1, nextIndex: 3, total: 3 });
    });

    it('answers an empty page for a startIndex beyond any table, however large (was a 500)', async () => {
      for (const startIndex of ['9007199254740993', '99999999999999999999']) {
        const res = await list(`startIndex=${startIndex}&count=5`);
        expect(res.status, startIndex).toBe(200);
        expect(res.response).toEqual([]);
        expect(res.body.total).toBe(6);
      }
    });

    it('answers one item for count=0, clamps count above 1000 and ignores invalid values (quirk Q24)', async () => {
      const zero = await list('count=0');
      expect(titles(zero)).toEqual([BY_TITLE[0]]);
      expect(zero.body).toMatchObject({ count: 1, nextIndex: 1, total: 6 });
      expect(titles(await list('count=5000'))).toEqual(BY_TITLE);
      expect(titles(await list('count=abc&startIndex=-3'))).toEqual(BY_TITLE);
      expect(titles(await list('count=2,5'))).toEqual(BY_TITLE.slice(0, 2));
    });

    it('pages in a stable order when the sort key has ties', async () => {
      // Two items have stock 10; paging one by one by quantity never repeats or skips an item.
      const seen: string[] = [];
      for (let i = 0; i < 6; i++) seen.push(...titles(await list(`sortBy=quantity&count=1&startIndex=${i}`)));
      expect(seen).toEqual(['Date square', 'banana bread', '100% juice', 'Eclair', 'Apple pie', 'Cherry tart']);
    });
  });

  describe('rights', () => {
    it('answers any CRM user; canEdit and canDelete are for admins, canDelete only while no line uses the item', async () => {
      await insertInvoiceLine(t, { itemId: ids['Cherry tart']! });
      const admin = await list();
      const flags = Object.fromEntries(admin.response.map((x: { title: string; canEdit: boolean; canDelete: boolean }) => [x.title, [x.canEdit, x.canDelete]]));
      expect(flags['Cherry tart']).toEqual([true, false]);
      expect(flags['Apple pie']).toEqual([true, true]);

      const asUser = await list('', user.token);
      expect(asUser.status).toBe(200);
      expect(titles(asUser)).toEqual(BY_TITLE);
      expect(asUser.response.every((x: { canEdit: boolean; canDelete: boolean }) => !x.canEdit && !x.canDelete)).toBe(true);
    });

    it('refuses guests (403) and callers without a token (401)', async () => {
      const guest = await t.createUser({ isVisitor: true });
      expect((await list('', guest.token)).status).toBe(403);
      const anonymous = await call(t, 'GET', FILTER, { token: null });
      expect(anonymous.status).toBe(401);
    });

    it('keeps tenants apart', async () => {
      const email = `items-filter-other.${process.pid}@example.test`;
      await createTenant(t.deps, { name: 'Other portal', adminEmail: email, adminPassword: 'other-password-1' });
      const token = await t.login(email, 'other-password-1');
      const empty = await list('', token);
      expect(empty.response).toEqual([]);
      expect(empty.body.total).toBe(0);
      await call(t, 'POST', '/api/2.0/crm/invoiceitem', { token, json: { title: 'Apple strudel', price: 1 } });
      expect(titles(await list('filterValue=apple', token))).toEqual(['Apple strudel']);
      expect(titles(await list('filterValue=apple'))).toEqual(['Apple pie', 'Date square']);
    });
  });

  it('documents the route and its query parameters in OpenAPI', async () => {
    const op = (await t.app.inject({ url: '/api/2.0/openapi.json' })).json().paths['/api/2.0/crm/invoiceitem/filter'].get;
    expect(op.tags).toEqual(['invoice items']);
    expect(op.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['query:filterValue', 'query:inventoryStock', 'query:status', 'query:sortBy', 'query:sortOrder', 'query:count', 'query:startIndex']),
    );
  });
});

describe('GET invoiceitem/filter: a page costs a fixed number of queries (quirk Q12)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const admin2 = await t.createUser({ isAdmin: true });
    const taxIds: number[] = [];
    for (let i = 0; i < 4; i++) taxIds.push((await call(t, 'POST', '/api/2.0/crm/invoice/tax', { json: { name: `Tax ${i}`, rate: i } })).response.id);
    for (let i = 0; i < 24; i++) {
      const res = await call(t, 'POST', '/api/2.0/crm/invoiceitem', {
        token: i % 2 ? admin2.token : t.adminToken,
        json: { title: `Item ${String(i).padStart(2, '0')}`, price: i + 1, invoiceTax1id: taxIds[i % 4], invoiceTax2id: i % 3 ? taxIds[(i + 1) % 4] : 0 },
      });
      expect(res.status).toBe(201);
      if (i % 5 === 0) await insertInvoiceLine(t, { itemId: res.response.id });
    }
  });
  afterAll(async () => t?.close());

  async function statements(query: string): Promise<{ n: number; body: any }> {
    const before = t.deps.store.queryCount;
    const res = await call(t, 'GET', `${FILTER}?${query}`);
    expect(res.status).toBe(200);
    return { n: t.deps.store.queryCount - before, body: res.body };
  }

  it('answers a page of 20 with as many statements as a page of 2', async () => {
    const two = await statements('count=2');
    const twenty = await statements('count=20');
    expect(two.body.count).toBe(2);
    expect(twenty.body.count).toBe(20);
    expect(twenty.n).toBe(two.n);
    // Every member is filled: taxes, creators and canDelete came from the batch loads.
    expect(twenty.body.response.filter((x: { invoiceTax1: unknown }) => x.invoiceTax1 !== null)).toHaveLength(20);
    expect(new Set(twenty.body.response.map((x: { createBy: { id: string } }) => x.createBy.id)).size).toBe(2);
    expect(twenty.body.response.filter((x: { canDelete: boolean }) => !x.canDelete).length).toBeGreaterThan(0);
    // The page, its total and the batch loads (taxes, lines in use, default currency, users), plus the token check.
    expect(twenty.n).toBeLessThanOrEqual(8);
  });

  it('costs the same with a search and a filter', async () => {
    const a = await statements('filterValue=item&inventoryStock=false&count=2');
    const b = await statements('filterValue=item&inventoryStock=false&count=20&sortBy=price');
    expect(b.n).toBe(a.n);
    expect(b.body.total).toBe(24);
  });
});
