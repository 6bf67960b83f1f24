// GET people, PUT people/{userid} and PUT people/status/{status} (DECISIONS "Tenants, users,
// tokens"; the ONLYOFFICE People API): who sees and changes whom, disabled users, tenant isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/use-cases/tenants/tenants.js';
import { call } from '../support/api.js';
import { ADMIN_EMAIL, createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let adminId: string;
let other: { token: string; userId: string; adminId: string };
const PASSWORD = 'user-password-1';

beforeAll(async () => {
  t = await createTestApp();
  adminId = (await call(t, 'GET', '/api/2.0/people/@self')).response.id;
  const second = await createTenant(t.deps, { name: 'Second', adminEmail: 'admin2@people.test', adminPassword: 'second-password-1' });
  const token = await t.login('admin2@people.test', 'second-password-1');
  const u = await t.createUser({ token, email: 'stranger@people.test' });
  other = { token, userId: u.id, adminId: second.admin.id };
});
afterAll(async () => t?.close());

const users = () => t.deps.store.db.selectFrom('users').selectAll().orderBy('id').execute();
async function expectRefused(status: number, message: RegExp | string, request: () => ReturnType<typeof call>) {
  const before = await users();
  const res = await request();
  expect(res.status, res.raw).toBe(status);
  expect(res.body).toMatchObject({ status: 1, statusCode: status });
  if (typeof message === 'string') expect(res.body.error.message).toBe(message);
  else expect(res.body.error.message).toMatch(message);
  expect(await users()).toEqual(before);
}
const userAudit = async (id: string) =>
  ((await call(t, 'GET', '/api/2.0/crm/audit?targetType=user&count=1000')).response as { action: string; targetIds: string[]; changes: Record<string, unknown> }[])
    .filter((r) => r.targetIds.includes(id));
const basic = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;

describe('GET people', () => {
  it('answers an admin every user of the tenant, disabled ones too, with the people/@self members', async () => {
    const a = await t.createUser({ firstname: 'Aaron', lastname: 'Zed', email: 'aaron@people.test' });
    const b = await t.createUser({ firstname: 'Bea', lastname: 'Young', email: 'bea@people.test' });
    await call(t, 'PUT', '/api/2.0/people/status/Terminated', { json: { userIds: [b.id] } });
    const res = await call(t, 'GET', '/api/2.0/people');
    expect(res.status, res.raw).toBe(200);
    const emails = res.response.map((u: { email: string }) => u.email);
    expect(emails).toEqual(['aaron@people.test', ADMIN_EMAIL, 'bea@people.test']);
    expect(res.body).toMatchObject({ count: 3, total: 3 });
    expect(res.response[0]).toEqual((await call(t, 'GET', `/api/2.0/people/${a.id}`)).response);
    expect(res.response[2]).toMatchObject({ id: b.id, isActive: false, status: 2 });
  });

  it('answers anyone else the active users only; other tenants never appear', async () => {
    const me = await t.createUser({ firstname: 'Carl', lastname: 'Xu', email: 'carl@people.test' });
    const res = await call(t, 'GET', '/api/2.0/people', { token: me.token });
    expect(res.status, res.raw).toBe(200);
    const emails = res.response.map((u: { email: string }) => u.email);
    expect(emails).toEqual(['aaron@people.test', ADMIN_EMAIL, 'carl@people.test']);
    expect(res.body.total).toBe(3);
    expect(emails).not.toContain('stranger@people.test');
    const theirs = await call(t, 'GET', '/api/2.0/people', { token: other.token });
    expect(theirs.response.map((u: { email: string }) => u.email)).toEqual(['admin2@people.test', 'stranger@people.test']);
    const guest = await t.createUser({ isVisitor: true, email: 'guest@people.test', firstname: 'Gus' });
    expect((await call(t, 'GET', '/api/2.0/people', { token: guest.token })).status).toBe(200);
  });

  it('pages and searches first name, last name and e-mail', async () => {
    const page = await call(t, 'GET', '/api/2.0/people?count=2&startIndex=1');
    expect(page.body).toMatchObject({ count: 2, startIndex: 1, nextIndex: 4, total: 5 });
    const search = async (q: string) => (await call(t, 'GET', `/api/2.0/people?filterValue=${encodeURIComponent(q)}`)).response.map((u: { email: string }) => u.email);
    expect(await search('ZE')).toEqual(['aaron@people.test']);
    expect(await search('bea')).toEqual(['bea@people.test']);
    expect(await search('carl@')).toEqual(['carl@people.test']);
    expect(await search('aaron zed')).toEqual(['aaron@people.test']);
    expect(await search('%')).toEqual([]);
  });
});

describe('PUT people/{userid}', () => {
  it('lets an admin change another user\'s names, title, e-mail and rights; audited', async () => {
    const u = await t.createUser({ firstname: 'Old', lastname: 'Name', email: 'old.name@people.test' });
    const res = await call(t, 'PUT', `/api/2.0/people/${u.id.toUpperCase()}`, {
      json: { firstname: ' New ', lastname: 'Person', title: 'Lead', email: 'New.Person@People.test', isAdmin: true },
    });
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toMatchObject({
      id: u.id, firstName: 'New', lastName: 'Person', title: 'Lead', displayName: 'New Person', email: 'new.person@people.test',
      userName: 'new.person@people.test', isAdmin: true, isVisitor: false, isActive: true, status: 1,
    });
    // The new rights apply at once, with the token the user already has.
    expect((await call(t, 'GET', '/api/2.0/crm/audit?count=1', { token: u.token })).status).toBe(200);
    await expect(t.login('old.name@people.test', PASSWORD)).rejects.toThrow(/401/);
    await t.login('new.person@people.test', PASSWORD);
    const [updated] = await userAudit(u.id);
    expect(updated).toMatchObject({
      action: 'user.updated',
      changes: {
        firstName: { before: 'Old', after: 'New' }, lastName: { before: 'Name', after: 'Person' }, title: { before: '', after: 'Lead' },
        email: { before: 'old.name@people.test', after: 'new.person@people.test' }, isAdmin: { before: false, after: true },
      },
    });
    expect(Object.keys(updated!.changes).sort()).toEqual(['email', 'firstName', 'isAdmin', 'lastName', 'title']);
    expect((await userAudit(u.id)).map((r) => r.action)).toEqual(['user.updated', 'user.created']);
  });

  it('lets a user change their own names and title (by id, @self or user name); absent members are kept', async () => {
    const u = await t.createUser({ firstname: 'Self', lastname: 'Made', email: 'self.made@people.test' });
    const res = await call(t, 'PUT', `/api/2.0/people/${u.id}`, { token: u.token, form: 'title=Engineer&lastname=Made+Again' });
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toMatchObject({ firstName: 'Self', lastName: 'Made Again', title: 'Engineer', email: 'self.made@people.test', isAdmin: false });
    const self = await call(t, 'PUT', '/api/2.0/people/@self', { token: u.token, json: { firstname: 'Me', email: 'self.made@people.test', isAdmin: false } });
    expect(self.status, self.raw).toBe(200);
    expect(self.response.firstName).toBe('Me');
    const byName = await call(t, 'PUT', '/api/2.0/people/SELF.MADE@people.test', { token: u.token, json: { title: 'Chief' } });
    expect(byName.status, byName.raw).toBe(200);
    expect(byName.response.title).toBe('Chief');
  });

  it('refuses a non-admin anything beyond their own names (403), and writes nothing', async () => {
    const u = await t.createUser({ email: 'plain@people.test' });
    const v = await t.createUser({ email: 'victim@people.test' });
    await expectRefused(403, 'Access Denied: only an administrator can change another user', () => call(t, 'PUT', `/api/2.0/people/${v.id}`, { token: u.token, json: { firstname: 'x' } }));
    await expectRefused(403, 'Access Denied: only an administrator can change an e-mail address', () => call(t, 'PUT', `/api/2.0/people/${u.id}`, { token: u.token, json: { email: 'mine@people.test' } }));
    await expectRefused(403, /isAdmin or isVisitor/, () => call(t, 'PUT', `/api/2.0/people/${u.id}`, { token: u.token, json: { isAdmin: true } }));
    await expectRefused(403, /isAdmin or isVisitor/, () => call(t, 'PUT', `/api/2.0/people/${u.id}`, { token: u.token, json: { isVisitor: true } }));
    await expectRefused(403, /enable or disable/, () => call(t, 'PUT', `/api/2.0/people/${u.id}`, { token: u.token, json: { disable: true } }));
    const guest = await t.createUser({ isVisitor: true });
    const own = await call(t, 'PUT', '/api/2.0/people/@self', { token: guest.token, json: { firstname: 'Guest' } });
    expect(own.status, own.raw).toBe(200);
  });

  it('refuses an admin taking away their own rights or disabling themself (403)', async () => {
    await expectRefused(403, /own administrator rights/, () => call(t, 'PUT', `/api/2.0/people/${adminId}`, { json: { isAdmin: false } }));
    await expectRefused(403, /own administrator rights/, () => call(t, 'PUT', '/api/2.0/people/@self', { json: { isVisitor: true } }));
    await expectRefused(403, 'Access Denied: an administrator cannot disable themself', () => call(t, 'PUT', '/api/2.0/people/@self', { json: { disable: true } }));
    const ok = await call(t, 'PUT', '/api/2.0/people/@self', { json: { title: 'Owner', isAdmin: true, disable: false } });
    expect(ok.status, ok.raw).toBe(200);
  });

  it('refuses bad values with 400: e-mail format and uniqueness across the server, long names, a guest admin', async () => {
    const u = await t.createUser({ email: 'values@people.test' });
    const url = `/api/2.0/people/${u.id}`;
    await expectRefused(400, /^email: /, () => call(t, 'PUT', url, { json: { email: 'not-an-email' } }));
    await expectRefused(400, /^email: /, () => call(t, 'PUT', url, { json: { email: '' } }));
    await expectRefused(400, 'A user with e-mail admin2@people.test already exists', () => call(t, 'PUT', url, { json: { email: 'ADMIN2@people.test' } }));
    await expectRefused(400, `A user with e-mail ${ADMIN_EMAIL} already exists`, () => call(t, 'PUT', url, { json: { email: ADMIN_EMAIL } }));
    await expectRefused(400, /^firstname: at most 255 characters/, () => call(t, 'PUT', url, { json: { firstname: 'x'.repeat(256) } }));
    await expectRefused(400, /^title: at most 255 characters/, () => call(t, 'PUT', url, { json: { title: 'x'.repeat(256) } }));
    await expectRefused(400, /guest/i, () => call(t, 'PUT', url, { json: { isAdmin: true, isVisitor: true } }));
    await expectRefused(400, /^isAdmin: /, () => call(t, 'PUT', url, { json: { isAdmin: 'maybe' } }));
  });

  it('answers 404 for unknown users and users of other tenants, both ways', async () => {
    await expectRefused(404, 'User not found', () => call(t, 'PUT', '/api/2.0/people/0f0f0f0f-0000-4000-8000-00000000000a', { json: { firstname: 'x' } }));
    await expectRefused(404, 'User not found', () => call(t, 'PUT', '/api/2.0/people/nobody', { json: { firstname: 'x' } }));
    await expectRefused(404, 'User not found', () => call(t, 'PUT', `/api/2.0/people/${other.userId}`, { json: { firstname: 'x' } }));
    await expectRefused(404, 'User not found', () => call(t, 'PUT', `/api/2.0/people/${adminId}`, { token: other.token, json: { firstname: 'x' } }));
    await expectRefused(404, 'User not found', () => call(t, 'PUT', '/api/2.0/people/stranger@people.test', { json: { firstname: 'x' } }));
    expect((await call(t, 'GET', '/api/2.0/people/stranger@people.test')).status).toBe(404);
    expect((await call(t, 'GET', '/api/2.0/people/stranger@people.test', { token: other.token })).status).toBe(200);
  });

  it('disables a user with disable=true: their token answers 401 at once', async () => {
    const u = await t.createUser({ email: 'put.disabled@people.test' });
    const res = await call(t, 'PUT', `/api/2.0/people/${u.id}`, { form: 'disable=true' });
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toMatchObject({ isActive: false, status: 2 });
    expect((await call(t, 'GET', '/api/2.0/people/@self', { token: u.token })).status).toBe(401);
  });
});

describe('PUT people/status/{status}', () => {
  it('disables users: no login, no Basic credentials, and existing tokens answer 401 at once; audited', async () => {
    const u = await t.createUser({ email: 'to.disable@people.test' });
    expect((await call(t, 'GET', '/api/2.0/crm/contact/filter', { token: u.token })).status).toBe(200);
    const res = await call(t, 'PUT', '/api/2.0/people/status/Terminated', { json: { userIds: [u.id] } });
    expect(res.status, res.raw).toBe(200);
    expect(res.body.count).toBe(1);
    expect(res.response[0]).toMatchObject({ id: u.id, isActive: false, status: 2 });
    const stale = await call(t, 'GET', '/api/2.0/people/@self', { token: u.token });
    expect(stale.status).toBe(401);
    expect(stale.body).toMatchObject({ status: 1, statusCode: 401, error: { message: 'Unauthorized' } });
    expect((await call(t, 'GET', '/api/2.0/crm/contact/filter', { token: `Bearer ${u.token}` })).status).toBe(401);
    await expect(t.login('to.disable@people.test', PASSWORD)).rejects.toThrow(/401/);
    expect((await call(t, 'GET', '/api/2.0/people/@self', { token: basic('to.disable@people.test', PASSWORD) })).status).toBe(401);
    const [changed] = await userAudit(u.id);
    expect(changed).toMatchObject({ action: 'user.status-changed', changes: { isActive: { before: true, after: false } } });

    // Enabled again: logs in anew; the old token stays revoked.
    const back = await call(t, 'PUT', '/api/2.0/people/status/1', { form: `userIds[]=${u.id}` });
    expect(back.status, back.raw).toBe(200);
    expect(back.response[0]).toMatchObject({ isActive: true, status: 1 });
    const fresh = await t.login('to.disable@people.test', PASSWORD);
    expect((await call(t, 'GET', '/api/2.0/people/@self', { token: fresh })).status).toBe(200);
    expect((await call(t, 'GET', '/api/2.0/people/@self', { token: u.token })).status).toBe(401);
    expect((await call(t, 'GET', '/api/2.0/people/@self', { token: basic('to.disable@people.test', PASSWORD) })).status).toBe(200);
  });

  it('skips unknown ids and other tenants\' users; records only real changes', async () => {
    const a = await t.createUser();
    const b = await t.createUser();
    await call(t, 'PUT', '/api/2.0/people/status/terminated', { json: { userIds: [b.id] } });
    const before = (await userAudit(b.id)).length;
    const res = await call(t, 'PUT', '/api/2.0/people/status/2', {
      json: { userIds: [a.id, '0f0f0f0f-0000-4000-8000-00000000000b', other.userId, b.id] },
    });
    expect(res.status, res.raw).toBe(200);
    expect(res.response.map((u: { id: string }) => u.id)).toEqual([a.id, b.id]);
    expect((await userAudit(b.id)).length).toBe(before);
    expect((await call(t, 'GET', '/api/2.0/people/@self', { token: other.token })).status).toBe(200);
    const theirs = await call(t, 'GET', `/api/2.0/people/${other.userId}`, { token: other.token });
    expect(theirs.response.isActive).toBe(true);
  });

  it('is for admins only, never for the caller\'s own status, and only Active or Terminated', async () => {
    const u = await t.createUser();
    const v = await t.createUser();
    await expectRefused(403, /only an administrator can enable or disable users/, () => call(t, 'PUT', '/api/2.0/people/status/2', { token: u.token, json: { userIds: [v.id] } }));
    await expectRefused(403, 'Access Denied: you cannot change your own status', () => call(t, 'PUT', '/api/2.0/people/status/2', { json: { userIds: [v.id, adminId] } }));
    await expectRefused(400, /^status: "4" is not a user status/, () => call(t, 'PUT', '/api/2.0/people/status/4', { json: { userIds: [v.id] } }));
    await expectRefused(400, /^status: "Bogus" is not a user status/, () => call(t, 'PUT', '/api/2.0/people/status/Bogus', { json: { userIds: [v.id] } }));
    await expectRefused(400, /^userIds\[0\]: "nope" is not a valid GUID/, () => call(t, 'PUT', '/api/2.0/people/status/2', { json: { userIds: ['nope'] } }));
    const none = await call(t, 'PUT', '/api/2.0/people/status/2', { json: { userIds: [] } });
    expect(none.status).toBe(200);
    expect(none.response).toEqual([]);
  });

  it('documents the routes in OpenAPI under the people tag', async () => {
    const doc = (await t.app.inject({ url: '/api/2.0/openapi.json' })).json();
    for (const [path, method] of [['/api/2.0/people', 'get'], ['/api/2.0/people/{userid}', 'put'], ['/api/2.0/people/status/{status}', 'put']] as const) {
      const op = doc.paths[path]?.[method];
      expect(op?.tags, `${method} ${path}`).toEqual(['people']);
      expect(op.description).toBeTypeOf('string');
    }
  });
});
