// PUT crm/opportunity/{id} (full update), DELETE crm/opportunity/{id}, PUT crm/opportunity (a
// group) and DELETE crm/opportunity/filter; each write audited in its own transaction.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, expectRefusedUnchanged } from '../support/api.js';
import { auditOf, createOpportunity, insertContact, opportunityState } from '../support/crm-fixtures.js';
import { buildWorld, invoiceBody } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/2.0/crm/opportunity';
const UNKNOWN_GUID = '0f0e0d0c-0b0a-4908-8706-050403020100';

let t: TestApp;
let adminId: string;
let user: { id: string; token: string };
let other: { id: string; token: string };
let stages: { id: number; title: string }[];

beforeAll(async () => {
  t = await createTestApp();
  adminId = (await call(t, 'GET', '/api/2.0/people/@self')).response.id;
  user = await t.createUser();
  other = await t.createUser();
  stages = (await call(t, 'GET', `${API}/stage`)).response;
});
afterAll(async () => t?.close());

const body = (extra: Record<string, unknown> = {}) => ({ title: 'Deal', responsibleid: adminId, stageid: stages[0]!.id, bidCurrencyAbbr: 'EUR', ...extra });

/** Expects a refusal with that status and message, and nothing written (rows, updates, audit). */
async function expectRefused(req: () => Promise<{ status: number; body: any; raw: string }>, status: number, message: string | RegExp) {
  await expectRefusedUnchanged(() => opportunityState(t), req, status, message);
}

describe('POST crm/opportunity audit', () => {
  it('records the created opportunity with every stored field', async () => {
    const c = await insertContact(t);
    const created = await createOpportunity(t, body({ title: 'Audited', contactid: c, bidValue: '12.345', isPrivate: true, accessList: [user.id] }));
    const [record] = await auditOf(t, 'opportunity', created.id);
    expect(record).toMatchObject({ action: 'opportunity.created', targetType: 'opportunity', targetIds: [created.id], userId: adminId });
    expect(record.changes).toMatchObject({
      title: { after: 'Audited' }, contactId: { after: c }, members: { after: [c] }, bidValue: { after: '12.35' },
      isPrivate: { after: true }, accessList: { after: [adminId, user.id].sort() }, stageId: { after: stages[0]!.id },
    });
  });
});

