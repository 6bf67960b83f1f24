// Opportunities as invoices use them: stages, create (spec §6.4), read one with the access rule
// of §3.5, and embedded contacts that obey the reader's rights (DECISIONS).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/use-cases/tenants/tenants.js';
import { call, type ApiResult } from '../support/api.js';
import { countRows, insertContact } from '../support/crm-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const UNSET = '0001-01-01T00:00:00.0000000+00:00';
const UNKNOWN_GUID = '0f0e0d0c-0b0a-4908-8706-050403020100';

let t: TestApp;
let adminId: string;
let stages: { id: number; title: string; sortOrder: number; successProbability: number; stageType: number }[];
let user: { id: string; token: string };
let other: { id: string; token: string };

beforeAll(async () => {
  t = await createTestApp();
  adminId = (await call(t, 'GET', '/api/2.0/people/@self')).response.id;
  stages = (await call(t, 'GET', '/api/2.0/crm/opportunity/stage')).response;
  user = await t.createUser();
  other = await t.createUser();
});
afterAll(async () => t?.close());

const stageId = () => stages[0]!.id;
const valid = (extra: Record<string, unknown> = {}) => ({
  title: 'Website relaunch', responsibleid: adminId, stageid: stageId(), bidCurrencyAbbr: 'EUR', ...extra,
});
const create = (json: Record<string, unknown>, token?: string): Promise<ApiResult> =>
  call(t, 'POST', '/api/2.0/crm/opportunity', { json, ...(token ? { token } : {}) });

async function counts() {
  return [await countRows(t, 'opportunities'), await countRows(t, 'opportunity_members'), await countRows(t, 'opportunity_access')];
}

/** Expects a 4xx with a message matching `message`, and no opportunity row written. */
async function expectRefused(json: Record<string, unknown>, status: number, message: RegExp | string, token?: string) {
  const before = await counts();
  const res = await create(json, token);
  expect(res.status, res.raw).toBe(status);
  expect(res.body).toMatchObject({ status: 1, statusCode: status });
  if (typeof message === 'string') expect(res.body.error.message).toBe(message);
  else expect(res.body.error.message).toMatch(message);
  expect(await counts()).toEqual(before);
}

