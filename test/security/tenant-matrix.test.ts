// Issue 8 item 6: every documented route × {anonymous, tenant-2 admin, tenant-1 admin, tenant-1 CRM
// user, another tenant-1 CRM user}, with the ids of tenant-1 objects in the path and the body.
// Anonymous → 401 in the envelope (public routes aside). The tenant-2 admin never gets a 2xx that
// reveals or changes a tenant-1 object: a route whose path names a tenant-1 object is refused; no
// answer contains a tenant-1 text; every tenant-1 row is the same afterwards, and so is what the
// tenant-1 admin reads. Tenant-1 callers: no 5xx, and the tenant-1 admin's control call succeeds
// (so the ids were real and the refusal came from the tenant boundary).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { invoiceBody } from '../support/invoice-world.js';
import { routesOf } from '../support/openapi-routes.js';
import { ADMIN_EMAIL } from '../support/test-app.js';
import { API, buildTenants, tenantOneSnapshot, tenantOneWorld, tokenOf, WHO, type Ids, type Tenants, type Who } from './tenant-fixture.js';

const routes = await routesOf();
const PUBLIC = new Set(['POST /api/2.0/authentication', 'GET /healthz']);

/** The tenant-1 id a path parameter stands for. */
function param(path: string, name: string, ids: Ids, c: Tenants): string {
  switch (name) {
    case 'invoiceid': return String(ids.invoiceId);
    case 'fileid': return String(ids.fileId);
    case 'contactid':
      if (path.includes('/opportunity/{id}/contact/')) return String(ids.consigneeId);
      // An invoice's contact cannot be deleted: the person is the one to delete.
      return String(path === '/api/2.0/crm/contact/{contactid}' ? ids.personId : ids.contactId);
    case 'companyid': return String(ids.contactId);
    case 'personid': return String(ids.personId);
    case 'stageid': return String(ids.stageId);
    case 'fromCurrency': return ids.rateFrom;
    case 'toCurrency': return ids.rateTo;
    case 'userid': return c.users.victim.id;
    case 'status': return path.startsWith('/api/2.0/people') ? 'Active' : '2';
    case 'entityid':
      if (path.includes('/person/')) return String(ids.personId);
      if (path.includes('/opportunity/')) return String(ids.opportunityId);
      return String(ids.contactId);
    case 'id':
      if (path.includes('/addressdata/')) return String(ids.billingAddressId);
      if (path.includes('/data/')) return String(ids.infoId);
      if (path.includes('/currency/rates/')) return String(ids.rateId);
      if (path.includes('/invoice/tax/')) return String(ids.reducedTaxId);
      if (path.includes('/invoiceitem/')) return String(ids.item2Id);
      if (path.includes('/invoiceline/')) return String(ids.lineId);
      if (path.includes('/opportunity/stage/')) return String(ids.stageId);
      if (path.includes('/opportunity/')) return String(ids.opportunityId);
      if (path.includes('/contact/')) return String(ids.contactId);
      if (path.startsWith('/api/2.0/people/')) return c.users.victim.id;
  }
  throw new Error(`no tenant-1 id for {${name}} in ${path}`);
}

/** Path parameters that do not name a tenant-1 object. */
const NOT_OBJECTS = new Set(['status', 'fromCurrency', 'toCurrency']);

interface Spec {
  query?: (ids: Ids, c: Tenants) => string;
  body?: (ids: Ids, c: Tenants, who: Who) => unknown;
  /** The tenant-1 admin's expected status when not 2xx. */
  admin?: number;
}

