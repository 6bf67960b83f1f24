// people/@self, people/{id}, POST people, the CRM gate for guests, and tenant isolation
// (DECISIONS "Tenants, users, tokens"; spec §1.2, §2.3.1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/app-type.js';
import { sendOk } from '../../src/http/envelope.js';
import { createTenant } from '../../src/use-cases/tenants/tenants.js';
import { ADMIN_EMAIL, createTestApp, type TestApp } from '../support/test-app.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function crmRoutes(app: App) {
  app.get('/api/2.0/crm/test/ping', async (req, reply) => sendOk(reply, { userId: req.actor.userId }));
  app.post('/api/2.0/crm/test/ping', async (_req, reply) => sendOk(reply, 'pong'));
}

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ extraRoutes: crmRoutes }); });
afterAll(async () => t?.close());

const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: { authorization: token } });
const createPerson = (payload: string | object, token = t.adminToken, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/2.0/people', headers: { authorization: token, ...headers }, payload });

function expectError(res: Awaited<ReturnType<typeof get>>, status: number, message?: string | RegExp) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const body = res.json();
  expect(body).toMatchObject({ status: 1, statusCode: status, error: { message: expect.any(String) } });
  if (message !== undefined) expect(body.error.message).toMatch(message);
}

describe('people/@self and people/{id}', () => {
  it('answers the caller with the Employee members and the user members', async () => {
    const res = await get('/api/2.0/people/@self', t.adminToken);
    expect(res.statusCode).toBe(200);
    const p = res.json().response;
    expect(p).toMatchObject({
      email: ADMIN_EMAIL, userName: ADMIN_EMAIL, firstName: 'Administrator', lastName: '', displayName: 'Administrator',
      isAdmin: true, isVisitor: false, isActive: true, status: 1, activationStatus: 1,
      avatarSmall: expect.any(String), profileUrl: expect.stringContaining(encodeURIComponent(ADMIN_EMAIL)),
    });
    expect(p.id).toMatch(GUID);
    expect(p).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(p)).not.toMatch(/scrypt/);
  });

  it('answers a user of the tenant by id, as anybody of the tenant sees them', async () => {
    const u = await t.createUser({ firstname: 'Ada', lastname: 'Lovelace' });
    const self = (await get('/api/2.0/people/@self', u.token)).json().response;
    const byId = await get(`/api/2.0/people/${u.id}`, t.adminToken);
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toMatchObject({ count: 1, status: 0, statusCode: 200 });
    expect(byId.json().response).toEqual(self);
    expect(self).toMatchObject({ id: u.id, email: u.email, firstName: 'Ada', lastName: 'Lovelace', displayName: 'Ada Lovelace', isAdmin: false });
    const adminId = (await get('/api/2.0/people/@self', t.adminToken)).json().response.id;
    expect((await get(`/api/2.0/people/${adminId}.json`, u.token)).json().response.email).toBe(ADMIN_EMAIL);
  });

  it('answers an unknown id with 404', async () => {
    expectError(await get('/api/2.0/people/00000000-0000-0000-0000-000000000000', t.adminToken), 404, 'User not found');
    expectError(await get('/api/2.0/people/not-a-guid', t.adminToken), 404);
  });
});

describe('POST people', () => {
  it('lets an admin add a user: 201 and the new person', async () => {
    const res = await createPerson({ email: 'New.Person@Example.test', firstname: 'New', lastname: 'Person', password: 'new-password-1', isAdmin: true });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json().response;
    expect(res.json()).toMatchObject({ count: 1, status: 0, statusCode: 201 });
    expect(p).toMatchObject({ email: 'new.person@example.test', firstName: 'New', lastName: 'Person', isAdmin: true, isVisitor: false, isActive: true });
    expect(p.id).toMatch(GUID);
    const token = await t.login('new.person@example.test', 'new-password-1');
    expect((await get('/api/2.0/people/@self', token)).json().response.id).toBe(p.id);
  });

  it('accepts a form body with names in any case', async () => {
    const res = await createPerson('EMAIL=form.person%40example.test&FirstName=Form&isvisitor=true&password=form-password-1', t.adminToken, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().response).toMatchObject({ email: 'form.person@example.test', firstName: 'Form', lastName: '', isVisitor: true, isAdmin: false });
  });

  it('refuses a non-admin, and a guest, with 403', async () => {
    const user = await t.createUser();
    expectError(await createPerson({ email: 'by-user@example.test', password: 'user-password-1' }, user.token), 403);
    const guest = await t.createUser({ isVisitor: true });
    expectError(await createPerson({ email: 'by-guest@example.test', password: 'user-password-1' }, guest.token), 403);
    // Nothing was written: the refused users cannot log in, and their e-mails are still free.
    await expect(t.login('by-user@example.test', 'user-password-1')).rejects.toThrow(/401/);
    expect((await createPerson({ email: 'by-guest@example.test' })).statusCode).toBe(201);
  });

  it('refuses a duplicate e-mail, in any case, with 400', async () => {
    expectError(await createPerson({ email: ADMIN_EMAIL, password: 'other-password-1' }), 400, /already exists/);
    expectError(await createPerson({ email: ` ${ADMIN_EMAIL.toUpperCase()} `, password: 'other-password-1' }), 400, /already exists/);
  });

  it.each([
    ['a malformed e-mail', { email: 'not-an-email' }, /^email: /],
    ['an e-mail with spaces', { email: 'a b@example.test' }, /^email: /],
    ['an empty e-mail', { email: '' }, /^email: /],
    ['no e-mail', { firstname: 'X' }, /^email: is required/],
    ['a short password', { email: 'short.pw@example.test', password: 'short' }, /^password: /],
    ['a guest admin', { email: 'guest.admin@example.test', isVisitor: true, isAdmin: true }, /guest/i],
    ['a bad boolean', { email: 'bool@example.test', isAdmin: 'maybe' }, /^isAdmin: /],
    ['a first name over 255 characters', { email: 'long@example.test', firstname: 'x'.repeat(256) }, /255/],
  ])('refuses %s with 400', async (_name, payload, message) => {
    expectError(await createPerson(payload), 400, message);
  });
});