describe('PUT crm/opportunity/{id}', () => {
  it('replaces every field and answers the Opportunity as stored', async () => {
    const c1 = await insertContact(t);
    const c2 = await insertContact(t, { name: 'New Primary' });
    const m = await insertContact(t);
    const created = await createOpportunity(t, body({ contactid: c1, members: [m], description: 'old', bidValue: 10 }));
    t.clock.advance(60_000);
    const res = await call(t, 'PUT', `${API}/${created.id}`, {
      json: body({
        title: 'Renamed', description: 'new', contactid: c2, members: [], responsibleid: user.id, bidType: 'PerDay', bidValue: '99.999',
        bidCurrencyAbbr: 'usd', perPeriodValue: 3, stageid: stages[2]!.id, successProbability: 140, expectedCloseDate: '2026-04-01',
      }),
    });
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toMatchObject({
      id: created.id, title: 'Renamed', description: 'new', contact: { id: c2, displayName: 'New Primary' }, responsible: { id: user.id },
      bidType: 2, bidValue: 100, bidCurrency: { abbreviation: 'USD' }, perPeriodValue: 3, stage: { id: stages[2]!.id }, successProbability: 100,
      expectedCloseDate: '2026-04-01T00:00:00.0000000+00:00', createBy: { id: adminId }, created: created.created,
    });
    expect(res.response.members.map((x: { id: number }) => x.id)).toEqual([c2]);
    expect(res.response).toEqual((await call(t, 'GET', `${API}/${created.id}`)).response);
    const [record] = await auditOf(t, 'opportunity', created.id);
    expect(record.action).toBe('opportunity.updated');
    expect(record.changes).toMatchObject({
      title: { before: 'Deal', after: 'Renamed' }, contactId: { before: c1, after: c2 }, members: { before: [c1, m].sort((a, b) => a - b), after: [c2] },
      bidValue: { before: '10.00', after: '100.00' }, responsibleId: { before: adminId, after: user.id },
    });
    expect(record.changes).not.toHaveProperty('isPrivate');
  });

  it('binds a form body and query parameters, names in any case', async () => {
    const created = await createOpportunity(t, body());
    const res = await call(t, 'PUT', `${API}/${created.id}?TITLE=From%20query`, {
      form: [['ResponsibleId', adminId], ['stageID', String(stages[1]!.id)], ['bidcurrencyabbr', 'gbp']],
    });
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toMatchObject({ title: 'From query', stage: { id: stages[1]!.id }, bidCurrency: { abbreviation: 'GBP' } });
  });

  it('writes and audits nothing when nothing changes', async () => {
    const created = await createOpportunity(t, body({ description: 'same' }));
    const before = await opportunityState(t);
    const res = await call(t, 'PUT', `${API}/${created.id}`, { json: body({ description: 'same' }) });
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toEqual(created);
    expect(await opportunityState(t)).toEqual(before);
  });

  it('keeps contacts the editor may not read: hidden members, and a hidden primary contact when contactid is 0', async () => {
    const secret = await insertContact(t, { shareType: 0, name: 'Secret Primary' });
    const secretMember = await insertContact(t, { shareType: 0 });
    const open = await insertContact(t);
    const created = await createOpportunity(t, body({ contactid: secret, members: [secretMember, open] }));
    const seen = (await call(t, 'GET', `${API}/${created.id}`, { token: user.token })).response;
    expect(seen.contact).toBeNull();
    const res = await call(t, 'PUT', `${API}/${created.id}`, { token: user.token, json: body({ title: 'Edited by user', contactid: 0, members: [] }) });
    expect(res.status, res.raw).toBe(200);
    expect(res.response.contact).toBeNull();
    expect(res.response.members).toEqual([]);
    expect(res.raw).not.toContain('Secret Primary');
    const stored = (await call(t, 'GET', `${API}/${created.id}`)).response;
    expect(stored.contact).toMatchObject({ id: secret });
    expect(stored.members.map((x: { id: number }) => x.id)).toEqual([secret, secretMember].sort((a, b) => a - b));
    // Keeping the hidden primary contact by naming it needs no read right either.
    expect((await call(t, 'PUT', `${API}/${created.id}`, { token: user.token, json: body({ contactid: secret }) })).status).toBe(200);
  });

  it('keeps the editor on the access list of a private opportunity', async () => {
    const created = await createOpportunity(t, body({ isPrivate: true, accessList: [user.id] }));
    const res = await call(t, 'PUT', `${API}/${created.id}`, { token: user.token, json: body({ isPrivate: true, accessList: [] }) });
    expect(res.status, res.raw).toBe(200);
    expect(res.response.accessList.map((e: { id: string }) => e.id)).toEqual([user.id]);
    expect((await call(t, 'GET', `${API}/${created.id}`, { token: user.token })).status).toBe(200);
    const pub = await call(t, 'PUT', `${API}/${created.id}`, { json: body({ isPrivate: false, accessList: [user.id] }) });
    expect(pub.response).toMatchObject({ isPrivate: false, accessList: [] });
  });

  describe('refuses, writing nothing', () => {
    let id: number;
    beforeEach(async () => {
      id = (await createOpportunity(t, body())).id;
    });
    const put = (json: Record<string, unknown>, token?: string) => () => call(t, 'PUT', `${API}/${id}`, { json, ...(token ? { token } : {}) });

    it('a missing or inaccessible opportunity: 404 as GET, before any parameter check', async () => {
      await expectRefused(() => call(t, 'PUT', `${API}/999999`, { json: body() }), 404, 'Opportunity 999999 is not found');
      await expectRefused(() => call(t, 'PUT', `${API}/999999`, { json: { title: '' } }), 404, 'Opportunity 999999 is not found');
      const priv = (await createOpportunity(t, body({ isPrivate: true }))).id;
      await expectRefused(() => call(t, 'PUT', `${API}/${priv}`, { token: other.token, json: body() }), 404, `Opportunity ${priv} is not found`);
      expect((await call(t, 'PUT', `${API}/abc`, { json: body() })).status).toBe(404);
    });

    it('every rule of create (spec §6.4)', async () => {
      await expectRefused(put(body({ title: ' ' })), 400, 'title: the opportunity title is required');
      await expectRefused(put(body({ responsibleid: undefined })), 400, 'responsibleid: the responsible user is required');
      await expectRefused(put(body({ responsibleid: UNKNOWN_GUID })), 400, `responsibleid: ${UNKNOWN_GUID} is not a user of this portal`);
      await expectRefused(put(body({ stageid: 0 })), 400, /^stageid: the opportunity stage is required/);
      await expectRefused(put(body({ stageid: 999_999 })), 400, 'Deal milestone is not found');
      await expectRefused(put(body({ bidCurrencyAbbr: 'XYZ' })), 400, /^bidCurrencyAbbr: "XYZ" is not a known currency/);
      await expectRefused(put(body({ bidValue: '100000000' })), 400, 'bidValue: must be between -99999999.99 and 99999999.99');
      await expectRefused(put(body({ bidType: 9 })), 400, /^bidType: 9 is not a bid type/);
      await expectRefused(put(body({ isPrivate: true, accessList: [UNKNOWN_GUID] })), 400, `accessList: ${UNKNOWN_GUID} is not a user of this portal`);
      await expectRefused(put(body({ contactid: 999_999 })), 400, 'contactid: the contact 999999 is not found');
      await expectRefused(put(body({ expectedCloseDate: 'soon' })), 400, /^expectedCloseDate: "soon" is not a valid date/);
    });

    it('a new primary contact the editor may not read (403)', async () => {
      const hidden = await insertContact(t, { shareType: 0 });
      await expectRefused(put(body({ contactid: hidden }), user.token), 403, `Access Denied: you may not read the contact ${hidden}`);
    });
  });
});

