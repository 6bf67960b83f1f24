// GET crm/contact/filter: rights in SQL (spec §3.5), kinds, search, sort, paging with total and
// nextIndex (spec §1.6), the full contact shape, and a fixed number of statements per page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let user: { id: string; token: string };
const ids: Record<string, number> = {};
const FILTER = '/api/2.0/crm/contact/filter';

async function create(kind: 'person' | 'company', json: Record<string, unknown>): Promise<number> {
  const res = await call(t, 'POST', `/api/2.0/crm/contact/${kind}`, { json });
  expect(res.status, res.raw).toBe(201);
  return res.response.id;
}

beforeAll(async () => {
  t = await createTestApp();
  user = await t.createUser();
  // The first one is older than the others (created on 2025-12-01).
  const now = t.clock.ms;
  t.clock.ms = Date.UTC(2025, 11, 1, 12);
  ids.old = await create('person', { firstName: 'Olga', lastName: 'Timer', shareType: 2 });
  t.clock.ms = now;
  ids.ada = await create('person', { firstName: 'Ada', lastName: 'Lovelace', jobTitle: 'Analyst', shareType: 1 });
  t.clock.advance(1000);
  ids.grace = await create('person', { firstName: 'Grace', lastName: 'Hopper', shareType: 2 });
  t.clock.advance(1000);
  ids.acme = await create('company', { companyName: 'Acme Corp', shareType: 1, personList: [ids.ada] });
  t.clock.advance(1000);
  ids.hidden = await create('person', { firstName: 'Hidden', lastName: 'Person' });
  t.clock.advance(1000);
  ids.managed = await create('company', { companyName: 'Managed Ltd', managerList: [user.id] });
  t.clock.advance(1000);
  ids.percent = await create('company', { companyName: '100% Pure', shareType: 1 });
  const stages = (await call(t, 'GET', '/api/2.0/crm/opportunity/stage')).response as { id: number }[];
  const me = (await call(t, 'GET', '/api/2.0/people/@self')).response;
  const deal = await call(t, 'POST', '/api/2.0/crm/opportunity', {
    json: { contactid: ids.acme, members: [ids.grace], title: 'Deal', responsibleid: me.id, bidCurrencyAbbr: 'EUR', stageid: stages[0]!.id },
  });
  expect(deal.status, deal.raw).toBe(201);
});
afterAll(async () => t?.close());

const list = (query = '', token?: string) => call(t, 'GET', `${FILTER}${query ? `?${query}` : ''}`, token ? { token } : {});
const names = (res: { response: { displayName: string }[] }) => res.response.map((c) => c.displayName);

