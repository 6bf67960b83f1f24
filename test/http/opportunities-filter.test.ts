// GET crm/opportunity/filter (search, filters, sort, paging with exact totals, rights in SQL, no
// N+1) and GET crm/opportunity/bycontact/{contactid}.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { createOpportunity, insertContact } from '../support/crm-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const FILTER = '/api/2.0/crm/opportunity/filter';

let t: TestApp;
let adminId: string;
let user: { id: string; token: string };
let other: { id: string; token: string };
let stage: Record<'initial' | 'pre' | 'qual' | 'won', number>;
let cA: number;
let cB: number;
let cC: number;
let cHidden: number;
let o: Record<'alpha' | 'beta' | 'gamma' | 'secret' | 'hidden', number>;

beforeAll(async () => {
  t = await createTestApp();
  adminId = (await call(t, 'GET', '/api/2.0/people/@self')).response.id;
  user = await t.createUser({ firstname: 'Aaron', lastname: 'Able' });
  other = await t.createUser();
  const stages = (await call(t, 'GET', '/api/2.0/crm/opportunity/stage')).response as { id: number; title: string }[];
  const byTitle = (title: string) => stages.find((s) => s.title === title)!.id;
  stage = { initial: byTitle('Initial contact'), pre: byTitle('Preapproach'), qual: byTitle('Qualification'), won: byTitle('Won') };
  cA = await insertContact(t, { name: 'Ann Public' });
  cB = await insertContact(t, { name: 'Bob Public', shareType: 2 });
  cC = await insertContact(t, { name: 'Cid Public' });
  cHidden = await insertContact(t, { name: 'Hidden Person', shareType: 0 });
  const base = { responsibleid: adminId, bidCurrencyAbbr: 'EUR' };
  o = {
    alpha: (await createOpportunity(t, { ...base, title: 'Alpha website', description: 'redesign', stageid: stage.initial, contactid: cA, bidValue: 100, expectedCloseDate: '2026-03-01T15:00:00Z' })).id,
    beta: (await createOpportunity(t, { ...base, title: 'Beta app', description: 'Mobile ALPHA port', stageid: stage.pre, members: [cB], responsibleid: user.id, bidValue: 50, expectedCloseDate: '2026-02-01' })).id,
    gamma: (await createOpportunity(t, { ...base, title: 'Gamma', stageid: stage.won, contactid: cB, members: [cA], bidValue: 300 })).id,
    secret: (await createOpportunity(t, { ...base, title: 'Secret alpha', stageid: stage.initial, contactid: cHidden, isPrivate: true, accessList: [user.id], bidValue: 10 })).id,
    hidden: (await createOpportunity(t, { ...base, title: 'Hidden delta', stageid: stage.qual, contactid: cC, isPrivate: true, bidValue: 20 })).id,
  };
});
afterAll(async () => t?.close());

const list = async (query = '', token?: string) => {
  const res = await call(t, 'GET', `${FILTER}${query ? `?${query}` : ''}`, token ? { token } : {});
  expect(res.status, res.raw).toBe(200);
  return res;
};
const ids = async (query = '', token?: string) => ((await list(query, token)).response as { id: number }[]).map((x) => x.id);

