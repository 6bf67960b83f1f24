// Issue 8 item 6: logout revokes a token at once, in every process on the database; secrets and
// passwords never reach the logs.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { App } from '../../src/http/app-type.js';
import { call } from '../support/api.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/test-app.js';

describe('logout', () => {
  let t: TestApp;
  let second: App;
  beforeAll(async () => {
    t = await createTestApp();
    // A second process on the same database: its own Fastify instance, the same store.
    second = (await buildApp(t.deps)).app;
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  const self = async (app: App, authorization: string) =>
    (await app.inject({ method: 'GET', url: '/api/2.0/people/@self', headers: { authorization } })).statusCode;

  it('revokes the token at once, on this instance and on another one', async () => {
    const token = await t.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const other = await t.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(await self(t.app, token)).toBe(200);
    expect(await self(second, token)).toBe(200); // the second instance has seen it valid (any cache is warm)
    const out = await t.app.inject({ method: 'POST', url: '/api/2.0/authentication/logout', headers: { authorization: token } });
    expect(out.statusCode, out.body).toBe(201);
    for (const app of [second, t.app]) {
      const r = await app.inject({ method: 'GET', url: '/api/2.0/people/@self', headers: { authorization: token } });
      expect(r.statusCode).toBe(401);
      expect(r.json()).toMatchObject({ status: 1, statusCode: 401, error: { message: 'Unauthorized' } });
    }
    expect(await self(second, `Bearer ${token}`)).toBe(401);
    expect(await self(second, `x; asc_auth_key=${token}`)).toBe(401);
    const viaCookie = await second.inject({ method: 'GET', url: '/api/2.0/people/@self', headers: { cookie: `asc_auth_key=${token}` } });
    expect(viaCookie.statusCode).toBe(401);
    // Only that token: the user's other token still works.
    expect(await self(second, other)).toBe(200);
  });

  it('a logout on the second instance revokes the token on the first', async () => {
    const token = await t.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(await self(t.app, token)).toBe(200);
    const out = await second.inject({ method: 'POST', url: '/api/2.0/authentication/logout', headers: { authorization: `Bearer ${token}` } });
    expect(out.statusCode, out.body).toBe(201);
    expect(await self(t.app, token)).toBe(401);
    expect((await call(t, 'POST', '/api/2.0/authentication/logout', { token })).status).toBe(401);
  });
});

describe('secrets never reach the logs', () => {
  let t: TestApp;
  const PASSWORD = 'Sup3r-Secret-Pw-4711';
  const USER_EMAIL = 'logged.user@example.test';

  /** Drives logins (JSON, form, query string) and every way to present a token through `app`; answers the secrets used. */
  async function drive(app: App, withQueryString: boolean): Promise<string[]> {
    const secrets = [PASSWORD, ADMIN_PASSWORD];
    const create = await app.inject({
      method: 'POST', url: '/api/2.0/people', headers: { authorization: t.adminToken },
      payload: { email: USER_EMAIL + (withQueryString ? '.q' : ''), firstname: 'Logged', lastname: 'User', password: PASSWORD },
    });
    expect(create.statusCode, create.body).toBe(201);
    const email = USER_EMAIL + (withQueryString ? '.q' : '');
    const logins = [
      await app.inject({ method: 'POST', url: '/api/2.0/authentication', payload: { userName: email, password: PASSWORD } }),
      await app.inject({ method: 'POST', url: '/api/2.0/authentication', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ userName: email, password: PASSWORD }).toString() }),
      await app.inject({ method: 'POST', url: '/api/2.0/authentication', payload: { userName: ADMIN_EMAIL, password: ADMIN_PASSWORD } }),
    ];
    if (withQueryString) logins.push(await app.inject({ method: 'POST', url: `/api/2.0/authentication?userName=${encodeURIComponent(email)}&password=${encodeURIComponent(PASSWORD)}` }));
    // A failed login logs nothing of the attempted password either.
    const wrong = 'Wr0ng-Attempted-Pw-0815';
    secrets.push(wrong);
    expect((await app.inject({ method: 'POST', url: '/api/2.0/authentication', payload: { userName: email, password: wrong } })).statusCode).toBe(401);
    for (const r of logins) {
      expect(r.statusCode, r.body).toBe(201);
      secrets.push(r.json().response.token);
    }
    const token = secrets[secrets.length - 1]!;
    const basic = Buffer.from(`${email}:${PASSWORD}`).toString('base64');
    secrets.push(basic, `${email}:${PASSWORD}`);
    const uses: Record<string, string>[] = [
      { authorization: token }, { authorization: `Bearer ${token}` }, { authorization: `Basic ${basic}` }, { cookie: `asc_auth_key=${encodeURIComponent(token)}` },
      { authorization: 'Bearer not-a-real-token-but-still-secret' },
    ];
    secrets.push('not-a-real-token-but-still-secret');
    for (const headers of uses) {
      const r = await app.inject({ method: 'GET', url: '/api/2.0/people/@self', headers });
      expect(r.statusCode).toBeLessThan(500);
    }
    // An error path too (404 with a token) and a logout.
    await app.inject({ method: 'GET', url: '/api/2.0/crm/invoice/999999', headers: { authorization: token } });
    await app.inject({ method: 'POST', url: '/api/2.0/authentication/logout', headers: { authorization: token } });
    return secrets;
  }

  function capture(): { stream: Writable; lines: string[] } {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    return { stream, lines };
  }

  function assertClean(lines: string[], secrets: string[]): void {
    expect(lines.length, 'the logger wrote lines').toBeGreaterThan(10);
    const text = lines.join('');
    for (const s of secrets) {
      for (const form of new Set([s, encodeURIComponent(s)])) expect(text.includes(form), `log contains the secret ${form.slice(0, 6)}…`).toBe(false);
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('buildApp with a plain trace logger: JSON and form logins, raw/Bearer/Basic/cookie tokens, POST people', async () => {
    const { stream, lines } = capture();
    const { app } = await buildApp(t.deps, { logger: { level: 'trace', stream } });
    try {
      assertClean(lines, await drive(app, false));
    } finally {
      await app.close();
    }
  });

  it('buildApp with a plain trace logger: a password in the query string is not logged either', async () => {
    const { stream, lines } = capture();
    // buildApp applies the redaction and the path-only request serializer to any logger it is given.
    const { app } = await buildApp(t.deps, { logger: { level: 'trace', stream } });
    try {
      assertClean(lines, await drive(app, true));
    } finally {
      await app.close();
    }
  });
});