describe('CRM gate', () => {
  it('answers a guest 403 "Forbidden" on every /api/2.0/crm/ route, in any path case', async () => {
    const guest = await t.createUser({ isVisitor: true });
    expectError(await get('/api/2.0/crm/test/ping', guest.token), 403, /^Forbidden$/);
    expectError(await get('/API/2.0/CRM/Test/Ping.json', guest.token), 403, /^Forbidden$/);
    expectError(await t.app.inject({ method: 'POST', url: '/api/2.0/crm/test/ping', headers: { authorization: guest.token } }), 403, /^Forbidden$/);
    // Outside the CRM a guest is a user like the others.
    expect((await get('/api/2.0/people/@self', guest.token)).json().response.isVisitor).toBe(true);
  });

  it('lets a normal user and an admin through', async () => {
    const user = await t.createUser();
    const res = await get('/api/2.0/crm/test/ping', user.token);
    expect(res.statusCode).toBe(200);
    expect(res.json().response).toEqual({ userId: user.id });
    expect((await get('/api/2.0/crm/test/ping', t.adminToken)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/2.0/crm/test/ping', headers: { authorization: user.token } })).json())
      .toStrictEqual({ count: 4, status: 0, statusCode: 201, response: 'pong' });
  });

  it('answers 401, not 403, to a caller without a token', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/2.0/crm/test/ping' }), 401, 'Unauthorized');
  });
});

describe('tenant isolation', () => {
  it('hides every user of one tenant from the other, both ways', async () => {
    const second = await createTenant(t.deps, { name: 'Second', adminEmail: 'admin2@example.test', adminPassword: 'second-password-1' });
    expect(second.tenant.id).not.toBe(1);
    const token2 = await t.login('admin2@example.test', 'second-password-1');
    const self2 = (await get('/api/2.0/people/@self', token2)).json().response;
    expect(self2).toMatchObject({ id: second.admin.id, email: 'admin2@example.test', isAdmin: true });

    const admin1 = (await get('/api/2.0/people/@self', t.adminToken)).json().response;
    const user1 = await t.createUser();
    expectError(await get(`/api/2.0/people/${admin1.id}`, token2), 404);
    expectError(await get(`/api/2.0/people/${user1.id}`, token2), 404);
    expectError(await get(`/api/2.0/people/${second.admin.id}`, t.adminToken), 404);
    expectError(await get(`/api/2.0/people/${second.admin.id}`, user1.token), 404);

    // A user the second admin adds belongs to the second tenant.
    const u2 = await t.createUser({ token: token2 });
    expect((await get(`/api/2.0/people/${u2.id}`, token2)).statusCode).toBe(200);
    expectError(await get(`/api/2.0/people/${u2.id}`, t.adminToken), 404);
    expect((await get(`/api/2.0/people/${second.admin.id}`, u2.token)).statusCode).toBe(200);
  });

  it('keeps e-mail addresses unique across tenants', async () => {
    const token2 = await t.login('admin2@example.test', 'second-password-1');
    expectError(await createPerson({ email: ADMIN_EMAIL, password: 'other-password-1' }, token2), 400, /already exists/);
    await expect(createTenant(t.deps, { name: 'Third', adminEmail: ADMIN_EMAIL, adminPassword: 'third-password-1' })).rejects.toThrow(/already exists/);
  });
});
