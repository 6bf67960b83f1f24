// Members (GET/POST/DELETE crm/opportunity/{id}/contact[/{contactid}]), the stage of an
// opportunity (PUT crm/opportunity/{id}/stage/{stageid}) and access (PUT crm/opportunity/access,
// PUT crm/opportunity/filter/access).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectRefusedUnchanged } from '../support/api.js';
import { auditOf, createOpportunity, insertContact, opportunityState } from '../support/crm-fixtures.js';
import { buildWorld, invoiceBody } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/2.0/crm/opportunity';
const UNKNOWN_GUID = '0f0e0d0c-0b0a-4908-8706-050403020100';
const CONTACT_BASE_KEYS = ['canDelete', 'canEdit', 'currency', 'displayName', 'id', 'isCompany', 'isPrivate', 'isShared', 'mediumFotoUrl', 'shareType', 'smallFotoUrl'];

let t: TestApp;
let adminId: string;
let user: { id: string; token: string };
let other: { id: string; token: string };
let stages: { id: number; title: string; successProbability: number; stageType: number }[];

beforeAll(async () => {
  t = await createTestApp();
  adminId = (await call(t, 'GET', '/api/2.0/people/@self')).response.id;
  user = await t.createUser();
  other = await t.createUser();
  stages = (await call(t, 'GET', `${API}/stage`)).response;
});
afterAll(async () => t?.close());

const body = (extra: Record<string, unknown> = {}) => ({ title: 'Deal', responsibleid: adminId, stageid: stages[0]!.id, bidCurrencyAbbr: 'EUR', ...extra });
const memberIds = async (id: number, token?: string) =>
  ((await call(t, 'GET', `${API}/${id}/contact`, token ? { token } : {})).response as { id: number }[]).map((c) => c.id);

async function expectRefused(req: () => Promise<{ status: number; body: any; raw: string }>, status: number, message: string | RegExp) {
  await expectRefusedUnchanged(() => opportunityState(t), req, status, message);
}

describe('GET crm/opportunity/{id}/contact', () => {
  it('lists the members the reader may read as ContactBase, by id, the primary contact included', async () => {
    const primary = await insertContact(t, { isCompany: true, name: 'Primary Co' });
    const m = await insertContact(t, { shareType: 2 });
    const hidden = await insertContact(t, { shareType: 0, name: 'Hidden Member' });
    const managed = await insertContact(t, { shareType: 0, accessList: [user.id] });
    const o = await createOpportunity(t, body({ contactid: primary, members: [hidden, m, managed] }));
    const res = await call(t, 'GET', `${API}/${o.id}/contact`);
    expect(res.status, res.raw).toBe(200);
    expect(res.response.map((c: { id: number }) => c.id)).toEqual([primary, m, hidden, managed].sort((a, b) => a - b));
    expect(Object.keys(res.response.find((c: { id: number }) => c.id === m)).sort()).toEqual(CONTACT_BASE_KEYS);
    const forUser = await call(t, 'GET', `${API}/${o.id}/contact`, { token: user.token });
    expect(forUser.response.map((c: { id: number }) => c.id)).toEqual([primary, m, managed].sort((a, b) => a - b));
    expect(forUser.response.find((c: { id: number }) => c.id === managed)).toMatchObject({ isPrivate: true, accessList: [{ id: user.id }] });
    expect(forUser.raw).not.toContain('Hidden Member');
  });

  it('answers 404 for a missing or inaccessible opportunity', async () => {
    const priv = await createOpportunity(t, body({ isPrivate: true }));
    expect((await call(t, 'GET', `${API}/${priv.id}/contact`, { token: other.token })).status).toBe(404);
    const missing = await call(t, 'GET', `${API}/999999/contact`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('Opportunity 999999 is not found');
  });
});

describe('POST and DELETE crm/opportunity/{id}/contact/{contactid}', () => {
  it('adds a member, answers the ContactBase with 201, and audits the change once', async () => {
    const o = await createOpportunity(t, body());
    const c = await insertContact(t, { name: 'New Member' });
    const res = await call(t, 'POST', `${API}/${o.id}/contact/${c}`, { token: user.token });
    expect(res.status, res.raw).toBe(201);
    expect(res.response).toMatchObject({ id: c, displayName: 'New Member', canDelete: false });
    expect(Object.keys(res.response).sort()).toEqual(CONTACT_BASE_KEYS);
    expect(await memberIds(o.id)).toEqual([c]);
    // Twice: the same answer, nothing written.
    const before = await opportunityState(t);
    expect((await call(t, 'POST', `${API}/${o.id}/contact/${c}`)).status).toBe(201);
    expect(await opportunityState(t)).toEqual(before);
    const records = await auditOf(t, 'opportunity', o.id);
    expect(records.map((r) => r.action)).toEqual(['opportunity.member-added', 'opportunity.created']);
    expect(records[0].changes).toEqual({ members: { before: [], after: [c] } });
  });

  it('an added member can be the contact of an invoice linked to the opportunity, a removed one no longer (spec §3.8)', async () => {
    const w = await buildWorld(t);
    const c = await insertContact(t);
    const invoice = () => call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, { contactId: c, entityId: w.opportunityId, number: '' }) });
    expect((await invoice()).status).toBe(400);
    await call(t, 'POST', `${API}/${w.opportunityId}/contact/${c}`);
    const ok = await invoice();
    expect(ok.status, ok.raw).toBe(201);
    await call(t, 'DELETE', `${API}/${w.opportunityId}/contact/${c}`);
    expect((await invoice()).status).toBe(400);
  });

  it('removes a member and answers the ContactBase; removing the primary contact clears `contact`', async () => {
    const primary = await insertContact(t);
    const m = await insertContact(t);
    const o = await createOpportunity(t, body({ contactid: primary, members: [m] }));
    const res = await call(t, 'DELETE', `${API}/${o.id}/contact/${m}`);
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toMatchObject({ id: m });
    expect(await memberIds(o.id)).toEqual([primary]);
    const again = await call(t, 'DELETE', `${API}/${o.id}/contact/${m}`);
    expect(again.status).toBe(200);
    expect((await call(t, 'DELETE', `${API}/${o.id}/contact/${primary}`)).status).toBe(200);
    const after = (await call(t, 'GET', `${API}/${o.id}`)).response;
    expect(after.contact).toBeNull();
    expect(after.members).toEqual([]);
    const records = await auditOf(t, 'opportunity', o.id);
    expect(records.map((r) => r.action)).toEqual(['opportunity.member-removed', 'opportunity.member-removed', 'opportunity.created']);
    expect(records[0].changes).toEqual({ contactId: { before: primary, after: 0 }, members: { before: [primary], after: [] } });
  });

  it('answers 404 for a missing or inaccessible opportunity, or a contact missing or not readable; writes nothing', async () => {
    const o = await createOpportunity(t, body());
    const priv = await createOpportunity(t, body({ isPrivate: true }));
    const c = await insertContact(t);
    const hidden = await insertContact(t, { shareType: 0 });
    for (const method of ['POST', 'DELETE'] as const) {
      await expectRefused(() => call(t, method, `${API}/999999/contact/${c}`), 404, 'Opportunity 999999 is not found');
      await expectRefused(() => call(t, method, `${API}/${priv.id}/contact/${c}`, { token: other.token }), 404, `Opportunity ${priv.id} is not found`);
      await expectRefused(() => call(t, method, `${API}/${o.id}/contact/999999`), 404, 'Contact 999999 is not found');
      await expectRefused(() => call(t, method, `${API}/${o.id}/contact/${hidden}`, { token: user.token }), 404, `Contact ${hidden} is not found`);
      expect((await call(t, method, `${API}/${o.id}/contact/abc`)).status).toBe(404);
    }
  });
});

