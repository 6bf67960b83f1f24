// Opportunity stages ("deal milestones"): GET one, create, update, delete (refused while used)
// and reorder; writes by CRM admins only, each audited in its own transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectRefusedUnchanged } from '../support/api.js';
import { auditOf, createOpportunity, opportunityState } from '../support/crm-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const STAGE = '/api/2.0/crm/opportunity/stage';
const STAGE_KEYS = ['color', 'description', 'id', 'sortOrder', 'stageType', 'successProbability', 'title'];

interface Stage { id: number; title: string; description: string; color: string; sortOrder: number; successProbability: number; stageType: number }

let t: TestApp;
let adminId: string;
let user: { id: string; token: string };

beforeAll(async () => {
  t = await createTestApp();
  adminId = (await call(t, 'GET', '/api/2.0/people/@self')).response.id;
  user = await t.createUser();
});
afterAll(async () => t?.close());

const listStages = async (): Promise<Stage[]> => (await call(t, 'GET', STAGE)).response;
const createStage = async (json: Record<string, unknown>): Promise<Stage> => {
  const res = await call(t, 'POST', STAGE, { json });
  expect(res.status, res.raw).toBe(201);
  return res.response;
};

async function expectRefused(req: () => Promise<{ status: number; body: any; raw: string }>, status: number, message: string | RegExp) {
  await expectRefusedUnchanged(() => opportunityState(t), req, status, message);
}

