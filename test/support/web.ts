// Drives the web app through app.inject like a browser without JavaScript: a cookie jar, the
// CSRF token read from the last page, forms posted urlencoded, redirects followed on request.
import { expect } from 'vitest';
import type { App } from '../../src/http/app-type.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './test-app.js';

export interface WebResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  location: string | undefined;
}

export class WebSession {
  readonly cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly app: App, readonly acceptLanguage = 'en') {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private absorb(res: { headers: Record<string, unknown>; body: string }): void {
    const set = res.headers['set-cookie'];
    for (const c of Array.isArray(set) ? set : set ? [String(set)] : []) {
      const [pair = ''] = String(c).split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(String(c)) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.csrf = m[1]!;
  }

  async get(url: string): Promise<WebResponse> {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), 'accept-language': this.acceptLanguage } });
    this.absorb(res);
    return { status: res.statusCode, body: res.body, headers: res.headers, location: res.headers.location as string | undefined };
  }

  /** Posts a form (the current CSRF token is added unless the fields carry their own `_csrf`). */
  async post(url: string, fields: [string, string][] | Record<string, string>): Promise<WebResponse> {
    const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
    const body = new URLSearchParams(pairs.some(([k]) => k === '_csrf') ? pairs : [['_csrf', this.csrf], ...pairs]);
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', 'accept-language': this.acceptLanguage },
      payload: body.toString(),
    });
    this.absorb(res);
    return { status: res.statusCode, body: res.body, headers: res.headers, location: res.headers.location as string | undefined };
  }

  /** Follows a 303 (one hop). */
  async follow(res: WebResponse): Promise<WebResponse> {
    if (!res.location) throw new Error(`expected a redirect, got ${res.status}`);
    return this.get(res.location);
  }

  async signIn(email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<WebResponse> {
    await this.get('/app/login');
    const res = await this.post('/app/login', { email, password });
    if (res.status !== 303) throw new Error(`web sign-in failed: ${res.status}`);
    return res;
  }
}

/** Signed-in web session of the tenant's admin. */
export async function adminWebSession(app: App, acceptLanguage = 'en'): Promise<WebSession> {
  const s = new WebSession(app, acceptLanguage);
  await s.signIn();
  return s;
}

/** A page's text without tags, whitespace collapsed. */
export const pageText = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/[ \t\r\n]+/g, ' ');

/** The tag of the input, select or textarea with this id (to check its value and aria wiring). */
export const tagWithId = (body: string, id: string) => new RegExp(`<(?:input|select|textarea)[^>]*\\bid="${id}"[^>]*>`).exec(body)?.[0] ?? '';

/** The field is marked invalid, points at its own message, and the error summary links to it. */
export function expectFieldError(res: WebResponse, id: string, message: string | RegExp) {
  const tag = tagWithId(res.body, id);
  expect(tag, `field ${id}`).toContain('aria-invalid="true"');
  expect(tag).toMatch(new RegExp(`aria-describedby="[^"]*${id}-error`));
  const msg = new RegExp(`<p class="error-message" id="${id}-error">([^<]*)</p>`).exec(res.body)?.[1];
  if (typeof message === 'string') expect(msg).toBe(message);
  else expect(msg).toMatch(message);
  // The linked error summary points at the field.
  expect(res.body).toContain(`<a href="#${id}">`);
}