describe('PUT crm/opportunity/{id}/stage/{stageid}', () => {
  it('moves the opportunity: probability from the stage; a closed stage sets the actual close date, an open one clears it', async () => {
    const o = await createOpportunity(t, body({ successProbability: 5 }));
    const won = stages.find((s) => s.stageType === 1)!;
    const open = stages[3]!;
    const res = await call(t, 'PUT', `${API}/${o.id}/stage/${won.id}`, { token: user.token });
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toMatchObject({ id: o.id, stage: { id: won.id, title: 'Won' }, successProbability: 100, actualCloseDate: '2026-01-15T09:30:00.0000000+00:00' });
    const back = await call(t, 'PUT', `${API}/${o.id}/stage/${open.id}`);
    expect(back.response).toMatchObject({ stage: { id: open.id }, successProbability: open.successProbability, actualCloseDate: '0001-01-01T00:00:00.0000000+00:00' });
    const before = await opportunityState(t);
    expect((await call(t, 'PUT', `${API}/${o.id}/stage/${open.id}`)).status).toBe(200);
    expect(await opportunityState(t)).toEqual(before);
    const records = await auditOf(t, 'opportunity', o.id);
    expect(records.map((r) => r.action)).toEqual(['opportunity.stage-changed', 'opportunity.stage-changed', 'opportunity.created']);
    expect(records[1].changes).toMatchObject({ stageId: { before: stages[0]!.id, after: won.id }, successProbability: { before: 5, after: 100 } });
  });

  it('refuses an unknown stage (400) and a missing or inaccessible opportunity (404), writing nothing', async () => {
    const o = await createOpportunity(t, body());
    const priv = await createOpportunity(t, body({ isPrivate: true }));
    await expectRefused(() => call(t, 'PUT', `${API}/${o.id}/stage/999999`), 400, 'Deal milestone is not found');
    await expectRefused(() => call(t, 'PUT', `${API}/999999/stage/${stages[1]!.id}`), 404, 'Opportunity 999999 is not found');
    await expectRefused(() => call(t, 'PUT', `${API}/${priv.id}/stage/${stages[1]!.id}`, { token: other.token }), 404, `Opportunity ${priv.id} is not found`);
  });
});