describe('GET crm/contact/filter', () => {
  it('answers every contact to an admin, by display name, in the full form with total', async () => {
    const res = await list();
    expect(res.status, res.raw).toBe(200);
    expect(names(res)).toEqual(['100% Pure', 'Acme Corp', 'Ada Lovelace', 'Grace Hopper', 'Hidden Person', 'Managed Ltd', 'Olga Timer']);
    expect(res.body).toMatchObject({ count: 7, total: 7, status: 0, statusCode: 200 });
    expect(res.body).not.toHaveProperty('nextIndex');
    const ada = res.response.find((c: { id: number }) => c.id === ids.ada);
    expect(ada).toMatchObject({
      firstName: 'Ada', lastName: 'Lovelace', title: 'Analyst', isCompany: false, shareType: 1, canEdit: true, canDelete: true,
      commonData: [], addresses: [], customFields: [], haveLateTasks: false, company: { id: ids.acme, displayName: 'Acme Corp', canDelete: false },
    });
    expect(ada.createBy.id).toBeTypeOf('string');
    const acme = res.response.find((c: { id: number }) => c.id === ids.acme);
    expect(acme).toMatchObject({ companyName: 'Acme Corp', isCompany: true, personsCount: 1 });
  });

  it('answers a non-admin only the contacts they may read: page and total alike (rights in SQL)', async () => {
    const res = await list('', user.token);
    expect(res.status, res.raw).toBe(200);
    expect(names(res)).toEqual(['100% Pure', 'Acme Corp', 'Ada Lovelace', 'Grace Hopper', 'Managed Ltd', 'Olga Timer']);
    expect(res.body.total).toBe(6);
    const managed = res.response.find((c: { id: number }) => c.id === ids.managed);
    expect(managed).toMatchObject({ isPrivate: true, canEdit: true, canDelete: true });
    expect(managed.accessList.map((e: { id: string }) => e.id)).toEqual([user.id]);
    const grace = res.response.find((c: { id: number }) => c.id === ids.grace);
    expect(grace).toMatchObject({ canEdit: false, canDelete: false });
    // A search for the hidden contact finds nothing, and says so in total.
    const hidden = await list('filterValue=hidden', user.token);
    expect(hidden.response).toEqual([]);
    expect(hidden.body.total).toBe(0);
  });

  it('pages with startIndex and count: nextIndex while more rows exist, total always', async () => {
    const first = await list('count=2');
    expect(names(first)).toEqual(['100% Pure', 'Acme Corp']);
    expect(first.body).toMatchObject({ count: 2, total: 7, nextIndex: 3 });
    const middle = await list('startIndex=2&count=2');
    expect(names(middle)).toEqual(['Ada Lovelace', 'Grace Hopper']);
    expect(middle.body).toMatchObject({ startIndex: 2, total: 7, nextIndex: 5 });
    const last = await list('startIndex=6&count=2');
    expect(names(last)).toEqual(['Olga Timer']);
    expect(last.body).toMatchObject({ startIndex: 6, total: 7 });
    expect(last.body).not.toHaveProperty('nextIndex');
    const beyond = await list('startIndex=99999999999999');
    expect(beyond.status).toBe(200);
    expect(beyond.response).toEqual([]);
  });

  it.each([
    ['contactListView=Company', ['100% Pure', 'Acme Corp', 'Managed Ltd']],
    ['contactListView=1', ['100% Pure', 'Acme Corp', 'Managed Ltd']],
    ['contactlistview=person', ['Ada Lovelace', 'Grace Hopper', 'Hidden Person', 'Olga Timer']],
    ['contactListView=withopportunity', ['Acme Corp', 'Grace Hopper']],
    ['contactListView=All', ['100% Pure', 'Acme Corp', 'Ada Lovelace', 'Grace Hopper', 'Hidden Person', 'Managed Ltd', 'Olga Timer']],
    ['contactListView=9', ['100% Pure', 'Acme Corp', 'Ada Lovelace', 'Grace Hopper', 'Hidden Person', 'Managed Ltd', 'Olga Timer']],
    ['contactType=company', ['100% Pure', 'Acme Corp', 'Managed Ltd']],
    ['contactType=Person&contactListView=withOpportunity', ['Grace Hopper']],
    ['type=person&contactListView=person', ['Ada Lovelace', 'Grace Hopper', 'Hidden Person', 'Olga Timer']],
    ['type=company&contactType=person', []],
    ['type=opportunity', []],
    ['contactType=0', ['100% Pure', 'Acme Corp', 'Ada Lovelace', 'Grace Hopper', 'Hidden Person', 'Managed Ltd', 'Olga Timer']],
    ['contactType=3', []],
    ['contactStage=2', []],
    ['contactStage=-1&contactType=-1', ['100% Pure', 'Acme Corp', 'Ada Lovelace', 'Grace Hopper', 'Hidden Person', 'Managed Ltd', 'Olga Timer']],
    ['tags[]=vip', []],
    ['isShared=false', ['Hidden Person', 'Managed Ltd']],
    ['isShared=true&contactListView=company', ['100% Pure', 'Acme Corp']],
    ['fromDate=2026-01-01&contactListView=person', ['Ada Lovelace', 'Grace Hopper', 'Hidden Person']],
    ['toDate=2025-12-01', ['Olga Timer']],
    ['fromDate=2025-12-02&toDate=2025-12-31', []],
  ])('filters by %s', async (query, expected) => {
    const res = await list(query);
    expect(res.status, res.raw).toBe(200);
    expect(names(res)).toEqual(expected);
    expect(res.body.total).toBe(expected.length);
  });

  it('filters by responsibleid (the access list names the user)', async () => {
    const res = await list(`responsibleid=${user.id.toUpperCase()}`);
    expect(names(res)).toEqual(['Managed Ltd']);
  });

  it.each([
    ['lov', ['Ada Lovelace']],
    ['LOVE', ['Ada Lovelace']],
    ['a', ['Acme Corp', 'Ada Lovelace']],
    ['corp', ['Acme Corp']],
    ['ada lov', ['Ada Lovelace']],
    ['ada hop', []],
    ['100%', ['100% Pure']],
    ['%', []],
    ['_', []],
    ['ove', []],
  ])('searches names for %j: each word starts the name or one of its words', async (text, expected) => {
    const res = await list(`filterValue=${encodeURIComponent(text)}`);
    expect(names(res)).toEqual(expected);
    expect(res.body.total).toBe(expected.length);
  });

  it('sorts by created, first name and last name, in both directions; unknown sortBy is the default', async () => {
    expect(names(await list('sortBy=created&sortOrder=descending&count=3'))).toEqual(['100% Pure', 'Managed Ltd', 'Hidden Person']);
    expect(names(await list('sortBy=2&count=2'))).toEqual(['Olga Timer', 'Ada Lovelace']);
    expect(names(await list('sortBy=lastName&contactListView=person'))).toEqual(['Grace Hopper', 'Ada Lovelace', 'Hidden Person', 'Olga Timer']);
    expect(names(await list('sortBy=firstname&sortOrder=descending&contactListView=person'))).toEqual(['Olga Timer', 'Hidden Person', 'Grace Hopper', 'Ada Lovelace']);
    expect(names(await list('sortBy=displayName&sortOrder=descending&count=2'))).toEqual(['Olga Timer', 'Managed Ltd']);
    expect(names(await list('sortBy=bogus&sortOrder=descending&count=2'))).toEqual(['100% Pure', 'Acme Corp']);
  });

  it('refuses a contactType that is neither a kind nor a number, and a bad view name', async () => {
    const bad = await list('contactType=robot');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^contactType: "robot" is not person, company or a contact type id/);
    expect((await list('contactListView=everything')).status).toBe(400);
    expect((await list('fromDate=yesterday')).status).toBe(400);
  });

  it('shows canDelete false for a contact an invoice references', async () => {
    const now = t.clock.now();
    await t.deps.store.db.insertInto('invoices').values({
      tenant_id: 1, status: 1, number: 'CF-1', number_key: 'cf-1', issue_date: now, due_date: now, template_type: 0,
      contact_id: ids.grace!, consignee_id: 0, entity_type: 1, entity_id: 0, billing_address_id: 0, delivery_address_id: 0,
      language: 'en-US', currency: 'EUR', exchange_rate: 1_000_000, purchase_order_number: '', terms: '', description: '', json_data: '', file_id: 0,
      created_by: 'x', created_at: now, updated_by: 'x', updated_at: now,
    }).execute();
    const res = await list('filterValue=grace');
    expect(res.response[0]).toMatchObject({ id: ids.grace, canEdit: true, canDelete: false });
  });

  it('costs the same number of statements for a page of 1 and a page of 7 (no N+1)', async () => {
    // Information on every contact, so the per-contact loads would show up.
    for (const id of Object.values(ids)) await call(t, 'POST', `/api/2.0/crm/contact/${id}/data`, { json: { infoType: 'Email', data: `c${id}@x.test` } });
    const statements = async (query: string) => {
      const before = t.deps.store.queryCount;
      const res = await list(query);
      expect(res.status).toBe(200);
      return { n: t.deps.store.queryCount - before, items: res.response.length };
    };
    // Both pages hold a person of a company and a company (each batch load is skipped when nothing needs it).
    const one = await statements('startIndex=1&count=1');
    const all = await statements('count=100');
    expect(one.items).toBe(1);
    expect(all.items).toBe(7);
    expect(all.n).toBe(one.n);
    expect(all.n).toBeLessThanOrEqual(12);
    const full = await list('filterValue=ada');
    expect(full.response[0].commonData).toEqual([expect.objectContaining({ infoType: 1, data: `c${ids.ada}@x.test` })]);
  });

  it('refuses guests with 403 and is documented in OpenAPI', async () => {
    const guest = await t.createUser({ isVisitor: true });
    expect((await list('', guest.token)).status).toBe(403);
    const doc = (await t.app.inject({ url: '/api/2.0/openapi.json' })).json();
    const op = doc.paths['/api/2.0/crm/contact/filter'].get;
    expect(op.tags).toEqual(['contacts']);
    expect(op.description).toMatch(/contactListView/);
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['contactListView', 'contactType', 'type', 'filterValue', 'count']));
  });
});