describe('GET crm/opportunity/stage', () => {
  it('lists the seeded stages by sortOrder with the stage shape', async () => {
    const res = await call(t, 'GET', '/api/2.0/crm/opportunity/stage', { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(9);
    const list = res.response as typeof stages;
    expect(list.map((s) => s.sortOrder)).toEqual([...list.map((s) => s.sortOrder)].sort((a, b) => a - b));
    expect(Object.keys(list[0]!).sort()).toEqual(['color', 'description', 'id', 'sortOrder', 'stageType', 'successProbability', 'title']);
    expect(list[0]).toMatchObject({ title: 'Initial contact', stageType: 0 });
    expect(list.find((s) => s.title === 'Won')).toMatchObject({ stageType: 1, successProbability: 100 });
    expect(list.find((s) => s.title === 'Lost')).toMatchObject({ stageType: 2 });
  });

  it('is refused to a guest (spec §1.2)', async () => {
    const guest = await t.createUser({ isVisitor: true });
    expect((await call(t, 'GET', '/api/2.0/crm/opportunity/stage', { token: guest.token })).status).toBe(403);
  });
});

describe('POST crm/opportunity', () => {
  it('creates a minimal opportunity and answers 201 with the Opportunity shape', async () => {
    const res = await create(valid());
    expect(res.status, res.raw).toBe(201);
    const o = res.response;
    expect(o).toMatchObject({
      title: 'Website relaunch', description: '', contact: null, members: [], isPrivate: false, accessList: [],
      canEdit: true, customFields: [], actualCloseDate: UNSET, expectedCloseDate: UNSET,
      createBy: { id: adminId }, responsible: { id: adminId },
      bidCurrency: { abbreviation: 'EUR', symbol: '€', cultureName: 'EU', isBasic: true },
      stage: { id: stageId(), title: 'Initial contact' },
    });
    expect(o.created).toBe('2026-01-15T09:30:00.0000000+00:00');
    // omit-if-0 members of spec §2.3.14
    for (const k of ['bidType', 'bidValue', 'perPeriodValue', 'successProbability']) expect(o).not.toHaveProperty(k);
    expect((await call(t, 'GET', `/api/2.0/crm/opportunity/${o.id}`)).response).toEqual(o);
  });

  it('stores every field: bid type by name, amount with 2 decimals, currency upper-cased, dates', async () => {
    const res = await create(valid({
      description: 'Phase 1', bidType: 'perhour', bidValue: '1234.565', bidCurrencyAbbr: 'usd', perPeriodValue: 40,
      successProbability: 35, expectedCloseDate: '2026-03-01', actualCloseDate: '2026-03-02T10:00:00.000+02:00',
    }));
    expect(res.status, res.raw).toBe(201);
    expect(res.response).toMatchObject({
      description: 'Phase 1', bidType: 1, bidValue: 1234.57, bidCurrency: { abbreviation: 'USD' }, perPeriodValue: 40,
      successProbability: 35, expectedCloseDate: '2026-03-01T00:00:00.0000000+00:00', actualCloseDate: '2026-03-02T08:00:00.0000000+00:00',
    });
    expect(res.raw).toContain('"bidValue":1234.57');
    expect((await create(valid({ bidType: 2 }))).response.bidType).toBe(2);
  });

  it('clamps successProbability to 0..100 (spec §6.4)', async () => {
    expect((await create(valid({ successProbability: 150 }))).response.successProbability).toBe(100);
    expect((await create(valid({ successProbability: -5 })))).toMatchObject({ status: 201 });
    expect((await create(valid({ successProbability: -5 }))).response).not.toHaveProperty('successProbability');
  });

  it('binds a form body and query-string parameters, names in any case', async () => {
    const c1 = await insertContact(t);
    const c2 = await insertContact(t);
    const res = await call(t, 'POST', `/api/2.0/crm/opportunity?StageId=${stageId()}&BIDCURRENCYABBR=gbp`, {
      form: [['title', 'From a form'], ['responsibleId', adminId], ['members[]', String(c1)], ['members[]', String(c2)], ['bidValue', '10']],
    });
    expect(res.status, res.raw).toBe(201);
    expect(res.response).toMatchObject({ title: 'From a form', bidCurrency: { abbreviation: 'GBP' }, bidValue: 10 });
    expect(res.response.members.map((m: { id: number }) => m.id)).toEqual([c1, c2]);
  });

  describe('refuses, writing nothing', () => {
    it('a missing or blank title', async () => {
      await expectRefused(valid({ title: undefined }), 400, 'title: the opportunity title is required');
      await expectRefused(valid({ title: '   ' }), 400, 'title: the opportunity title is required');
    });

    it('a title over 255 characters (spec Q32)', async () => {
      await expectRefused(valid({ title: 'x'.repeat(256) }), 400, 'title: at most 255 characters');
      expect((await create(valid({ title: 'é'.repeat(255) }))).status).toBe(201);
    });

    it('a missing, empty, malformed or unknown responsible', async () => {
      await expectRefused(valid({ responsibleid: undefined }), 400, 'responsibleid: the responsible user is required');
      await expectRefused(valid({ responsibleid: '' }), 400, 'responsibleid: the responsible user is required');
      await expectRefused(valid({ responsibleid: '00000000-0000-0000-0000-000000000000' }), 400, 'responsibleid: the responsible user is required');
      await expectRefused(valid({ responsibleid: 'bob' }), 400, /^responsibleid: "bob" is not a valid GUID/);
      await expectRefused(valid({ responsibleid: UNKNOWN_GUID }), 400, `responsibleid: ${UNKNOWN_GUID} is not a user of this portal`);
    });

    it('a missing or unknown stage', async () => {
      await expectRefused(valid({ stageid: undefined }), 400, /^stageid: the opportunity stage is required/);
      await expectRefused(valid({ stageid: -1 }), 400, /^stageid: the opportunity stage is required/);
      await expectRefused(valid({ stageid: 999_999 }), 400, 'Deal milestone is not found');
    });

    it('a missing or unknown currency', async () => {
      await expectRefused(valid({ bidCurrencyAbbr: undefined }), 400, 'bidCurrencyAbbr: the bid currency is required');
      await expectRefused(valid({ bidCurrencyAbbr: 'XYZ' }), 400, /^bidCurrencyAbbr: "XYZ" is not a known currency/);
    });

    it('an unknown bid type, by name or number', async () => {
      await expectRefused(valid({ bidType: 'Hourly' }), 400, 'bidType: "Hourly" is not a valid value');
      await expectRefused(valid({ bidType: 9 }), 400, /^bidType: 9 is not a bid type; use one of 0 \(FixedBid\)/);
    });

    it('a bid value beyond 99 999 999.99 or not a number (DECISIONS)', async () => {
      await expectRefused(valid({ bidValue: '100000000' }), 400, 'bidValue: must be between -99999999.99 and 99999999.99');
      await expectRefused(valid({ bidValue: '99999999.995' }), 400, 'bidValue: must be between -99999999.99 and 99999999.99');
      await expectRefused(valid({ bidValue: '1,5' }), 400, 'bidValue: "1,5" is not a valid decimal number');
      expect((await create(valid({ bidValue: '99999999.99' }))).response.bidValue).toBe(99999999.99);
    });

    it('malformed integers and dates', async () => {
      await expectRefused(valid({ perPeriodValue: '1.5' }), 400, 'perPeriodValue: "1.5" is not a valid integer');
      await expectRefused(valid({ expectedCloseDate: '01/03/2026' }), 400, /^expectedCloseDate: "01\/03\/2026" is not a valid date/);
    });

    it('a primary contact that does not exist (400) or that the creator may not read (403)', async () => {
      await expectRefused(valid({ contactid: 999_999 }), 400, 'contactid: the contact 999999 is not found');
      const hidden = await insertContact(t, { shareType: 0 });
      await expectRefused(valid({ contactid: hidden, responsibleid: user.id }), 403, `Access Denied: you may not read the contact ${hidden}`, user.token);
    });

    it('an access list naming someone who is not a user of the portal', async () => {
      await expectRefused(valid({ isPrivate: true, accessList: [user.id, UNKNOWN_GUID] }), 400, `accessList: ${UNKNOWN_GUID} is not a user of this portal`);
    });

    it('a stage of another tenant', async () => {
      const { tenant } = await createTenant(t.deps, { name: 'Other portal', adminEmail: `other-admin.${process.pid}@example.test`, adminPassword: 'other-password-1' });
      const foreign = await t.deps.store.db.selectFrom('opportunity_stages').select('id').where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
      await expectRefused(valid({ stageid: Number(foreign.id) }), 400, 'Deal milestone is not found');
    });

    it('everything for a guest (spec §1.2)', async () => {
      const guest = await t.createUser({ isVisitor: true });
      await expectRefused(valid(), 403, 'Forbidden', guest.token);
    });
  });
});

describe('members (spec §6.4, §3.8)', () => {
  it('stores the given members plus the primary contact, each once', async () => {
    const primary = await insertContact(t, { isCompany: true, name: 'Acme Ltd' });
    const m1 = await insertContact(t, { name: 'Ann Smith' });
    const res = await create(valid({ contactid: primary, members: [m1, m1, primary] }));
    expect(res.status, res.raw).toBe(201);
    expect(res.response.contact).toMatchObject({ id: primary, displayName: 'Acme Ltd', isCompany: true, canDelete: false });
    expect(res.response.members.map((m: { id: number }) => m.id).sort()).toEqual([primary, m1].sort());
    const rows = await t.deps.store.db.selectFrom('opportunity_members').select('contact_id').where('opportunity_id', '=', res.response.id).execute();
    expect(rows.map((r) => Number(r.contact_id)).sort()).toEqual([primary, m1].sort());
  });

  it('drops members the creator may not read and members that do not exist', async () => {
    const visible = await insertContact(t, { shareType: 2 });
    const managed = await insertContact(t, { shareType: 0, accessList: [user.id] });
    const hidden = await insertContact(t, { shareType: 0 });
    const res = await create(valid({ responsibleid: user.id, members: [visible, managed, hidden, 999_999] }), user.token);
    expect(res.status, res.raw).toBe(201);
    expect(res.response.members.map((m: { id: number }) => m.id).sort()).toEqual([visible, managed].sort());
    const rows = await t.deps.store.db.selectFrom('opportunity_members').select('contact_id').where('opportunity_id', '=', res.response.id).execute();
    expect(rows.map((r) => Number(r.contact_id)).sort()).toEqual([visible, managed].sort());
  });

  it('embeds a private contact with its access list for a reader on it', async () => {
    const managed = await insertContact(t, { shareType: 0, accessList: [user.id] });
    const res = await create(valid({ responsibleid: user.id, contactid: managed }), user.token);
    expect(res.status, res.raw).toBe(201);
    expect(res.response.contact).toMatchObject({ id: managed, isPrivate: true, shareType: 0, accessList: [{ id: user.id }] });
  });
});

describe('visibility (spec §3.5)', () => {
  it('a private opportunity is 404 for a user not on its access list, and visible to those on it', async () => {
    const res = await create(valid({ isPrivate: true, accessList: [user.id] }));
    expect(res.status, res.raw).toBe(201);
    expect(res.response.isPrivate).toBe(true);
    expect(res.response.accessList.map((e: { id: string }) => e.id).sort()).toEqual([adminId, user.id].sort());
    const id = res.response.id;
    const hidden = await call(t, 'GET', `/api/2.0/crm/opportunity/${id}`, { token: other.token });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message).toBe(`Opportunity ${id} is not found`);
    expect((await call(t, 'GET', `/api/2.0/crm/opportunity/${id}`, { token: user.token })).status).toBe(200);
    expect((await call(t, 'GET', `/api/2.0/crm/opportunity/${id}`)).status).toBe(200);
  });

  it('a private opportunity stays visible to the user who created it', async () => {
    const res = await create(valid({ responsibleid: user.id, isPrivate: true }), user.token);
    expect(res.status, res.raw).toBe(201);
    expect(res.response.accessList.map((e: { id: string }) => e.id)).toEqual([user.id]);
    expect((await call(t, 'GET', `/api/2.0/crm/opportunity/${res.response.id}`, { token: user.token })).status).toBe(200);
    expect((await call(t, 'GET', `/api/2.0/crm/opportunity/${res.response.id}`, { token: other.token })).status).toBe(404);
  });

  it('a public opportunity is visible to every CRM user; its access list is ignored', async () => {
    const res = await create(valid({ accessList: [user.id] }));
    expect(res.response).toMatchObject({ isPrivate: false, accessList: [] });
    expect((await call(t, 'GET', `/api/2.0/crm/opportunity/${res.response.id}`, { token: other.token })).status).toBe(200);
  });

  it('never embeds a contact the reader may not read', async () => {
    const secret = await insertContact(t, { shareType: 0, name: 'Secret Person' });
    const open = await insertContact(t, { shareType: 1, name: 'Open Person' });
    const res = await create(valid({ contactid: secret, members: [open] }));
    expect(res.response.contact).toMatchObject({ id: secret });
    const seen = await call(t, 'GET', `/api/2.0/crm/opportunity/${res.response.id}`, { token: other.token });
    expect(seen.status).toBe(200);
    expect(seen.response.contact).toBeNull();
    expect(seen.response.members.map((m: { id: number }) => m.id)).toEqual([open]);
    expect(seen.raw).not.toContain('Secret Person');
  });

  it('answers 404 for a missing opportunity and for a path that is not digits (spec §1.1), 400 for an id out of range', async () => {
    const missing = await call(t, 'GET', '/api/2.0/crm/opportunity/999999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('Opportunity 999999 is not found');
    for (const id of ['abc', '-1', '1.5']) {
      const bad = await call(t, 'GET', `/api/2.0/crm/opportunity/${id}`);
      expect(bad.status, id).toBe(404);
      expect(bad.body).toMatchObject({ status: 1, statusCode: 404 });
    }
    const huge = await call(t, 'GET', '/api/2.0/crm/opportunity/99999999999');
    expect(huge.status).toBe(400);
    expect(huge.body.error.message).toMatch(/^id: /);
  });

  it('does not show another tenant\'s opportunity', async () => {
    const res = await create(valid());
    const { admin } = await createTenant(t.deps, { name: 'Third portal', adminEmail: `third-admin.${process.pid}@example.test`, adminPassword: 'third-password-1' });
    const token = await t.login(admin.email, 'third-password-1');
    expect((await call(t, 'GET', `/api/2.0/crm/opportunity/${res.response.id}`, { token })).status).toBe(404);
  });
});
