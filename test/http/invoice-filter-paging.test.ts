// GET crm/invoice/filter: sorting (spec §2.1 InvoiceSortedByType, §4.4, Q29), paging (§1.6) with
// nextIndex and an exact total (Q10 fixed), the list rule of §3.5 (Q30 kept), and a fixed number
// of queries per page whatever its size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { insertContact } from '../support/crm-fixtures.js';
import { buildWorld, invoiceBody, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let w: World;
let user: { id: string; token: string };
const ids: Record<string, number> = {};
const contacts: Record<string, number> = {};

async function createInvoice(key: string, over: Record<string, unknown>, status = 1): Promise<number> {
  const r = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, over) });
  expect(r.status, r.raw).toBe(201);
  ids[key] = r.response.id;
  if (status !== 1) await t.deps.store.db.updateTable('invoices').set({ status }).where('id', '=', r.response.id).execute();
  return r.response.id;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  user = await t.createUser();
  // Display names sort case-insensitively: "alpha Omega" < "Beta Ltd" < "Zeta Works".
  contacts.beta = await insertContact(t, { isCompany: true, name: 'Beta Ltd', shareType: 1 });
  contacts.alpha = await insertContact(t, { name: 'alpha Omega', shareType: 0, accessList: [user.id] });
  contacts.zeta = await insertContact(t, { isCompany: true, name: 'Zeta Works', shareType: 0 });
  contacts.gone = await insertContact(t, { isCompany: true, name: 'Gone Inc', shareType: 1 });
  // number, issue date, due date, status and contact each order the five differently.
  await createInvoice('N1', { number: 'S-3', issueDate: '2026-01-03', dueDate: '2026-03-01', contactId: contacts.beta }, 2);
  await createInvoice('N2', { number: 'S-1', issueDate: '2026-01-01', dueDate: '2026-03-03', contactId: contacts.alpha });
  await createInvoice('N3', { number: 'S-2', issueDate: '2026-01-02', dueDate: '2026-03-02', contactId: contacts.zeta, consigneeId: contacts.beta }, 4);
  await createInvoice('N4', { number: 's-4', issueDate: '2026-01-05', dueDate: '2026-02-28', contactId: contacts.gone }, 3);
  await createInvoice('N5', { number: 'S-5', issueDate: '2026-01-04', dueDate: '2026-03-04', contactId: contacts.alpha, consigneeId: contacts.zeta });
  // N4's contact no longer exists (contacts referenced by invoices cannot be deleted through the API).
  await t.deps.store.db.updateTable('invoices').set({ contact_id: 999_999 }).where('id', '=', ids.N4!).execute();
});
afterAll(async () => t?.close());

async function filter(query: string, token?: string) {
  const r = await call(t, 'GET', `/api/2.0/crm/invoice/filter?${query}`, token ? { token } : {});
  expect(r.status, r.raw).toBe(200);
  const found = (r.response as { id: number }[]).map((i) => Object.keys(ids).find((k) => ids[k] === i.id) ?? `#${i.id}`);
  return { found, body: r.body, response: r.response as any[] };
}
const order = async (query: string, token?: string) => (await filter(query, token)).found;