describe('GET crm/opportunity/stage/{id}', () => {
  it('answers one stage to any CRM user', async () => {
    const [first] = await listStages();
    const res = await call(t, 'GET', `${STAGE}/${first!.id}`, { token: user.token });
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toEqual(first);
    expect(Object.keys(res.response).sort()).toEqual(STAGE_KEYS);
  });

  it('answers 404 for an unknown stage or a path that is not digits, and 403 to a guest', async () => {
    const missing = await call(t, 'GET', `${STAGE}/999999`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('Opportunity stage 999999 is not found');
    expect((await call(t, 'GET', `${STAGE}/abc`)).status).toBe(404);
    const guest = await t.createUser({ isVisitor: true });
    expect((await call(t, 'GET', STAGE, { token: guest.token })).status).toBe(403);
  });
});

describe('POST crm/opportunity/stage', () => {
  it('creates a stage after the others, answering 201 with the stage shape, and audits it', async () => {
    const before = await listStages();
    const res = await call(t, 'POST', STAGE, { json: { title: ' Pilot ', description: 'Trial run', color: '#ff9800', successProbability: 60, stageType: 'Open' } });
    expect(res.status, res.raw).toBe(201);
    expect(res.response).toMatchObject({ title: 'Pilot', description: 'Trial run', color: '#ff9800', successProbability: 60, stageType: 0, sortOrder: Math.max(...before.map((s) => s.sortOrder)) + 1 });
    expect(Object.keys(res.response).sort()).toEqual(STAGE_KEYS);
    expect((await listStages()).at(-1)).toEqual(res.response);
    const [record] = await auditOf(t, 'opportunity-stage', res.response.id);
    expect(record).toMatchObject({ action: 'opportunity-stage.created', userId: adminId, changes: { title: { after: 'Pilot' }, successProbability: { after: 60 } } });
  });

  it('takes the stage type by number or name in any case, clamps the probability, binds a form body', async () => {
    expect((await createStage({ title: 'Signed', stageType: 'closedandwon', successProbability: 150 }))).toMatchObject({ stageType: 1, successProbability: 100 });
    expect((await createStage({ title: 'Dropped', stageType: 2, successProbability: -3 }))).toMatchObject({ stageType: 2, successProbability: 0 });
    const form = await call(t, 'POST', STAGE, { form: [['Title', 'From a form'], ['stagetype', '1'], ['successProbability', '75']] });
    expect(form.status, form.raw).toBe(201);
    expect(form.response).toMatchObject({ title: 'From a form', stageType: 1, successProbability: 75, description: '', color: '' });
  });

  it('refuses, writing nothing: no title, too long texts, an unknown stage type, a non-admin', async () => {
    await expectRefused(() => call(t, 'POST', STAGE, { json: { description: 'x' } }), 400, 'title: the stage title is required');
    await expectRefused(() => call(t, 'POST', STAGE, { json: { title: '  ' } }), 400, 'title: the stage title is required');
    await expectRefused(() => call(t, 'POST', STAGE, { json: { title: 'x'.repeat(256) } }), 400, 'title: at most 255 characters');
    await expectRefused(() => call(t, 'POST', STAGE, { json: { title: 'x', color: 'c'.repeat(256) } }), 400, 'color: at most 255 characters');
    await expectRefused(() => call(t, 'POST', STAGE, { json: { title: 'x', stageType: 3 } }), 400, /^stageType: 3 is not a stage type; use one of 0 \(Open\), 1 \(ClosedAndWon\), 2 \(ClosedAndLost\)/);
    await expectRefused(() => call(t, 'POST', STAGE, { json: { title: 'x', stageType: 'Closed' } }), 400, 'stageType: "Closed" is not a valid value');
    await expectRefused(() => call(t, 'POST', STAGE, { json: { title: 'x', successProbability: 'high' } }), 400, /^successProbability: "high" is not a valid integer/);
    await expectRefused(() => call(t, 'POST', STAGE, { token: user.token, json: { title: 'Mine' } }), 403, 'Access Denied: only a CRM admin can change opportunity stages');
  });
});

describe('PUT crm/opportunity/stage/{id}', () => {
  it('replaces the stage and keeps its order; audits the changed fields', async () => {
    const s = await createStage({ title: 'Draft stage', color: '#000000', successProbability: 10 });
    const res = await call(t, 'PUT', `${STAGE}/${s.id}`, { json: { title: 'Final stage', description: 'Now described', color: '#ffffff', successProbability: 30, stageType: 'ClosedAndLost' } });
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toEqual({ ...s, title: 'Final stage', description: 'Now described', color: '#ffffff', successProbability: 30, stageType: 2 });
    expect((await call(t, 'GET', `${STAGE}/${s.id}`)).response).toEqual(res.response);
    const [record] = await auditOf(t, 'opportunity-stage', s.id);
    expect(record).toMatchObject({ action: 'opportunity-stage.updated' });
    expect(record.changes).toEqual({
      title: { before: 'Draft stage', after: 'Final stage' }, description: { before: '', after: 'Now described' }, color: { before: '#000000', after: '#ffffff' },
      successProbability: { before: 10, after: 30 }, stageType: { before: 0, after: 2 },
    });
    const state = await opportunityState(t);
    expect((await call(t, 'PUT', `${STAGE}/${s.id}`, { json: { title: 'Final stage', description: 'Now described', color: '#ffffff', successProbability: 30, stageType: 2 } })).status).toBe(200);
    expect(await opportunityState(t)).toEqual(state);
  });

  it('does not change the probability of opportunities at the stage', async () => {
    const s = await createStage({ title: 'Probable', successProbability: 40 });
    const o = await createOpportunity(t, { title: 'At stage', responsibleid: adminId, stageid: s.id, bidCurrencyAbbr: 'EUR', successProbability: 15 });
    await call(t, 'PUT', `${STAGE}/${s.id}`, { json: { title: 'Probable', successProbability: 90 } });
    expect((await call(t, 'GET', `/api/2.0/crm/opportunity/${o.id}`)).response).toMatchObject({ successProbability: 15, stage: { successProbability: 90 } });
  });

  it('refuses a non-admin (403, before looking), an unknown stage (404) and bad input (400), writing nothing', async () => {
    const s = await createStage({ title: 'Guarded' });
    await expectRefused(() => call(t, 'PUT', `${STAGE}/${s.id}`, { token: user.token, json: { title: 'Mine' } }), 403, 'Access Denied: only a CRM admin can change opportunity stages');
    await expectRefused(() => call(t, 'PUT', `${STAGE}/999999`, { token: user.token, json: { title: 'Mine' } }), 403, /^Access Denied/);
    await expectRefused(() => call(t, 'PUT', `${STAGE}/999999`, { json: { title: 'x' } }), 404, 'Opportunity stage 999999 is not found');
    await expectRefused(() => call(t, 'PUT', `${STAGE}/${s.id}`, { json: { title: '' } }), 400, 'title: the stage title is required');
    await expectRefused(() => call(t, 'PUT', `${STAGE}/${s.id}`, { json: { title: 'x', stageType: -1 } }), 400, /^stageType: -1 is not a stage type/);
  });
});

describe('DELETE crm/opportunity/stage/{id}', () => {
  it('deletes an unused stage, answers it as it was, and audits it', async () => {
    const s = await createStage({ title: 'Short-lived', successProbability: 5 });
    const res = await call(t, 'DELETE', `${STAGE}/${s.id}`);
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toEqual(s);
    expect((await call(t, 'GET', `${STAGE}/${s.id}`)).status).toBe(404);
    const [record] = await auditOf(t, 'opportunity-stage', s.id);
    expect(record).toMatchObject({ action: 'opportunity-stage.deleted', changes: { title: { before: 'Short-lived' } } });
  });

  it('refuses a stage in use (400, even by an opportunity the admin did not create), a non-admin (403), an unknown stage (404)', async () => {
    const s = await createStage({ title: 'In use' });
    await createOpportunity(t, { title: 'Private deal', responsibleid: user.id, stageid: s.id, bidCurrencyAbbr: 'EUR', isPrivate: true }, user.token);
    await expectRefused(() => call(t, 'DELETE', `${STAGE}/${s.id}`), 400, `The stage ${s.id} is used by 1 opportunity; move it to another stage first`);
    await createOpportunity(t, { title: 'Second', responsibleid: adminId, stageid: s.id, bidCurrencyAbbr: 'EUR' });
    await expectRefused(() => call(t, 'DELETE', `${STAGE}/${s.id}`), 400, `The stage ${s.id} is used by 2 opportunities; move them to another stage first`);
    await expectRefused(() => call(t, 'DELETE', `${STAGE}/${s.id}`, { token: user.token }), 403, 'Access Denied: only a CRM admin can change opportunity stages');
    await expectRefused(() => call(t, 'DELETE', `${STAGE}/999999`), 404, 'Opportunity stage 999999 is not found');
  });

  it('is usable again once its opportunities have moved', async () => {
    const s = await createStage({ title: 'Moved away' });
    const [first] = await listStages();
    const o = await createOpportunity(t, { title: 'Mover', responsibleid: adminId, stageid: s.id, bidCurrencyAbbr: 'EUR' });
    await call(t, 'PUT', `/api/2.0/crm/opportunity/${o.id}/stage/${first!.id}`);
    expect((await call(t, 'DELETE', `${STAGE}/${s.id}`)).status).toBe(200);
  });
});

describe('PUT crm/opportunity/stage/reorder', () => {
  it('puts the given ids first in that order, the others after in their order; answers every stage in order', async () => {
    const before = await listStages();
    const [a, b, c] = [before[0]!, before[1]!, before[2]!];
    const res = await call(t, 'PUT', `${STAGE}/reorder`, { json: { ids: [c.id, a.id] } });
    expect(res.status, res.raw).toBe(200);
    const ids = res.response.map((s: Stage) => s.id);
    expect(ids).toEqual([c.id, a.id, ...before.map((s) => s.id).filter((id) => id !== c.id && id !== a.id)]);
    expect(res.response.map((s: Stage) => s.sortOrder)).toEqual(ids.map((_: number, i: number) => i));
    expect((await listStages()).map((s) => s.id)).toEqual(ids);
    expect(res.body.count).toBe(before.length);
    const [record] = await auditOf(t, 'opportunity-stage', c.id);
    expect(record).toMatchObject({ action: 'opportunity-stage.reordered', changes: { sortOrder: { before: c.sortOrder, after: 0 } } });
    // Ids in any list form; a repeated id counts once.
    const again = await call(t, 'PUT', `${STAGE}/reorder?ids=${a.id},${b.id},${a.id}`);
    expect(again.response.slice(0, 3).map((s: Stage) => s.id)).toEqual([a.id, b.id, c.id]);
    const form = await call(t, 'PUT', `${STAGE}/reorder`, { form: [['ids[]', String(b.id)], ['ids[]', String(a.id)]] });
    expect(form.response.slice(0, 2).map((s: Stage) => s.id)).toEqual([b.id, a.id]);
  });

  it('accepts an empty body and changes nothing', async () => {
    const state = await opportunityState(t);
    const stages = await listStages();
    for (const opts of [{}, { json: {} }, { form: '' }, { json: { ids: [] } }]) {
      const res = await call(t, 'PUT', `${STAGE}/reorder`, opts);
      expect(res.status, res.raw).toBe(200);
      expect(res.response).toEqual(stages);
    }
    expect(await opportunityState(t)).toEqual(state);
  });

  it('refuses an unknown id (400), a non-admin (403) and a malformed id (400), writing nothing', async () => {
    const [first] = await listStages();
    await expectRefused(() => call(t, 'PUT', `${STAGE}/reorder`, { json: { ids: [first!.id, 999_999] } }), 400, 'ids: Opportunity stage 999999 is not found');
    await expectRefused(() => call(t, 'PUT', `${STAGE}/reorder`, { token: user.token, json: { ids: [first!.id] } }), 403, /^Access Denied/);
    await expectRefused(() => call(t, 'PUT', `${STAGE}/reorder`, { json: { ids: ['first'] } }), 400, /^ids\[0\]: "first" is not a valid integer/);
  });

  it('does not accept a stage of another tenant', async () => {
    const { createTenant } = await import('../../src/use-cases/tenants/tenants.js');
    const { tenant } = await createTenant(t.deps, { name: 'Other portal', adminEmail: `stages-admin.${process.pid}@example.test`, adminPassword: 'other-password-1' });
    const foreign = await t.deps.store.db.selectFrom('opportunity_stages').select('id').where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
    await expectRefused(() => call(t, 'PUT', `${STAGE}/reorder`, { json: { ids: [Number(foreign.id)] } }), 400, `ids: Opportunity stage ${foreign.id} is not found`);
    await expectRefused(() => call(t, 'DELETE', `${STAGE}/${foreign.id}`), 404, `Opportunity stage ${foreign.id} is not found`);
    expect((await call(t, 'GET', `${STAGE}/${foreign.id}`)).status).toBe(404);
  });
});