const address = { street: 'Cross St 1', city: 'Crossville', country: 'Nowhere', category: 1 };
const SPECS: Record<string, Spec> = {
  'POST /api/2.0/authentication': { body: () => ({ userName: ADMIN_EMAIL, password: 'not-the-password' }), admin: 401 },
  'GET /api/2.0/crm/audit': { query: (i) => `?targetId=${i.invoiceId}` },
  'PUT /api/2.0/crm/contact': { body: (i) => ({ contactids: [i.personId] }) },
  'POST /api/2.0/crm/contact/{contactid}/address': { body: () => address },
  'POST /api/2.0/crm/contact/{contactid}/addressdata': { body: () => ({ address }) },
  'PUT /api/2.0/crm/contact/{contactid}/addressdata/{id}': { body: () => ({ address }) },
  'POST /api/2.0/crm/contact/{contactid}/data': { body: () => ({ infoType: 1, data: 'cross@example.test', category: 0 }) },
  'PUT /api/2.0/crm/contact/{contactid}/data/{id}': { body: () => ({ infoType: 1, data: 'cross2@example.test', category: 0 }) },
  'PUT /api/2.0/crm/contact/{contactid}/einvoice': { body: () => ({ vatId: 'DE999999999', countryCode: 'DE' }) },
  'POST /api/2.0/crm/contact/company': { body: (i) => ({ companyName: 'Cross Co', shareType: 1, personList: [i.personId] }) },
  'PUT /api/2.0/crm/contact/company/{companyid}': { body: () => ({ companyName: 'Renamed Co', shareType: 1 }) },
  'GET /api/2.0/crm/contact/filter': { query: () => '?filterValue=' },
  'POST /api/2.0/crm/contact/person': { body: (i) => ({ firstName: 'Cross', lastName: 'Person', companyId: i.contactId, shareType: 1 }) },
  'PUT /api/2.0/crm/contact/person/{personid}': { body: (i) => ({ firstName: 'Renamed', lastName: 'Person', companyId: i.contactId, shareType: 1 }) },
  'POST /api/2.0/crm/currency/addrates': { body: (i) => ({ rates: [{ fromCurrency: i.rateFrom, toCurrency: i.rateTo, rate: 2 }] }) },
  'POST /api/2.0/crm/currency/rates': { body: (i) => ({ fromCurrency: i.rateTo, toCurrency: i.rateFrom, rate: 0.8 }) },
  'PUT /api/2.0/crm/currency/rates/{id}': { body: (i) => ({ fromCurrency: i.rateFrom, toCurrency: i.rateTo, rate: 3 }) },
  'POST /api/2.0/crm/currency/setrates': { body: (i) => ({ currency: 'EUR', rates: [{ fromCurrency: i.rateFrom, toCurrency: i.rateTo, rate: 2 }] }) },
  'DELETE /api/2.0/crm/invoice': { body: (i) => ({ invoiceids: [i.invoiceId] }) },
  'POST /api/2.0/crm/invoice': { body: (i) => invoiceBody(i, { entityId: i.opportunityId }) },
  'PUT /api/2.0/crm/invoice/{invoiceid}': { body: (i) => invoiceBody(i, { terms: 'Changed terms' }) },
  'GET /api/2.0/crm/invoice/bynumber': { query: (i) => `?number=${encodeURIComponent(i.invoiceNumber)}` },
  'GET /api/2.0/crm/invoice/bynumber/exist': { query: (i) => `?number=${encodeURIComponent(i.invoiceNumber)}` },
  'POST /api/2.0/crm/invoice/converter/data': { body: (i) => ({ invoiceId: i.invoiceId }) },
  'GET /api/2.0/crm/invoice/filter': { query: (i) => `?entityType=contact&entityid=${i.contactId}` },
  'PUT /api/2.0/crm/invoice/settings/name': { body: (_i, _c, who) => ({ autogenerated: true, prefix: who === 't2admin' ? 'T2Y-' : 'T1X-', number: '0500000' }) },
  'PUT /api/2.0/crm/invoice/settings/terms': { body: () => ({ terms: 'Cross terms' }) },
  'PUT /api/2.0/crm/invoice/status/{status}': { body: (i) => ({ invoiceids: [i.invoiceId] }) },
  'POST /api/2.0/crm/invoice/tax': { body: () => ({ name: 'Cross tax', description: '', rate: 5 }) },
  'PUT /api/2.0/crm/invoice/tax/{id}': { body: () => ({ name: 'Renamed tax', description: '', rate: 6 }) },
  'DELETE /api/2.0/crm/invoiceitem': { body: (i) => ({ ids: [i.item2Id] }) },
  'POST /api/2.0/crm/invoiceitem': { body: (i) => ({ title: 'Cross item', price: 1, sku: `X-${i.itemId}`, invoiceTax1id: i.vatId }) },
  'PUT /api/2.0/crm/invoiceitem/{id}': { body: (i) => ({ title: 'Renamed item', price: 2, sku: `R-${i.item2Id}`, invoiceTax1id: i.vatId }) },
  'POST /api/2.0/crm/invoiceline': { body: (i) => ({ invoiceId: i.invoiceId, invoiceItemId: i.itemId, invoiceTax1Id: i.vatId, quantity: 1, price: 5 }) },
  'PUT /api/2.0/crm/invoiceline/{id}': { body: (i) => ({ invoiceId: i.invoiceId, invoiceItemId: i.itemId, invoiceTax1Id: i.vatId, quantity: 3, price: 5 }) },
  'POST /api/2.0/crm/opportunity': { body: (i, c, who) => ({ contactid: i.contactId, title: 'Cross deal', responsibleid: who === 't2admin' ? c.t2.adminId : i.adminId, bidCurrencyAbbr: 'EUR', stageid: i.stageId, members: [i.consigneeId] }) },
  'PUT /api/2.0/crm/opportunity': { body: (i) => ({ opportunityids: [i.opportunityId] }) },
  'PUT /api/2.0/crm/opportunity/{id}': { body: (i, c, who) => ({ contactid: i.contactId, title: 'Renamed deal', responsibleid: who === 't2admin' ? c.t2.adminId : i.adminId, bidCurrencyAbbr: 'EUR', stageid: i.stageId }) },
  'PUT /api/2.0/crm/opportunity/access': { body: (i, c) => ({ opportunityid: i.opportunityId, isPrivate: true, accessList: [c.users.user.id] }) },
  'GET /api/2.0/crm/opportunity/filter': { query: (i) => `?contactid=${i.contactId}` },
  'DELETE /api/2.0/crm/opportunity/filter': { body: (i) => ({ contactid: i.contactId }) },
  'PUT /api/2.0/crm/opportunity/filter/access': { body: (i, c) => ({ contactid: i.contactId, isPrivate: true, accessList: [c.users.user.id] }) },
  'POST /api/2.0/crm/opportunity/stage': { body: () => ({ title: 'Cross stage', color: '#000000', successProbability: 10, stageType: 0 }) },
  'PUT /api/2.0/crm/opportunity/stage/{id}': { body: () => ({ title: 'Renamed stage', color: '#111111', successProbability: 20, stageType: 0 }) },
  'PUT /api/2.0/crm/opportunity/stage/reorder': { body: (i) => ({ ids: [i.stageId] }) },
  'PUT /api/2.0/crm/settings': { body: () => ({ configured: true }) },
  'PUT /api/2.0/crm/settings/currency': { body: () => ({ currency: 'EUR' }) },
  'GET /api/2.0/crm/settings/currency/convert': { query: (i) => `?amount=10&fromcurrency=${i.rateFrom}&tocurrency=${i.rateTo}` },
  'GET /api/2.0/crm/settings/currency/summarytable': { query: () => '?currency=EUR' },
  'PUT /api/2.0/crm/settings/organisation/address': { body: () => ({ street: 'Cross Street', city: 'Crossville', country: 'X' }) },
  'PUT /api/2.0/crm/settings/organisation/base': { body: () => ({ companyName: 'Cross Org' }) },
  'PUT /api/2.0/crm/settings/organisation/einvoice': { body: () => ({ vatId: 'DE123456789', countryCode: 'DE' }) },
  'POST /api/2.0/crm/settings/organisation/logo': { body: () => ({ reset: true }) },
  'PUT /api/2.0/crm/settings/organisation/logo': { body: () => ({ reset: true }) },
  'GET /api/2.0/people': { query: () => '?filterValue=' },
  'POST /api/2.0/people': { body: (_i, _c, who) => ({ email: `cross-${who}-${Date.now()}@example.test`, firstname: 'Cross', lastname: 'User', password: 'cross-password-1' }) },
  'PUT /api/2.0/people/{userid}': { body: () => ({ title: 'Changed title' }) },
  'PUT /api/2.0/people/status/{status}': { body: (_i, c) => ({ userIds: [c.users.victim.id] }) },
  // Routes that need no body or query: listed so the table names every special case.
  'DELETE /api/2.0/crm/opportunity/{id}/contact/{contactid}': {},
  'GET /api/2.0/crm/invoice/sample': {},
  'GET /api/2.0/crm/invoice/{invoiceid}/einvoice': { query: () => '?format=ubl', admin: 400 /* no seller VAT id: refused after the lookup */ },
};