describe('PUT crm/opportunity/access', () => {
  it('makes opportunities private with an access list (the caller stays on it), skipping inaccessible ones; audits the changed ones', async () => {
    const a = await createOpportunity(t, body({ title: 'Access A' }));
    const b = await createOpportunity(t, body({ title: 'Access B' }));
    const priv = await createOpportunity(t, body({ title: 'Access private', isPrivate: true }));
    const res = await call(t, 'PUT', `${API}/access`, { token: user.token, json: { opportunityid: [a.id, b.id, priv.id, 999_999], isPrivate: true, accessList: [other.id] } });
    expect(res.status, res.raw).toBe(200);
    expect(res.response.map((x: { id: number }) => x.id)).toEqual([a.id, b.id]);
    for (const x of res.response) {
      expect(x.isPrivate).toBe(true);
      expect(x.accessList.map((e: { id: string }) => e.id).sort()).toEqual([user.id, other.id].sort());
    }
    expect((await call(t, 'GET', `${API}/${a.id}`, { token: other.token })).status).toBe(200);
    const outsider = await t.createUser();
    expect((await call(t, 'GET', `${API}/${a.id}`, { token: outsider.token })).status).toBe(404);
    const [record] = await auditOf(t, 'opportunity', a.id);
    expect(record).toMatchObject({ action: 'opportunity.access-changed', changes: { isPrivate: { before: false, after: true }, accessList: { before: [], after: [user.id, other.id].sort() } } });
    expect((await auditOf(t, 'opportunity', priv.id)).map((r) => r.action)).toEqual(['opportunity.created']);

    // Public again (ids as a comma list in the query); an access list is then ignored.
    const pub = await call(t, 'PUT', `${API}/access?opportunityid=${a.id},${b.id}&isPrivate=false`, { json: { accessList: [user.id] } });
    expect(pub.status, pub.raw).toBe(200);
    expect(pub.response.map((x: { isPrivate: boolean; accessList: unknown[] }) => [x.isPrivate, x.accessList])).toEqual([[false, []], [false, []]]);
  });

  it('writes nothing and audits nothing when nothing changes', async () => {
    const a = await createOpportunity(t, body());
    const before = await opportunityState(t);
    const res = await call(t, 'PUT', `${API}/access`, { json: { opportunityid: [a.id], isPrivate: false } });
    expect(res.status).toBe(200);
    expect(res.response).toEqual([a]);
    expect(await opportunityState(t)).toEqual(before);
  });

  it('refuses users that are not of the portal and a request without ids, writing nothing', async () => {
    const a = await createOpportunity(t, body());
    await expectRefused(() => call(t, 'PUT', `${API}/access`, { json: { opportunityid: [a.id], isPrivate: true, accessList: [UNKNOWN_GUID] } }), 400,
      `accessList: ${UNKNOWN_GUID} is not a user of this portal`);
    await expectRefused(() => call(t, 'PUT', `${API}/access`, { json: { isPrivate: true } }), 400, 'opportunityid: at least one opportunity id is required');
    await expectRefused(() => call(t, 'PUT', `${API}/access`, { json: { opportunityid: [a.id], accessList: ['bob'] } }), 400, /^accessList\[0\]: "bob" is not a valid GUID/);
  });
});

describe('PUT crm/opportunity/filter/access', () => {
  it('sets the access of every accessible opportunity the search finds', async () => {
    const tag = `Bulk${Date.now()}`;
    const a = await createOpportunity(t, body({ title: `${tag} a` }));
    const b = await createOpportunity(t, body({ title: `${tag} b`, stageid: stages[1]!.id }));
    const priv = await createOpportunity(t, body({ title: `${tag} private`, isPrivate: true }));
    const res = await call(t, 'PUT', `${API}/filter/access?filterValue=${tag}`, { token: user.token, json: { isPrivate: true } });
    expect(res.status, res.raw).toBe(200);
    expect(res.response.map((x: { id: number }) => x.id)).toEqual([a.id, b.id]);
    expect(res.response.every((x: { isPrivate: boolean }) => x.isPrivate)).toBe(true);
    expect((await call(t, 'GET', `${API}/${a.id}`, { token: other.token })).status).toBe(404);
    expect((await call(t, 'GET', `${API}/${priv.id}`)).response.accessList.map((e: { id: string }) => e.id)).toEqual([adminId]);

    const byStage = await call(t, 'PUT', `${API}/filter/access`, { json: { filterValue: tag, stageid: stages[1]!.id, isPrivate: false } });
    expect(byStage.response.map((x: { id: number; isPrivate: boolean }) => [x.id, x.isPrivate])).toEqual([[b.id, false]]);
  });

  it('refuses users that are not of the portal and a malformed filter, writing nothing', async () => {
    await expectRefused(() => call(t, 'PUT', `${API}/filter/access`, { json: { isPrivate: true, accessList: [UNKNOWN_GUID] } }), 400,
      `accessList: ${UNKNOWN_GUID} is not a user of this portal`);
    await expectRefused(() => call(t, 'PUT', `${API}/filter/access?stageType=5`, { json: { isPrivate: true } }), 400, /^stageType: 5 is not a stage type/);
  });
});
