// Login throttling (issue 8 item 5): password guessing is stopped with 429 + Retry-After, while a
// client with the right password logs in as often as it likes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const login = (userName: string, password: string, headers: Record<string, string> = {}) =>
  call(t, 'POST', '/api/2.0/authentication', { json: { userName, password }, token: null, headers });
const WINDOW_MS = 5 * 60 * 1000;

describe('login throttling', () => {
  it('60 successful logins in a row all answer 201', async () => {
    for (let i = 0; i < 60; i++) {
      const r = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
      expect(r.status, `login ${i}: ${r.raw}`).toBe(201);
    }
  }, 90_000);

  it('after 10 wrong passwords: 429 with Retry-After, even with the right password, until the window passes', async () => {
    const user = await t.createUser();
    for (let i = 0; i < 10; i++) expect((await login(user.email, `wrong-${i}`)).status).toBe(401);
    const blocked = await login(user.email, 'user-password-1');
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ status: 1, statusCode: 429 });
    expect(blocked.body.error.message).toMatch(/Too many failed logins/);
    expect(String(blocked.headers['content-type'])).toMatch(/^application\/json/);
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(300);
    // The e-mail matches in any letter case; other users are not affected.
    expect((await login(user.email.toUpperCase(), 'user-password-1')).status).toBe(429);
    expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(201);
    // Refused attempts do not extend the block: once Retry-After has passed, the right password works.
    t.clock.advance(retryAfter * 1000 - 2000);
    expect((await login(user.email, 'user-password-1')).status).toBe(429);
    t.clock.advance(2000);
    expect((await login(user.email, 'user-password-1')).status).toBe(201);
  });

  it('a successful login clears the e-mail\'s failures', async () => {
    const user = await t.createUser();
    for (let i = 0; i < 9; i++) expect((await login(user.email, 'wrong')).status).toBe(401);
    expect((await login(user.email, 'user-password-1')).status).toBe(201);
    for (let i = 0; i < 9; i++) expect((await login(user.email, 'wrong')).status).toBe(401);
    expect((await login(user.email, 'user-password-1')).status).toBe(201);
  });

  it('the window slides: failures older than 5 minutes no longer count', async () => {
    const user = await t.createUser();
    for (let i = 0; i < 9; i++) expect((await login(user.email, 'wrong')).status).toBe(401);
    t.clock.advance(WINDOW_MS + 1);
    for (let i = 0; i < 9; i++) expect((await login(user.email, 'wrong')).status).toBe(401);
    expect((await login(user.email, 'wrong')).status).toBe(401); // the 10th in this window
    expect((await login(user.email, 'user-password-1')).status).toBe(429);
    t.clock.advance(WINDOW_MS + 1);
    expect((await login(user.email, 'user-password-1')).status).toBe(201);
  });

  it('unknown e-mails are throttled the same way (no hint whether the account exists)', async () => {
    for (let i = 0; i < 10; i++) expect((await login('nobody@example.test', 'x')).status).toBe(401);
    const r = await login('nobody@example.test', 'x');
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBeDefined();
    t.clock.advance(WINDOW_MS + 1);
  });
});

describe('login throttling per client address', () => {
  it('100 failures from one address across many e-mails block that address', async () => {
    const t2 = await createTestApp();
    try {
      const attempt = (userName: string, password: string) =>
        t2.app.inject({ method: 'POST', url: '/api/2.0/authentication', payload: { userName, password }, remoteAddress: '203.0.113.7' });
      // Ten at a time (scrypt runs on the thread pool): a burst is counted like a sequence.
      for (let batch = 0; batch < 10; batch++) {
        const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(`spray${batch * 10 + i}@example.test`, 'Winter2026!')));
        expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(401));
      }
      const blocked = await attempt(ADMIN_EMAIL, ADMIN_PASSWORD);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json()).toMatchObject({ status: 1, statusCode: 429 });
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is not affected.
      expect((await t2.app.inject({ method: 'POST', url: '/api/2.0/authentication', payload: { userName: ADMIN_EMAIL, password: ADMIN_PASSWORD }, remoteAddress: '198.51.100.1' })).statusCode).toBe(201);
      t2.clock.advance(WINDOW_MS + 1);
      expect((await attempt(ADMIN_EMAIL, ADMIN_PASSWORD)).statusCode).toBe(201);
    } finally {
      await t2.close();
    }
  }, 90_000);
});