/** What the tenant-1 admin reads of the objects a write could touch. */
async function tenantOneView(c: Tenants, i: Ids): Promise<string[]> {
  const urls = [
    `${API}/invoice/${i.invoiceId}`, `${API}/invoiceitem/${i.item2Id}`, `${API}/contact/${i.contactId}`, `${API}/contact/${i.personId}`,
    `${API}/contact/${i.contactId}/data`, `${API}/opportunity/${i.opportunityId}`, `${API}/opportunity/${i.opportunityId}/contact`,
    `${API}/opportunity/stage/${i.stageId}`, `${API}/currency/rates/${i.rateId}`, `${API}/invoice/tax`, `${API}/invoice/settings`,
    `${API}/settings`, `${API}/settings/organisation/base`, `${API}/settings/organisation/address`, `${API}/settings/currency`,
    `/api/2.0/people/${c.users.victim.id}`,
  ];
  return Promise.all(urls.map(async (u) => { const r = await call(c.t, 'GET', u); return `${u} ${r.status} ${r.raw}`; }));
}

let c: Tenants;
let shared: Ids;
const tally = { calls: 0, t2: new Map<number, number>() };

beforeAll(async () => {
  c = await buildTenants();
  shared = await tenantOneWorld(c, true);
}, 60_000);
afterAll(async () => {
  console.log(`tenant matrix: ${routes.length} routes × ${WHO.length} callers = ${routes.length * WHO.length} cells (${tally.calls} calls); tenant-2 admin statuses: ${JSON.stringify(Object.fromEntries([...tally.t2].sort()))}`);
  await c?.t.close();
});

