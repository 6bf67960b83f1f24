// The rights matrix (spec §3.5, §1.2, §4–§5 error tables, DECISIONS "Wire format" 401): one row
// per route (and variant), one test per caller. Shared by the rights-matrix-*.test.ts files.
//
// Callers: a CRM admin; the CRM user who created the invoice ("creator"); another CRM user who may
// read the invoice's contact ("reader": on the managerList of a private contact, or a shareType 2
// contact); another CRM user who may not ("outsider"); no token ("anonymous" → 401 in the JSON
// envelope); a guest (isVisitor → 403 "Forbidden" on every /crm/ route).
import { describe, expect, it } from 'vitest';
import { call, type ApiResult } from '../support/api.js';
import { buildWorld, invoiceBody, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

export type Member = 'admin' | 'creator' | 'reader' | 'outsider';
export type Caller = Member | 'anonymous' | 'guest';
export const CALLERS: readonly Caller[] = ['admin', 'creator', 'reader', 'outsider', 'anonymous', 'guest'];

export interface Cast {
  t: TestApp;
  w: World;
  users: Record<'creator' | 'reader' | 'outsider' | 'guest', { id: string; token: string }>;
  /** Private (shareType 0), managers creator and reader: the outsider may not read it. */
  P: number;
  /** shareType 2 (read only): every CRM user reads it. */
  S: number;
  /** Private, no managers: admins only. */
  H: number;
}

export const API = '/api/2.0/crm';

export function tokenOf(c: Cast, who: Caller): string | null {
  if (who === 'admin') return c.t.adminToken;
  if (who === 'anonymous') return null;
  return c.users[who].token;
}

async function created(p: Promise<ApiResult>, what: string): Promise<any> {
  const r = await p;
  expect(r.status, `${what}: ${r.raw}`).toBe(201);
  return r.response;
}

/** A company created by the admin through the API; answers its id. */
export async function company(t: TestApp, name: string, shareType: 0 | 1 | 2, managerList: string[] = []): Promise<number> {
  return (await created(call(t, 'POST', `${API}/contact/company`, { json: { companyName: name, shareType, managerList } }), `company ${name}`)).id;
}

export async function buildCast(): Promise<Cast> {
  const t = await createTestApp();
  const w = await buildWorld(t);
  const creator = await t.createUser({ firstname: 'Cora', lastname: 'Creator' });
  const reader = await t.createUser({ firstname: 'Rita', lastname: 'Reader' });
  const outsider = await t.createUser({ firstname: 'Otto', lastname: 'Outsider' });
  const guest = await t.createUser({ firstname: 'Gus', lastname: 'Guest', isVisitor: true });
  return {
    t, w, users: { creator, reader, outsider, guest },
    P: await company(t, 'Managed Co', 0, [creator.id, reader.id]),
    S: await company(t, 'Read-only Co', 2),
    H: await company(t, 'Hidden Co', 0),
  };
}

/** Creates an invoice as `who` (201 expected); answers the Invoice. */
export async function newInvoice(c: Cast, who: Member, over: Record<string, unknown> = {}): Promise<any> {
  return created(call(c.t, 'POST', `${API}/invoice`, { json: invoiceBody(c.w, { contactId: c.P, ...over }), token: tokenOf(c, who) }), `invoice by ${who}`);
}

/** Makes `who` the recorded creator of an invoice (the API refuses an invoice on a contact its creator may not read). */
export async function recordCreator(c: Cast, invoiceId: number, who: 'creator' | 'reader' | 'outsider'): Promise<void> {
  await c.t.deps.store.db.updateTable('invoices').set({ created_by: c.users[who].id }).where('id', '=', invoiceId).execute();
}

export async function markSent(c: Cast, invoiceId: number): Promise<void> {
  const r = await call(c.t, 'PUT', `${API}/invoice/status/2`, { json: { invoiceids: [invoiceId] } });
  expect(r.response.key.map((i: { id: number }) => i.id), r.raw).toEqual([invoiceId]);
}

/** An invoice as the admin sees it (status, lines, …), or the status of a refused read. */
export async function adminView(c: Cast, invoiceId: number): Promise<unknown> {
  const r = await call(c.t, 'GET', `${API}/invoice/${invoiceId}`);
  return r.status === 200 ? r.response : r.status;
}

export const ids = (list: { id: number }[]): number[] => list.map((i) => i.id).sort((a, b) => a - b);
export const sorted = (list: (number | undefined)[]): number[] => (list as number[]).slice().sort((a, b) => a - b);

export interface Request {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  json?: unknown;
}

export type Check<F> = (r: ApiResult, f: F) => void | Promise<void>;
export type Outcome<F> = number | { status: number; check?: Check<F> };

export interface Row<F = any> {
  route: string;
  variant?: string;
  /** Fresh objects for one call; runs before each caller's request. */
  setup?: (who: Caller) => Promise<F>;
  req: (f: F) => Request;
  /** State the request may change; must be equal before and after a refused request (status ≥ 400). */
  state?: (f: F) => Promise<unknown>;
  expect: Record<Member, Outcome<F>>;
}

/** Registers one describe per row and one test per caller; `cast()` is read at test time. */
export function matrix(title: string, cast: () => Cast, rows: Row[]): void {
  describe(title, () => {
    for (const row of rows) {
      describe(`${row.route}${row.variant ? ` (${row.variant})` : ''}`, () => {
        for (const who of CALLERS) {
          const outcome: Outcome<any> =
            who === 'anonymous' ? 401 : who === 'guest' ? 403 : row.expect[who];
          const status = typeof outcome === 'number' ? outcome : outcome.status;
          it(`${who} → ${status}`, async () => {
            const c = cast();
            const f = row.setup ? await row.setup(who) : undefined;
            const req = row.req(f);
            const before = row.state ? await row.state(f) : undefined;
            const r = await call(c.t, req.method, req.url, { token: tokenOf(c, who), ...(req.json !== undefined ? { json: req.json } : {}) });
            expect(r.status, `${req.method} ${req.url} as ${who}: ${r.raw}`).toBe(status);
            expect(r.headers['content-type']).toMatch(/^application\/json/);
            expect(r.body).toMatchObject({ status: status >= 400 ? 1 : 0, statusCode: status });
            if (status >= 400) {
              expect(r.body.response).toBeUndefined();
              expect(typeof r.body.error?.message).toBe('string');
            }
            if (who === 'anonymous') expect(r.body.error.message).toBe('Unauthorized');
            if (who === 'guest') expect(r.body.error.message).toBe('Forbidden');
            if (status >= 400 && row.state) expect(await row.state(f), 'a refused request wrote nothing').toEqual(before);
            if (typeof outcome !== 'number' && outcome.check) await outcome.check(r, f);
          });
        }
      });
    }
  });
}

/** Admin, creator, reader and outsider outcomes in one line. */
export function by<F = any>(admin: Outcome<F>, creator: Outcome<F>, reader: Outcome<F>, outsider: Outcome<F>): Record<Member, Outcome<F>> {
  return { admin, creator, reader, outsider };
}

/** The same outcome for every member (reads any CRM user may do). */
export const all = <F = any>(o: Outcome<F>): Record<Member, Outcome<F>> => by(o, o, o, o);
/** Admin-only writes: `ok` for the admin, 403 for every other CRM user. */
export const adminOnly = <F = any>(ok: Outcome<F>): Record<Member, Outcome<F>> => by(ok, 403, 403, 403);