describe('sortBy and sortOrder', () => {
  const cases: [string, string[]][] = [
    ['number', ['N2', 'N3', 'N1', 'N4', 'N5']], // case-insensitive: s-4 between S-3 and S-5
    ['issueDate', ['N2', 'N3', 'N1', 'N5', 'N4']],
    ['dueDate', ['N4', 'N1', 'N3', 'N2', 'N5']],
    ['status', ['N2', 'N5', 'N1', 'N4', 'N3']], // ties by id
    ['id', ['N1', 'N2', 'N3', 'N4', 'N5']],
    // alpha Omega (S-1, S-5 by number), Beta Ltd, Zeta Works, then the invoice without a contact.
    ['contact', ['N2', 'N5', 'N1', 'N3', 'N4']],
  ];

  for (const [sortBy, ascending] of cases) {
    it(`${sortBy}: ascending and descending, by name in any case and by number`, async () => {
      const index = ['number', 'issueDate', 'contact', 'dueDate', 'status', 'id'].indexOf(sortBy);
      for (const name of [sortBy, sortBy.toUpperCase(), sortBy.toLowerCase(), String(index)]) {
        expect(await order(`sortBy=${name}`), name).toEqual(ascending);
        expect(await order(`sortBy=${name}&sortOrder=ascending`), name).toEqual(ascending);
      }
      const descending = sortBy === 'contact'
        ? ['N3', 'N1', 'N2', 'N5', 'N4'] // names descending, number ascending within a name, no contact still last
        : [...ascending].reverse();
      expect(await order(`sortBy=${sortBy}&sortOrder=descending`)).toEqual(descending);
      expect(await order(`sortBy=${index}&sortOrder=descending`)).toEqual(descending);
    });
  }

  it('no sortBy: number ascending, whatever sortOrder says (Q29)', async () => {
    expect(await order('')).toEqual(['N2', 'N3', 'N1', 'N4', 'N5']);
    expect(await order('sortOrder=descending')).toEqual(['N2', 'N3', 'N1', 'N4', 'N5']);
    expect(await order('sortBy=&sortOrder=descending')).toEqual(['N2', 'N3', 'N1', 'N4', 'N5']);
  });

  it('a number outside 0–5 or an unknown name: number ascending (our simplification of the generic mode)', async () => {
    for (const s of ['6', '-1', '99', 'cost', 'dueDate2']) {
      expect(await order(`sortBy=${s}&sortOrder=descending`), s).toEqual(['N2', 'N3', 'N1', 'N4', 'N5']);
    }
  });

  it('descending only for the exact, case-sensitive `descending` (spec §1.6)', async () => {
    expect(await order('sortBy=id&sortOrder=Descending')).toEqual(['N1', 'N2', 'N3', 'N4', 'N5']);
    expect(await order('sortBy=id&sortOrder=desc')).toEqual(['N1', 'N2', 'N3', 'N4', 'N5']);
  });

  it('sorts after filtering', async () => {
    expect(await order('status=1&sortBy=dueDate&sortOrder=descending')).toEqual(['N5', 'N2']);
  });
});

describe('paging: startIndex, count, nextIndex, total', () => {
  it('the first page: nextIndex = startIndex + count + 1, total of all pages', async () => {
    const { found, body } = await filter('sortBy=id&count=2');
    expect(found).toEqual(['N1', 'N2']);
    expect(body).toMatchObject({ count: 2, nextIndex: 3, total: 5 });
    expect(body.startIndex).toBeUndefined();
  });

  it('a middle page echoes startIndex', async () => {
    const { found, body } = await filter('sortBy=id&count=2&startIndex=2');
    expect(found).toEqual(['N3', 'N4']);
    expect(body).toMatchObject({ count: 2, startIndex: 2, nextIndex: 5, total: 5 });
  });

  it('the last page has no nextIndex', async () => {
    const { found, body } = await filter('sortBy=id&count=2&startIndex=4');
    expect(found).toEqual(['N5']);
    expect(body).toMatchObject({ count: 1, startIndex: 4, total: 5 });
    expect(body.nextIndex).toBeUndefined();
    const exact = await filter('sortBy=id&count=5');
    expect(exact.body.nextIndex).toBeUndefined();
    expect(exact.body.total).toBe(5);
  });

  it('past the end: an empty page, the true total (Q10 fixed: not startIndex + 0)', async () => {
    const { found, body } = await filter('count=2&startIndex=10');
    expect(found).toEqual([]);
    expect(body).toMatchObject({ startIndex: 10, total: 5 });
    expect(body.count).toBeUndefined();
    expect(body.nextIndex).toBeUndefined();
  });

  it('total follows every filter of the page (Q10 fixed)', async () => {
    const { found, body } = await filter('status=1&count=1');
    expect(found).toEqual(['N2']);
    expect(body).toMatchObject({ count: 1, nextIndex: 2, total: 2 });
    const other = await filter('filterValue=s-&count=1&startIndex=1&sortBy=id');
    expect(other.found).toEqual(['N2']);
    expect(other.body).toMatchObject({ startIndex: 1, nextIndex: 3, total: 5 });
  });

  it('count=0 returns one item (Q24); a bad count or startIndex takes the default', async () => {
    const zero = await filter('count=0');
    expect(zero.found).toEqual(['N2']);
    expect(zero.body).toMatchObject({ count: 1, nextIndex: 1, total: 5 });
    expect((await filter('count=abc&startIndex=-3')).body).toMatchObject({ count: 5, total: 5 });
  });

  it('count above 1000 is clamped, not refused', async () => {
    expect((await filter('count=5000')).body).toMatchObject({ count: 5, total: 5 });
  });
});