// GETs first on one shared world; every other route on a fresh world of its own.
const ordered = [...routes].sort((a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET'));

describe('tenant matrix', () => {
  it(`covers every documented route (${routes.length}) with a spec or a path of ids`, () => {
    expect(routes.length).toBeGreaterThan(100);
    for (const r of routes) for (const m of r.path.matchAll(/\{(\w+)\}/g)) expect(() => param(r.path, m[1]!, shared, c), `${r.method} ${r.path}`).not.toThrow();
  });

  for (const route of ordered) {
    const key = `${route.method} ${route.path}`;
    const spec = SPECS[key] ?? {};
    const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const namesObject = names.some((n) => !NOT_OBJECTS.has(n));
    describe(key, () => {
      let ids: Ids;
      beforeAll(async () => {
        ids = route.method === 'GET' ? shared : { ...(await tenantOneWorld(c)), fileId: shared.fileId };
      }, 30_000);

      for (const who of WHO) {
        it(who, async () => {
          let token = tokenOf(c, who);
          // Logging out must not cost the caller its token for the rest of the matrix.
          if (key === 'POST /api/2.0/authentication/logout' && token) {
            const email = who === 't2admin' ? 'admin2@tenant-two.test' : who === 'admin' ? ADMIN_EMAIL : c.users[who as 'user' | 'other'].email;
            const password = who === 't2admin' ? 'tenant-two-password-9' : who === 'admin' ? 'admin-password-1' : 'user-password-1';
            token = await c.t.login(email, password);
          }
          const url = route.path.replace(/\{(\w+)\}/g, (_m, n: string) => encodeURIComponent(param(route.path, n, ids, c))) + (spec.query?.(ids, c) ?? '');
          const body = spec.body?.(ids, c, who);
          const guarded = who === 'anonymous' || who === 't2admin';
          const before = guarded ? await tenantOneSnapshot(c.t) : undefined;
          const view = who === 't2admin' && route.method !== 'GET' ? await tenantOneView(c, ids) : undefined;
          const r = await call(c.t, route.method as 'GET', url, { token, ...(body !== undefined ? { json: body } : {}) });
          tally.calls++;
          const what = `${route.method} ${url} as ${who}: ${r.status} ${r.raw.slice(0, 400)}`;
          expect(r.status, what).toBeLessThan(500);
          const json = String(r.headers['content-type'] ?? '').startsWith('application/json');
          if (r.status >= 400) {
            expect(json, what).toBe(true);
            expect(r.body, what).toMatchObject({ status: 1, statusCode: r.status });
            expect(typeof r.body.error?.message, what).toBe('string');
          }

          if (who === 'anonymous' && !PUBLIC.has(key)) {
            expect(r.status, what).toBe(401);
            expect(r.body.error.message, what).toBe('Unauthorized');
          }
          if (who === 't2admin') {
            tally.t2.set(r.status, (tally.t2.get(r.status) ?? 0) + 1);
            for (const m of [...c.markers, ids.invoiceNumber]) {
              expect(typeof m === 'string' ? r.raw.includes(m) : m.test(r.raw), `${what}\n… shows tenant-1 text ${m}`).toBe(false);
            }
            if (namesObject) {
              // A tenant-1 id answers exactly as an id that exists nowhere.
              const nowhere = route.path.replace(/\{(\w+)\}/g, (_m, n: string) =>
                NOT_OBJECTS.has(n) ? encodeURIComponent(param(route.path, n, ids, c)) : /^(userid|id)$/.test(n) && route.path.startsWith('/api/2.0/people') ? '0badc0de-0000-4000-8000-000000000001' : '2147480000',
              ) + (spec.query?.(ids, c) ?? '');
              const r0 = await call(c.t, route.method as 'GET', nowhere, { token, ...(body !== undefined ? { json: body } : {}) });
              const norm = (x: { status: number; body: any }) => `${x.status} ${String(x.body?.error?.message ?? JSON.stringify(x.body?.response)).replace(/[0-9a-f-]{36}|\d+/g, '#')}`;
              expect(norm(r), `${what}\n… differs from an id that exists nowhere: ${r0.status} ${r0.raw.slice(0, 300)}`).toBe(norm(r0));
              if (route.method !== 'GET' || !route.path.includes('/invoicelist/')) expect(r.status, `${what}\n… a tenant-1 object in the path must not resolve`).toBeGreaterThanOrEqual(400);
              if (route.method === 'GET' && !route.path.includes('/invoicelist/')) expect(r.status, `${what}\n… reads of tenant-1 ids are 404`).toBe(404);
            }
            if (key === 'GET /api/2.0/crm/invoice/bynumber/exist' && r.status === 200) expect(r.response, what).toBe(false);
            if (view) expect(await tenantOneView(c, ids), `${what}\n… changed what the tenant-1 admin reads`).toEqual(view);
          }
          if (before) expect(await tenantOneSnapshot(c.t), `${what}\n… changed tenant-1 rows`).toEqual(before);
          if (who === 'admin') {
            if (spec.admin) expect(r.status, what).toBe(spec.admin);
            else expect(r.status, `${what}\n… the tenant-1 admin's control call`).toBeLessThan(300);
          }
        });
      }
    });
  }
});