describe('DELETE crm/opportunity/{id}', () => {
  it('deletes the opportunity with members and access list, answers it as it was, and audits it', async () => {
    const c = await insertContact(t);
    const created = await createOpportunity(t, body({ contactid: c, isPrivate: true, accessList: [user.id] }));
    const res = await call(t, 'DELETE', `${API}/${created.id}`, { token: user.token });
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toEqual({ ...created, canEdit: true });
    expect((await call(t, 'GET', `${API}/${created.id}`)).status).toBe(404);
    const db = t.deps.store.db;
    expect(await db.selectFrom('opportunity_members').select('contact_id').where('opportunity_id', '=', created.id).execute()).toEqual([]);
    expect(await db.selectFrom('opportunity_access').select('user_id').where('opportunity_id', '=', created.id).execute()).toEqual([]);
    const [record] = await auditOf(t, 'opportunity', created.id);
    expect(record).toMatchObject({ action: 'opportunity.deleted', userId: user.id });
    expect(record.changes.title).toEqual({ before: 'Deal' });
    expect(record.changes.members).toEqual({ before: [c] });
  });

  it('leaves linked invoices with their entity id; their entity becomes null (spec §3.8, Q31)', async () => {
    const w = await buildWorld(t);
    const inv = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, { entityId: w.opportunityId }) });
    expect(inv.status, inv.raw).toBe(201);
    expect(inv.response.entity).toMatchObject({ entityId: w.opportunityId });
    expect((await call(t, 'DELETE', `${API}/${w.opportunityId}`)).status).toBe(200);
    const row = await t.deps.store.db.selectFrom('invoices').select('entity_id').where('id', '=', inv.response.id).executeTakeFirstOrThrow();
    expect(Number(row.entity_id)).toBe(w.opportunityId);
    expect((await call(t, 'GET', `/api/2.0/crm/invoice/${inv.response.id}`)).response.entity).toBeNull();
  });

  it('answers 404 for a missing or inaccessible opportunity, deleting nothing', async () => {
    const priv = (await createOpportunity(t, body({ isPrivate: true }))).id;
    await expectRefused(() => call(t, 'DELETE', `${API}/${priv}`, { token: other.token }), 404, `Opportunity ${priv} is not found`);
    await expectRefused(() => call(t, 'DELETE', `${API}/999999`), 404, 'Opportunity 999999 is not found');
    await expectRefused(() => call(t, 'DELETE', `${API}/0`), 404, 'Opportunity 0 is not found');
  });
});