describe('GET crm/opportunity/filter', () => {
  it('answers every accessible opportunity, by stage order then id, with the Opportunity shape and total', async () => {
    const res = await list();
    expect(res.response.map((x: { id: number }) => x.id)).toEqual([o.alpha, o.secret, o.beta, o.hidden, o.gamma]);
    expect(res.body).toMatchObject({ count: 5, total: 5, status: 0, statusCode: 200 });
    expect(res.body).not.toHaveProperty('nextIndex');
    const alpha = res.response[0];
    expect(alpha).toMatchObject({
      id: o.alpha, title: 'Alpha website', description: 'redesign', contact: { id: cA, displayName: 'Ann Public' },
      stage: { id: stage.initial, title: 'Initial contact' }, bidValue: 100, bidCurrency: { abbreviation: 'EUR' }, canEdit: true, isPrivate: false,
    });
    expect(res.raw).toContain('"bidValue":100.00');
    expect(alpha).toEqual((await call(t, 'GET', `/api/2.0/crm/opportunity/${o.alpha}`)).response);
  });

  it('shows a private opportunity only to admins and its access list, in the page and in the total (spec §3.5)', async () => {
    const forOther = await list('', other.token);
    expect(forOther.response.map((x: { id: number }) => x.id)).toEqual([o.alpha, o.beta, o.gamma]);
    expect(forOther.body.total).toBe(3);
    expect(forOther.raw).not.toContain('Secret alpha');
    const forUser = await list('', user.token);
    expect(forUser.response.map((x: { id: number }) => x.id)).toEqual([o.alpha, o.secret, o.beta, o.gamma]);
    expect(forUser.body.total).toBe(4);
    expect((await list('count=1', other.token)).body.total).toBe(3);
  });

  it('never embeds a contact the reader may not read', async () => {
    const res = await list(`stageid=${stage.initial}`, user.token);
    const secret = res.response.find((x: { id: number }) => x.id === o.secret);
    expect(secret.contact).toBeNull();
    expect(secret.members).toEqual([]);
    expect(res.raw).not.toContain('Hidden Person');
    expect((await list(`stageid=${stage.initial}`)).response.find((x: { id: number }) => x.id === o.secret).contact).toMatchObject({ id: cHidden });
  });

  it('searches every word in the title or the description, ignoring case; text after a comma is ignored', async () => {
    expect(await ids('filterValue=alpha')).toEqual([o.alpha, o.secret, o.beta]);
    expect(await ids('filterValue=ALPHA', other.token)).toEqual([o.alpha, o.beta]);
    expect(await ids('filterValue=alpha%20web')).toEqual([o.alpha]);
    expect(await ids('filterValue=alpha,gamma')).toEqual([o.alpha, o.secret, o.beta]);
    expect(await ids('filterValue=port%20mobile')).toEqual([o.beta]);
    expect(await ids('filterValue=%25')).toEqual([]);
    expect(await ids('filterValue=_')).toEqual([]);
    expect((await list('filterValue=nothing-like-this')).body).toMatchObject({ total: 0, response: [] });
  });

  it('filters by stage (stageid or the original opportunityStagesid) and by stage type (number or name)', async () => {
    expect(await ids(`stageid=${stage.initial}`)).toEqual([o.alpha, o.secret]);
    expect(await ids(`opportunityStagesid=${stage.pre}`)).toEqual([o.beta]);
    expect(await ids(`StageId=${stage.won}`)).toEqual([o.gamma]);
    expect(await ids('stageType=1')).toEqual([o.gamma]);
    expect(await ids('stageType=closedandwon')).toEqual([o.gamma]);
    expect(await ids('stageType=Open')).toEqual([o.alpha, o.secret, o.beta, o.hidden]);
    expect(await ids('stageType=2')).toEqual([]);
    const bad = await call(t, 'GET', `${FILTER}?stageType=7`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^stageType: 7 is not a stage type/);
    expect((await call(t, 'GET', `${FILTER}?stageType=Closed`)).status).toBe(400);
  });

  it('filters by member contact (the primary contact included), or by primary contact only', async () => {
    expect(await ids(`contactid=${cA}`)).toEqual([o.alpha, o.gamma]);
    expect(await ids(`contactid=${cA}&contactAlsoIsParticipant=false`)).toEqual([o.alpha]);
    expect(await ids(`contactid=${cB}&contactAlsoIsParticipant=true`)).toEqual([o.beta, o.gamma]);
    expect(await ids(`contactid=${cC}`, other.token)).toEqual([]);
  });

  it('filters by responsible user and by expected close date (a date alone covers its day)', async () => {
    expect(await ids(`responsibleid=${user.id}`)).toEqual([o.beta]);
    expect(await ids('responsibleid=00000000-0000-0000-0000-000000000000')).toHaveLength(5);
    expect(await ids('fromDate=2026-02-01&toDate=2026-02-28')).toEqual([o.beta]);
    expect(await ids('fromDate=2026-02-15&toDate=2026-03-01')).toEqual([o.alpha]);
    expect(await ids('toDate=2026-02-28')).toEqual([o.beta]);
    expect((await call(t, 'GET', `${FILTER}?fromDate=yesterday`)).status).toBe(400);
    expect((await call(t, 'GET', `${FILTER}?responsibleid=bob`)).status).toBe(400);
  });

  it('sorts by DealSortedByType, by name in any case or by number, in both directions; unknown → default', async () => {
    expect(await ids('sortBy=title')).toEqual([o.alpha, o.beta, o.gamma, o.hidden, o.secret]);
    expect(await ids('sortBy=0&sortOrder=descending')).toEqual([o.secret, o.hidden, o.gamma, o.beta, o.alpha]);
    expect(await ids('sortBy=BIDVALUE')).toEqual([o.secret, o.hidden, o.beta, o.alpha, o.gamma]);
    expect(await ids('sortBy=3&sortOrder=descending')).toEqual([o.gamma, o.alpha, o.beta, o.hidden, o.secret]);
    // No expected close date comes last in both directions.
    expect(await ids('sortBy=dateAndTime')).toEqual([o.beta, o.alpha, o.gamma, o.secret, o.hidden]);
    expect(await ids('sortBy=dateandtime&sortOrder=descending')).toEqual([o.alpha, o.beta, o.hidden, o.secret, o.gamma]);
    // Aaron Able before Administrator.
    expect((await ids('sortBy=responsible'))[0]).toBe(o.beta);
    expect(await ids('sortBy=stage&sortOrder=descending')).toEqual([o.gamma, o.hidden, o.beta, o.secret, o.alpha]);
    expect(await ids('sortBy=nonsense')).toEqual(await ids());
  });

  it('pages with startIndex and count: nextIndex while more exist, total always (spec §1.6)', async () => {
    const first = await list('count=2');
    expect(first.response.map((x: { id: number }) => x.id)).toEqual([o.alpha, o.secret]);
    expect(first.body).toMatchObject({ count: 2, total: 5, nextIndex: 3 });
    const second = await list('count=2&startIndex=2');
    expect(second.response.map((x: { id: number }) => x.id)).toEqual([o.beta, o.hidden]);
    expect(second.body).toMatchObject({ startIndex: 2, total: 5, nextIndex: 5 });
    const last = await list('count=2&startIndex=4');
    expect(last.response.map((x: { id: number }) => x.id)).toEqual([o.gamma]);
    expect(last.body).toMatchObject({ startIndex: 4, total: 5 });
    expect(last.body).not.toHaveProperty('nextIndex');
    const past = await list('count=2&startIndex=40');
    expect(past.body).toMatchObject({ total: 5, response: [] });
    expect((await list('count=abc')).body.count).toBe(5);
  });

  it('costs a fixed number of statements whatever the page size (no N+1)', async () => {
    const statements = async (query: string) => {
      const before = t.deps.store.queryCount;
      await list(query);
      return t.deps.store.queryCount - before;
    };
    const one = await statements('count=1');
    expect(await statements('count=3')).toBe(one);
    expect(await statements('count=4&sortBy=title')).toBe(one);
    expect(await statements('count=1000&sortBy=responsible')).toBe(one - 1); // a short first page needs no count
    expect(one).toBeLessThanOrEqual(12);
  });

  it('is refused to a guest (spec §1.2)', async () => {
    const guest = await t.createUser({ isVisitor: true });
    expect((await call(t, 'GET', FILTER, { token: guest.token })).status).toBe(403);
  });

  it('is reached with a .json suffix and in any letter case; static segments are never taken for an id', async () => {
    expect((await list('')).body.total).toBe(5);
    const suffixed = await call(t, 'GET', '/api/2.0/crm/Opportunity/Filter.json?count=1');
    expect(suffixed.status, suffixed.raw).toBe(200);
    expect(suffixed.body.total).toBe(5);
    expect((await call(t, 'GET', '/api/2.0/crm/opportunity/stage.json')).body.count).toBe(9);
    expect((await call(t, 'GET', `/api/2.0/crm/opportunity/bycontact/${cA}.json`)).body.count).toBe(2);
  });
});