describe('rights (spec §3.5 list rule): a non-admin sees and counts only invoices whose contact they can read', () => {
  it('hides invoices of unreadable or missing contacts from the page and from total', async () => {
    // user reads Beta (shared) and alpha (access list), not Zeta (private) nor the missing contact.
    const { found, body, response } = await filter('', user.token);
    expect(found).toEqual(['N2', 'N1', 'N5']);
    expect(body.total).toBe(3);
    const n5 = response.find((i) => i.id === ids.N5);
    expect(n5.contact).toMatchObject({ id: contacts.alpha, displayName: 'alpha Omega', isPrivate: true });
    expect(n5.consignee).toBeNull(); // Zeta: the embed never leaks (DECISIONS)
    expect(n5).toMatchObject({ canEdit: false, canDelete: false });
  });

  it('total counts only what the reader may see, on every page', async () => {
    const first = await filter('count=2&sortBy=id', user.token);
    expect(first.found).toEqual(['N1', 'N2']);
    expect(first.body).toMatchObject({ count: 2, nextIndex: 3, total: 3 });
    const last = await filter('count=2&startIndex=2&sortBy=id', user.token);
    expect(last.found).toEqual(['N5']);
    expect(last.body.total).toBe(3);
    expect(last.body.nextIndex).toBeUndefined();
    const past = await filter('count=2&startIndex=7', user.token);
    expect(past.found).toEqual([]);
    expect(past.body.total).toBe(3);
    expect((await filter(`entityType=contact&entityid=${contacts.zeta}`, user.token)).body.total).toBe(0);
    expect((await filter('filterValue=s-2', user.token)).body.total).toBe(0);
  });

  it('sorting by contact for the reader', async () => {
    expect(await order('sortBy=contact', user.token)).toEqual(['N2', 'N5', 'N1']);
    expect(await order('sortBy=contact&sortOrder=descending', user.token)).toEqual(['N1', 'N2', 'N5']);
  });

  it('the creator of an invoice does not see it when they cannot read its contact (Q30 kept)', async () => {
    const mine = await createInvoice('mine', { number: 'S-6', contactId: contacts.zeta });
    await t.deps.store.db.updateTable('invoices').set({ created_by: user.id }).where('id', '=', mine).execute();
    expect(await order('sortBy=id', user.token)).toEqual(['N1', 'N2', 'N5']);
    // … while invoice/{id} shows it (creator exception of CanAccess).
    expect((await call(t, 'GET', `/api/2.0/crm/invoice/${mine}`, { token: user.token })).status).toBe(200);
    await t.deps.store.db.deleteFrom('invoice_lines').where('invoice_id', '=', mine).execute();
    await t.deps.store.db.deleteFrom('invoices').where('id', '=', mine).execute();
    delete ids.mine;
  });

  it('an admin sees everything, missing contacts included', async () => {
    expect((await filter('')).body.total).toBe(5);
  });
});

describe('a page costs a fixed number of queries whatever its size (no N+1)', () => {
  it('a page of 2 and a page of 25 run the same number of statements, for admins and for readers', async () => {
    for (let i = 0; i < 30; i++) {
      await createInvoice(`bulk${i}`, {
        number: `BULK-${String(i).padStart(3, '0')}`, contactId: contacts.alpha, consigneeId: contacts.beta,
        invoiceLines: [{ invoiceItemID: w.itemId, invoiceTax1ID: w.vatId, quantity: 1, price: 10 }, { invoiceItemID: w.item2Id, invoiceTax1ID: w.reducedTaxId, quantity: 2, price: 5 }],
      });
    }
    const statements = async (query: string, token?: string) => {
      const before = t.deps.store.queryCount;
      const { found, body } = await filter(query, token);
      return { n: t.deps.store.queryCount - before, found, body };
    };
    for (const token of [undefined, user.token]) {
      const small = await statements('filterValue=bulk&count=2', token);
      const large = await statements('filterValue=bulk&count=25', token);
      expect(small.found).toHaveLength(2);
      expect(large.found).toHaveLength(25);
      expect(small.body.total).toBe(30);
      expect(large.body.total).toBe(30);
      expect(large.n).toBe(small.n);
      // A short page needs no count query: never more than a full one.
      const short = await statements('filterValue=bulk&count=25&startIndex=20', token);
      expect(short.found).toHaveLength(10);
      expect(short.body.total).toBe(30);
      expect(short.n).toBeLessThanOrEqual(large.n);
    }
  });
});