describe('PUT crm/opportunity (delete a group)', () => {
  it('deletes the accessible ones, skips the others, answers the deleted ones; ids in any list form', async () => {
    const a = (await createOpportunity(t, body({ title: 'Group A' }))).id;
    const b = (await createOpportunity(t, body({ title: 'Group B' }))).id;
    const priv = (await createOpportunity(t, body({ title: 'Group private', isPrivate: true }))).id;
    const res = await call(t, 'PUT', API, { token: other.token, json: { opportunityids: [a, priv, 999_999, b] } });
    expect(res.status, res.raw).toBe(200);
    expect(res.response.map((x: { id: number }) => x.id)).toEqual([a, b]);
    expect(res.body.count).toBe(2);
    expect((await call(t, 'GET', `${API}/${priv}`)).status).toBe(200);
    expect((await auditOf(t, 'opportunity', a))[0].action).toBe('opportunity.deleted');
    expect((await auditOf(t, 'opportunity', b))[0].action).toBe('opportunity.deleted');

    const c = (await createOpportunity(t, body())).id;
    const d = (await createOpportunity(t, body())).id;
    const e = (await createOpportunity(t, body())).id;
    expect((await call(t, 'PUT', `${API}?opportunityids=${c},${d}`)).response.map((x: { id: number }) => x.id)).toEqual([c, d]);
    expect((await call(t, 'PUT', API, { form: [['opportunityids[]', String(e)]] })).response.map((x: { id: number }) => x.id)).toEqual([e]);
  });

  it('answers an empty list when nothing is accessible, and 400 without ids', async () => {
    const priv = (await createOpportunity(t, body({ isPrivate: true }))).id;
    const res = await call(t, 'PUT', API, { token: other.token, json: { opportunityids: [priv] } });
    expect(res.status).toBe(200);
    expect(res.response).toEqual([]);
    await expectRefused(() => call(t, 'PUT', API, { json: {} }), 400, 'opportunityids: at least one opportunity id is required');
    await expectRefused(() => call(t, 'PUT', API, { json: { opportunityids: ['x'] } }), 400, /^opportunityids\[0\]: "x" is not a valid integer/);
  });
});

describe('DELETE crm/opportunity/filter', () => {
  it('deletes every accessible opportunity the search finds, answers them, leaves the rest', async () => {
    const tag = `Purge${Date.now()}`;
    const a = (await createOpportunity(t, body({ title: `${tag} one` }))).id;
    const b = (await createOpportunity(t, body({ title: `${tag} two`, stageid: stages[1]!.id }))).id;
    const priv = (await createOpportunity(t, body({ title: `${tag} private`, isPrivate: true }))).id;
    const keep = (await createOpportunity(t, body({ title: 'Unrelated' }))).id;

    const byStage = await call(t, 'DELETE', `${API}/filter?filterValue=${tag}&stageid=${stages[1]!.id}`, { token: other.token });
    expect(byStage.status, byStage.raw).toBe(200);
    expect(byStage.response.map((x: { id: number }) => x.id)).toEqual([b]);

    // Filter parameters bind from the body too.
    const res = await call(t, 'DELETE', `${API}/filter`, { token: other.token, json: { filterValue: tag } });
    expect(res.response.map((x: { id: number }) => x.id)).toEqual([a]);
    expect((await call(t, 'GET', `${API}/${priv}`)).status).toBe(200);
    expect((await call(t, 'GET', `${API}/${keep}`)).status).toBe(200);
    expect((await auditOf(t, 'opportunity', a))[0].action).toBe('opportunity.deleted');

    const empty = await call(t, 'DELETE', `${API}/filter?filterValue=${tag}-nothing`);
    expect(empty.status).toBe(200);
    expect(empty.response).toEqual([]);
  });

  it('refuses a malformed filter, deleting nothing', async () => {
    await expectRefused(() => call(t, 'DELETE', `${API}/filter?stageType=9`), 400, /^stageType: 9 is not a stage type/);
    await expectRefused(() => call(t, 'DELETE', `${API}/filter`, { json: { contactid: 'x' } }), 400, /^contactid: "x" is not a valid integer/);
  });
});
