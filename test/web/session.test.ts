// Screen 1 and the web app's security shell: session cookie, CSRF, CSP, language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ADMIN_EMAIL, type TestApp } from '../support/test-app.js';
import { WebSession } from '../support/web.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('web session', () => {
  it('sends an anonymous visitor to the sign-in page, and back after signing in', async () => {
    const s = new WebSession(t.app);
    const res = await s.get('/app/invoices?status=draft');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/app/login?next=%2Fapp%2Finvoices%3Fstatus%3Ddraft');
    const page = await s.follow(res);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1>Sign in</h1>');
    const done = await s.post('/app/login', { email: ADMIN_EMAIL, password: 'admin-password-1', next: '/app/invoices?status=draft' });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/app/invoices?status=draft');
    const cookie = ([] as string[]).concat(done.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('ll_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/app/);
  });

  it('refuses a wrong password with 401, keeps the e-mail and says why', async () => {
    const s = new WebSession(t.app);
    await s.get('/app/login');
    const res = await s.post('/app/login', { email: ADMIN_EMAIL, password: 'wrong' });
    expect(res.status).toBe(401);
    expect(res.body).toContain('The e-mail or password is not right.');
    expect(res.body).toContain(`value="${ADMIN_EMAIL}"`);
    expect(s.cookies.has('ll_session')).toBe(false);
  });

  it('never redirects to another origin after sign-in', async () => {
    const s = new WebSession(t.app);
    await s.get('/app/login');
    const res = await s.post('/app/login', { email: ADMIN_EMAIL, password: 'admin-password-1', next: '//evil.example/app/x' });
    expect(res.location).toBe('/app/invoices');
  });

  it('refuses a form without the CSRF token (403) and changes nothing', async () => {
    const s = new WebSession(t.app);
    await s.signIn();
    const res = await s.post('/app/logout', { _csrf: 'forged' });
    expect(res.status).toBe(403);
    expect(res.body).toContain('This form has expired');
    // Still signed in: the logout did not happen.
    const again = await s.get('/app/');
    expect(again.status).toBe(303);
    expect(again.location).toBe('/app/invoices');
  });

  it('signs out: the token is revoked at once', async () => {
    const s = new WebSession(t.app);
    await s.signIn();
    const token = s.cookies.get('ll_session')!;
    await s.get('/app/login');
    const res = await s.post('/app/logout', {});
    expect(res.status).toBe(303);
    expect(res.location).toBe('/app/login?signedout=1');
    // The old cookie no longer opens anything, in the web app or the API.
    const api = await t.app.inject({ method: 'GET', url: '/api/2.0/people/@self', headers: { authorization: token } });
    expect(api.statusCode).toBe(401);
  });

  it('sets a strict content security policy and no-store on pages', async () => {
    const s = new WebSession(t.app);
    const res = await s.get('/app/login');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
  });

  it('speaks Russian by Accept-Language and switches language by a form', async () => {
    const ru = new WebSession(t.app, 'ru-RU,ru;q=0.9,en;q=0.5');
    const page = await ru.get('/app/login');
    expect(page.body).toContain('<html lang="ru">');
    expect(page.body).toContain('Вход');
    const en = new WebSession(t.app, 'ru');
    await en.get('/app/login');
    const switched = await en.post('/app/language', { language: 'en', back: '/app/login' });
    expect(switched.status).toBe(303);
    const after = await en.get('/app/login');
    expect(after.body).toContain('<html lang="en">');
  });

  it('serves the stylesheet and the island with long caching when versioned', async () => {
    const s = new WebSession(t.app);
    const page = await s.get('/app/login');
    const href = /href="(\/app\/assets\/app\.css\?v=[0-9a-f]+)"/.exec(page.body)![1]!;
    const css = await s.get(href);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.headers['cache-control']).toContain('immutable');
    const js = await s.get('/app/assets/island.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
  });

  it('answers unknown web paths with an HTML 404', async () => {
    const s = new WebSession(t.app);
    await s.signIn();
    const res = await s.get('/app/no-such-page');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
  });
});
