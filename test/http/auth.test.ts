// Login, tokens and public routes (spec §1.2 with DECISIONS "Wire format" and "Tenants, users, tokens").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/use-cases/tenants/tenants.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/test-app.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const API_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}[+-]\d{2}:\d{2}$/;
const DAY = 86_400_000;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => t?.close());

const self = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/2.0/people/@self', headers });
const loginWith = (payload: string | object, headers: Record<string, string> = {}, url = '/api/2.0/authentication') =>
  t.app.inject({ method: 'POST', url, payload, headers });

function expectUnauthorized(res: Awaited<ReturnType<typeof self>>, message = 'Unauthorized') {
  expect(res.statusCode, res.body).toBe(401);
  expect(res.headers['content-type']).toBe(JSON_TYPE);
  expect(res.json()).toStrictEqual({ status: 1, statusCode: 401, error: { message, hresult: -2146233078, data: {} } });
}

describe('POST /api/2.0/authentication', () => {
  it('logs in with a JSON body: 201 and {token, expires}', async () => {
    const res = await loginWith({ userName: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toBe(JSON_TYPE);
    const body = res.json();
    expect(body).toMatchObject({ count: 1, status: 0, statusCode: 201 });
    expect(Object.keys(body.response).sort()).toEqual(['expires', 'token']);
    expect(body.response.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.response.expires).toMatch(API_DATE);
    // The token lives 30 days from the (test) clock's now.
    expect(body.response.expires).toBe('2026-02-14T09:30:00.0000000+00:00');
    expect((await self({ authorization: body.response.token })).statusCode).toBe(200);
  });

  it('logs in with an urlencoded and a multipart form, names in any case', async () => {
    const form = await loginWith(`username=${encodeURIComponent(ADMIN_EMAIL)}&PASSWORD=${ADMIN_PASSWORD}`, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.statusCode).toBe(201);
    expect(form.json().response.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const b = 'xYz';
    const multipart = `--${b}\r\nContent-Disposition: form-data; name="userName"\r\n\r\n${ADMIN_EMAIL}\r\n--${b}\r\nContent-Disposition: form-data; name="password"\r\n\r\n${ADMIN_PASSWORD}\r\n--${b}--\r\n`;
    expect((await loginWith(multipart, { 'content-type': `multipart/form-data; boundary=${b}` })).statusCode).toBe(201);
  });

  it('logs in at /authentication.json, and with the e-mail in another case', async () => {
    const res = await loginWith({ userName: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD }, {}, '/api/2.0/authentication.json');
    expect(res.statusCode).toBe(201);
    expect(res.json().response.expires).toMatch(API_DATE);
  });

  it('gives a new, different token on every login', async () => {
    expect(await t.login(ADMIN_EMAIL, ADMIN_PASSWORD)).not.toBe(await t.login(ADMIN_EMAIL, ADMIN_PASSWORD));
  });

  it.each([
    ['a wrong password', { userName: ADMIN_EMAIL, password: 'wrong-password' }],
    ['an unknown user', { userName: 'nobody@example.test', password: ADMIN_PASSWORD }],
    ['no password', { userName: ADMIN_EMAIL }],
    ['nothing', {}],
  ])('refuses %s with 401 "User authentication failed"', async (_name, payload) => {
    expectUnauthorized(await loginWith(payload), 'User authentication failed');
  });

  it('writes expires in the tenant\'s own time zone', async () => {
    await createTenant(t.deps, { name: 'Kolkata', timeZone: 'Asia/Kolkata', adminEmail: 'admin.in@example.test', adminPassword: 'kolkata-password-1' });
    const res = await loginWith({ userName: 'admin.in@example.test', password: 'kolkata-password-1' });
    expect(res.statusCode).toBe(201);
    expect(res.json().response.expires).toBe('2026-02-14T15:00:00.0000000+05:30');
  });
});

describe('tokens', () => {
  it('refuses a request without credentials with 401 "Unauthorized" in the envelope', async () => {
    expectUnauthorized(await self({}));
    expectUnauthorized(await t.app.inject({ method: 'POST', url: '/api/2.0/people', payload: { email: 'x@example.test' } }));
  });

  it('refuses forged and malformed tokens', async () => {
    const real = t.adminToken;
    const forged = `${real.slice(0, -1)}${real.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [forged, 'A'.repeat(43), 'not-a-token', `${real}x`, `Bearer ${forged}`, 'Bearer', `Token ${real}`]) {
      expectUnauthorized(await self({ authorization: token }));
    }
  });

  it('accepts the token raw, after Bearer (any case), and in the asc_auth_key cookie', async () => {
    expect((await self({ authorization: t.adminToken })).statusCode).toBe(200);
    expect((await self({ authorization: `Bearer ${t.adminToken}` })).statusCode).toBe(200);
    expect((await self({ authorization: `bearer   ${t.adminToken}` })).statusCode).toBe(200);
    expect((await self({ cookie: `asc_auth_key=${t.adminToken}` })).statusCode).toBe(200);
    expect((await self({ cookie: `theme=dark; asc_auth_key=${t.adminToken}; lang=en` })).statusCode).toBe(200);
    expectUnauthorized(await self({ cookie: `not_asc_auth_key=${t.adminToken}` }));
  });

  it('takes the first credential that succeeds: a valid cookie with a stale header', async () => {
    expect((await self({ cookie: `asc_auth_key=${t.adminToken}`, authorization: 'A'.repeat(43) })).statusCode).toBe(200);
    expect((await self({ cookie: 'asc_auth_key=stale', authorization: t.adminToken })).statusCode).toBe(200);
  });

  it('accepts Basic credentials and refuses a wrong Basic password', async () => {
    const ok = await self({ authorization: basic(ADMIN_EMAIL, ADMIN_PASSWORD) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().response.email).toBe(ADMIN_EMAIL);
    expect((await self({ authorization: basic(ADMIN_EMAIL.toUpperCase(), ADMIN_PASSWORD) })).statusCode).toBe(200);
    expectUnauthorized(await self({ authorization: basic(ADMIN_EMAIL, 'wrong-password') }));
    expectUnauthorized(await self({ authorization: basic('nobody@example.test', ADMIN_PASSWORD) }));
    expectUnauthorized(await self({ authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` }));
  });

  it('revokes the token at once on logout, and only that token', async () => {
    const token = await t.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const other = await t.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const res = await t.app.inject({ method: 'POST', url: '/api/2.0/authentication/logout', headers: { authorization: token } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toStrictEqual({ status: 0, statusCode: 201, response: {} });
    expectUnauthorized(await self({ authorization: token }));
    expectUnauthorized(await self({ cookie: `asc_auth_key=${token}` }));
    expect((await self({ authorization: other })).statusCode).toBe(200);
  });

  it('requires a token to log out', async () => {
    expectUnauthorized(await t.app.inject({ method: 'POST', url: '/api/2.0/authentication/logout' }));
  });

  it('expires tokens after 30 days', async () => {
    const token = await t.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    t.clock.advance(30 * DAY - 1000);
    expect((await self({ authorization: token })).statusCode).toBe(200);
    t.clock.advance(1000);
    expectUnauthorized(await self({ authorization: token }));
    expectUnauthorized(await self({ authorization: t.adminToken })); // logged in at start: expired too
    // Basic credentials do not expire, and a fresh login works.
    expect((await self({ authorization: basic(ADMIN_EMAIL, ADMIN_PASSWORD) })).statusCode).toBe(200);
    expect((await self({ authorization: await t.login(ADMIN_EMAIL, ADMIN_PASSWORD) })).statusCode).toBe(200);
  });
});

describe('public routes', () => {
  it('answers /healthz without a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('answers /api/2.0/openapi.json without a token: an OpenAPI 3.1 document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/2.0/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(JSON_TYPE);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Ledgerline', version: expect.any(String) });
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/2.0/authentication', '/api/2.0/people/@self', '/api/2.0/people/{id}', '/api/2.0/people']));
    expect(doc.paths['/api/2.0/authentication'].post).toBeDefined();
    expect(doc.paths['/api/2.0/people'].post.requestBody).toBeDefined();
    expect(doc.components.securitySchemes.token).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
    expect(doc.paths['/api/2.0/openapi']).toBeUndefined();
  });

  it('answers /docs without a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBeLessThan(400);
    const page = res.statusCode >= 300 ? await t.app.inject({ method: 'GET', url: `/docs/${String(res.headers.location).replace(/^.*\/docs\/?/, '')}` }) : res;
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });
});