describe('GET crm/opportunity/bycontact/{contactid}', () => {
  const byContact = (id: number | string, token?: string) => call(t, 'GET', `/api/2.0/crm/opportunity/bycontact/${id}`, token ? { token } : {});

  it('lists the opportunities having the contact as a member, the primary contact included, by id', async () => {
    const res = await byContact(cA);
    expect(res.status, res.raw).toBe(200);
    expect(res.response.map((x: { id: number }) => x.id)).toEqual([o.alpha, o.gamma]);
    expect(res.response[0]).toEqual((await call(t, 'GET', `/api/2.0/crm/opportunity/${o.alpha}`)).response);
    expect((await byContact(cB)).response.map((x: { id: number }) => x.id)).toEqual([o.beta, o.gamma]);
  });

  it('costs the same statements for one opportunity or several (no N+1)', async () => {
    const statements = async (id: number) => {
      const before = t.deps.store.queryCount;
      expect((await byContact(id)).status).toBe(200);
      return t.deps.store.queryCount - before;
    };
    expect(await statements(cA)).toBe(await statements(cC));
  });

  it('leaves out opportunities the reader may not access', async () => {
    expect((await byContact(cC)).response.map((x: { id: number }) => x.id)).toEqual([o.hidden]);
    const res = await byContact(cC, other.token);
    expect(res.status).toBe(200);
    expect(res.response).toEqual([]);
  });

  it('answers 404 for a contact that does not exist or that the reader may not read', async () => {
    expect((await byContact(cHidden)).response.map((x: { id: number }) => x.id)).toEqual([o.secret]);
    const hidden = await byContact(cHidden, user.token);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message).toBe(`Contact ${cHidden} is not found`);
    expect(hidden.raw).not.toContain('Secret');
    expect((await byContact(999_999)).status).toBe(404);
    expect((await byContact('abc')).status).toBe(404);
  });
});
