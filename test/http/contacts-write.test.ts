// PUT crm/contact/person/{id}, PUT crm/contact/company/{id}, DELETE crm/contact/{id} and the batch
// delete PUT crm/contact: rights (spec §3.5), create rules, §3.9 references, one transaction, audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockContactsShared } from '../../src/store/contacts.store.js';
import { createTenant } from '../../src/use-cases/tenants/tenants.js';
import { call } from '../support/api.js';
import { dialectUnderTest } from '../support/database.js';
import { buildWorld, invoiceBody, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let w: World;
let user: { id: string; token: string };
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  user = await t.createUser();
});
afterAll(async () => t?.close());

type Table = 'contacts' | 'contact_access' | 'contact_infos' | 'audit_log' | 'opportunity_members';
async function rowCounts() {
  const db = t.deps.store.db;
  const n = async (table: Table) => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { contacts: await n('contacts'), access: await n('contact_access'), infos: await n('contact_infos'), audit: await n('audit_log'), members: await n('opportunity_members') };
}

async function expectRefused(status: number, message: RegExp | string, request: () => ReturnType<typeof call>) {
  const before = await rowCounts();
  const stored = await t.deps.store.db.selectFrom('contacts').selectAll().orderBy('id').execute();
  const res = await request();
  expect(res.status, res.raw).toBe(status);
  expect(res.body).toMatchObject({ status: 1, statusCode: status });
  if (typeof message === 'string') expect(res.body.error.message).toBe(message);
  else expect(res.body.error.message).toMatch(message);
  expect(await rowCounts()).toEqual(before);
  expect(await t.deps.store.db.selectFrom('contacts').selectAll().orderBy('id').execute()).toEqual(stored);
  return res;
}

async function person(json: Record<string, unknown> = {}): Promise<number> {
  const res = await call(t, 'POST', '/api/2.0/crm/contact/person', { json: { firstName: 'Pat', lastName: 'Doe', shareType: 1, ...json } });
  expect(res.status, res.raw).toBe(201);
  return res.response.id;
}
async function company(json: Record<string, unknown> = {}): Promise<number> {
  const res = await call(t, 'POST', '/api/2.0/crm/contact/company', { json: { companyName: 'Co', shareType: 1, ...json } });
  expect(res.status, res.raw).toBe(201);
  return res.response.id;
}
const auditOf = async (targetType: string, id: number) =>
  (await call(t, 'GET', `/api/2.0/crm/audit?targetType=${targetType}&targetId=${id}`)).response as { action: string; changes: Record<string, { before?: unknown; after?: unknown }> }[];

describe('PUT crm/contact/person/{personid}', () => {
  it('replaces a person from JSON and answers the full Person; access list replaced; audited', async () => {
    const co = await company({ companyName: 'Employer' });
    const id = await person({ jobTitle: 'Clerk', about: 'Old', managerList: [user.id], shareType: 0 });
    const res = await call(t, 'PUT', `/api/2.0/crm/contact/person/${id}`, {
      json: { firstName: ' Patricia ', lastName: 'Smith', jobTitle: 'Boss', about: 'New', companyId: co, shareType: 2 },
    });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ count: 1, status: 0, statusCode: 200 });
    expect(res.response).toMatchObject({
      id, firstName: 'Patricia', lastName: 'Smith', title: 'Boss', about: 'New', displayName: 'Patricia Smith',
      shareType: 2, isPrivate: false, isShared: true, canEdit: true, canDelete: true, company: { id: co, displayName: 'Employer' },
      commonData: [], addresses: [], customFields: [], haveLateTasks: false,
    });
    expect(res.response).not.toHaveProperty('accessList');
    expect((await call(t, 'GET', `/api/2.0/crm/contact/${id}`)).response).toMatchObject({ title: 'Boss', shareType: 2 });
    const access = await t.deps.store.db.selectFrom('contact_access').select('user_id').where('contact_id', '=', id).execute();
    expect(access).toEqual([]);
    const [updated] = await auditOf('contact', id);
    expect(updated!.action).toBe('contact.updated');
    expect(updated!.changes).toEqual({
      firstName: { before: 'Pat', after: 'Patricia' }, lastName: { before: 'Doe', after: 'Smith' }, title: { before: 'Clerk', after: 'Boss' },
      about: { before: 'Old', after: 'New' }, companyId: { before: 0, after: co }, shareType: { before: 0, after: 2 },
      accessList: { before: [user.id], after: [] },
    });
  });

  it('is a full replacement: omitted members take the create defaults (form body, names in any case)', async () => {
    const co = await company();
    const id = await person({ jobTitle: 'Clerk', about: 'Text', companyId: co, shareType: 2 });
    const res = await call(t, 'PUT', `/api/2.0/crm/contact/person/${id}`, { form: `FIRSTNAME=Only&managerList[]=${user.id}` });
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toMatchObject({ firstName: 'Only', lastName: '', title: '', about: '', shareType: 0, isPrivate: true, displayName: 'Only ' });
    expect(res.response).not.toHaveProperty('company');
    expect(res.response.accessList.map((e: { id: string }) => e.id)).toEqual([user.id]);
  });

  it('applies the create rules: 400 for names, share type and managers; 404/400 for the company; nothing written', async () => {
    const id = await person();
    const url = `/api/2.0/crm/contact/person/${id}`;
    await expectRefused(400, 'firstName: is required', () => call(t, 'PUT', url, { json: { lastName: 'X' } }));
    await expectRefused(400, 'firstName: must not be empty', () => call(t, 'PUT', url, { form: 'firstName=+' }));
    await expectRefused(400, /^lastName: at most 255 characters/, () => call(t, 'PUT', url, { json: { firstName: 'a', lastName: 'x'.repeat(256) } }));
    await expectRefused(400, /^shareType: 5 is not a share type/, () => call(t, 'PUT', url, { json: { firstName: 'a', shareType: 5 } }));
    const stranger = '0f0f0f0f-0000-4000-8000-000000000009';
    await expectRefused(400, `managerList: ${stranger} is not a user of this portal`, () => call(t, 'PUT', url, { json: { firstName: 'a', managerList: [stranger] } }));
    await expectRefused(404, 'Company 999999 not found', () => call(t, 'PUT', url, { json: { firstName: 'a', companyId: 999999 } }));
    const other = await person();
    await expectRefused(400, `companyId: contact ${other} is a person, not a company`, () => call(t, 'PUT', url, { json: { firstName: 'a', companyId: other } }));
    const secret = await company({ shareType: 0 });
    await expectRefused(404, `Company ${secret} not found`, () => call(t, 'PUT', url, { token: user.token, json: { firstName: 'a', shareType: 1, companyId: secret } }));
  });

  it('answers 404 for a missing or unreadable contact, 403 for one the caller may read but not edit', async () => {
    const hidden = await person({ shareType: 0 });
    const readOnly = await person({ shareType: 2 });
    const body = { json: { firstName: 'New', shareType: 1 }, token: user.token };
    const missing = await expectRefused(404, 'Contact 999999 not found', () => call(t, 'PUT', '/api/2.0/crm/contact/person/999999', body));
    const unreadable = await expectRefused(404, `Contact ${hidden} not found`, () => call(t, 'PUT', `/api/2.0/crm/contact/person/${hidden}`, body));
    expect(unreadable.body.error.message.replace(String(hidden), 'N')).toBe(missing.body.error.message.replace('999999', 'N'));
    await expectRefused(403, `Access Denied: you may read but not edit contact ${readOnly}`, () => call(t, 'PUT', `/api/2.0/crm/contact/person/${readOnly}`, body));
    const managed = await person({ shareType: 0, managerList: [user.id] });
    const ok = await call(t, 'PUT', `/api/2.0/crm/contact/person/${managed}`, { token: user.token, json: { firstName: 'Mine', managerList: [user.id] } });
    expect(ok.status, ok.raw).toBe(200);
    expect(ok.response).toMatchObject({ firstName: 'Mine', canEdit: true });
    await expectRefused(400, 'personid: must be a positive contact id (got 0)', () => call(t, 'PUT', '/api/2.0/crm/contact/person/0', body));
    await expectRefused(400, /personid/, () => call(t, 'PUT', '/api/2.0/crm/contact/person/99999999999', body));
    expect((await call(t, 'PUT', '/api/2.0/crm/contact/person/abc', body)).status).toBe(404);
  });

  it('answers 404 for a company id, and keeps a company the caller may not read', async () => {
    const co = await company();
    await expectRefused(404, `Person ${co} not found: contact ${co} is a company`, () => call(t, 'PUT', `/api/2.0/crm/contact/person/${co}`, { json: { firstName: 'x' } }));
    const secret = await company({ shareType: 0 });
    const id = await person({ companyId: secret });
    const res = await call(t, 'PUT', `/api/2.0/crm/contact/person/${id}`, { token: user.token, json: { firstName: 'Kept', shareType: 1, companyId: secret } });
    expect(res.status, res.raw).toBe(200);
    expect(res.response).not.toHaveProperty('company'); // not shown to this reader…
    expect((await call(t, 'GET', `/api/2.0/crm/contact/${id}`)).response.company.id).toBe(secret); // …but kept
  });

  it('does not reach another tenant\'s contacts', async () => {
    await createTenant(t.deps, { name: 'Other', adminEmail: 'other-admin@example.test', adminPassword: 'other-password-1' });
    const token2 = await t.login('other-admin@example.test', 'other-password-1');
    const id = await person();
    await expectRefused(404, `Contact ${id} not found`, () => call(t, 'PUT', `/api/2.0/crm/contact/person/${id}`, { token: token2, json: { firstName: 'x', shareType: 1 } }));
    await expectRefused(404, `Contact ${id} not found`, () => call(t, 'DELETE', `/api/2.0/crm/contact/${id}`, { token: token2 }));
    const batch = await call(t, 'PUT', '/api/2.0/crm/contact', { token: token2, json: { contactids: [id] } });
    expect(batch.status).toBe(200);
    expect(batch.response).toEqual([]);
    expect((await call(t, 'GET', `/api/2.0/crm/contact/${id}`)).status).toBe(200);
  });
});

describe('PUT crm/contact/company/{companyid}', () => {
  it('replaces a company, keeps its persons, and answers the full Company', async () => {
    const p = await person();
    const id = await company({ companyName: 'Old Name', about: 'x', personList: [p], shareType: 2 });
    const res = await call(t, 'PUT', `/api/2.0/crm/contact/company/${id}`, { form: `companyName=New+Name&shareType=ReadWrite&personList=${p}` });
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toMatchObject({ id, companyName: 'New Name', displayName: 'New Name', about: '', shareType: 1, personsCount: 1, canEdit: true });
    const [updated] = await auditOf('contact', id);
    expect(updated!.changes).toEqual({ companyName: { before: 'Old Name', after: 'New Name' }, about: { before: 'x', after: '' }, shareType: { before: 2, after: 1 } });
  });

  it('refuses a missing name, a person id, and callers who may not edit', async () => {
    const id = await company({ shareType: 2 });
    await expectRefused(400, 'companyName: is required', () => call(t, 'PUT', `/api/2.0/crm/contact/company/${id}`, { json: { about: 'x' } }));
    await expectRefused(400, /^companyName: at most 255/, () => call(t, 'PUT', `/api/2.0/crm/contact/company/${id}`, { json: { companyName: 'c'.repeat(256) } }));
    const p = await person();
    await expectRefused(404, `Company ${p} not found: contact ${p} is a person`, () => call(t, 'PUT', `/api/2.0/crm/contact/company/${p}`, { json: { companyName: 'x' } }));
    await expectRefused(403, /^Access Denied/, () => call(t, 'PUT', `/api/2.0/crm/contact/company/${id}`, { token: user.token, json: { companyName: 'x', shareType: 1 } }));
    const guest = await t.createUser({ isVisitor: true });
    await expectRefused(403, 'Forbidden', () => call(t, 'PUT', `/api/2.0/crm/contact/company/${id}`, { token: guest.token, json: { companyName: 'x' } }));
  });
});

describe('DELETE crm/contact/{contactid}', () => {
  it('deletes a company with its information and access list, unlinks its persons and opportunities; answers it as it was', async () => {
    const p = await person();
    const id = await company({ companyName: 'Doomed', personList: [p], shareType: 0, managerList: [user.id] });
    const info = (await call(t, 'POST', `/api/2.0/crm/contact/${id}/data`, { json: { infoType: 'Email', data: 'doomed@x.test' } })).response;
    const stages = (await call(t, 'GET', '/api/2.0/crm/opportunity/stage')).response as { id: number }[];
    const deal = (await call(t, 'POST', '/api/2.0/crm/opportunity', {
      json: { contactid: id, members: [p], title: 'Doomed deal', responsibleid: w.adminId, bidCurrencyAbbr: 'EUR', stageid: stages[0]!.id },
    })).response;
    const res = await call(t, 'DELETE', `/api/2.0/crm/contact/${id}`, { token: user.token });
    expect(res.status, res.raw).toBe(200);
    expect(res.response).toMatchObject({ id, companyName: 'Doomed', isCompany: true, personsCount: 1, canDelete: true, commonData: [{ id: info.id, data: 'doomed@x.test' }] });
    expect((await call(t, 'GET', `/api/2.0/crm/contact/${id}`)).status).toBe(404);
    const db = t.deps.store.db;
    expect(await db.selectFrom('contact_infos').select('id').where('contact_id', '=', id).execute()).toEqual([]);
    expect(await db.selectFrom('contact_access').select('user_id').where('contact_id', '=', id).execute()).toEqual([]);
    expect((await call(t, 'GET', `/api/2.0/crm/contact/${p}`)).response).not.toHaveProperty('company');
    const row = await db.selectFrom('opportunities').select('contact_id').where('id', '=', deal.id).executeTakeFirstOrThrow();
    expect(Number(row.contact_id)).toBe(0);
    const members = await db.selectFrom('opportunity_members').select('contact_id').where('opportunity_id', '=', deal.id).execute();
    expect(members.map((m) => Number(m.contact_id))).toEqual([p]);
    // One audit record per changed object.
    expect((await auditOf('contact', id)).map((r) => r.action)).toEqual(['contact.deleted', 'contact.created']);
    expect((await auditOf('contact', id))[0]!.changes.companyName).toEqual({ before: 'Doomed' });
    expect((await auditOf('contact-info', info.id)).map((r) => r.action)).toEqual(['contact-info.deleted', 'contact-info.created']);
    expect((await auditOf('contact', p))[0]).toMatchObject({ action: 'contact.updated', changes: { companyId: { before: id, after: 0 } } });
    expect((await auditOf('opportunity', deal.id))[0]).toMatchObject({
      action: 'opportunity.updated', changes: { contactId: { before: id, after: 0 }, members: { before: [Math.min(id, p), Math.max(id, p)], after: [p] } },
    });
  });

  it('refuses a contact an invoice names as contact or consignee with 403, and writes nothing (§3.9)', async () => {
    const inv = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, { consigneeId: w.consigneeId, deliveryAddressId: w.consigneeDeliveryAddressId }) });
    expect(inv.status, inv.raw).toBe(201);
    await expectRefused(403, `Access Denied: contact ${w.contactId} is used by an invoice as its contact or consignee`, () => call(t, 'DELETE', `/api/2.0/crm/contact/${w.contactId}`));
    await expectRefused(403, /^Access Denied: contact \d+ is used by an invoice/, () => call(t, 'DELETE', `/api/2.0/crm/contact/${w.consigneeId}`));
    expect((await call(t, 'GET', `/api/2.0/crm/contact/${w.contactId}`)).response.canDelete).toBe(false);
  });

  it('answers 404 for a missing or unreadable contact, 403 for a read-only one, 400 for id 0', async () => {
    const hidden = await person({ shareType: 0 });
    const readOnly = await person({ shareType: 2 });
    await expectRefused(404, 'Contact 999999 not found', () => call(t, 'DELETE', '/api/2.0/crm/contact/999999', { token: user.token }));
    await expectRefused(404, `Contact ${hidden} not found`, () => call(t, 'DELETE', `/api/2.0/crm/contact/${hidden}`, { token: user.token }));
    await expectRefused(403, `Access Denied: you may read but not edit contact ${readOnly}`, () => call(t, 'DELETE', `/api/2.0/crm/contact/${readOnly}`, { token: user.token }));
    await expectRefused(400, 'contactid: must be a positive contact id (got 0)', () => call(t, 'DELETE', '/api/2.0/crm/contact/0'));
    expect((await call(t, 'DELETE', '/api/2.0/crm/contact/abc')).status).toBe(404);
  });
});

describe('audit of contact creates', () => {
  it('records the new person and company, and each person a new company takes over', async () => {
    const oldCo = await company({ companyName: 'Old Co' });
    const p = await person({ firstName: 'Moved', companyId: oldCo, managerList: [user.id], shareType: 0 });
    const [created] = await auditOf('contact', p);
    expect(created).toMatchObject({
      action: 'contact.created',
      changes: { firstName: { after: 'Moved' }, companyId: { after: oldCo }, shareType: { after: 0 }, accessList: { after: [user.id] }, isCompany: { after: false } },
    });
    const co = await company({ companyName: 'New Co', personList: [p] });
    expect((await auditOf('contact', co))[0]).toMatchObject({ action: 'contact.created', changes: { companyName: { after: 'New Co' } } });
    expect((await auditOf('contact', p))[0]).toEqual(expect.objectContaining({ action: 'contact.updated', changes: { companyId: { before: oldCo, after: co } } }));
  });
});

describe.runIf(dialectUnderTest === 'postgres')('concurrent writes (PostgreSQL row locks)', () => {
  it('a delete waits for a transaction that key-share locked the contact, then sees its invoice (403)', async () => {
    const id = await person({ firstName: 'Contended' });
    const db = t.deps.store.db;
    let release!: () => void;
    let locked!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const holding = new Promise<void>((r) => { locked = r; });
    const writer = db.transaction().execute(async (trx) => {
      await lockContactsShared(trx, 'postgres', 1, [id]);
      const now = t.clock.now();
      await trx.insertInto('invoices').values({
        tenant_id: 1, status: 1, number: 'LOCK-1', number_key: 'lock-1', issue_date: now, due_date: now, template_type: 0,
        contact_id: id, consignee_id: 0, entity_type: 1, entity_id: 0, billing_address_id: 0, delivery_address_id: 0,
        language: 'en-US', currency: 'EUR', exchange_rate: 1_000_000, purchase_order_number: '', terms: '', description: '', json_data: '', file_id: 0,
        created_by: 'x', created_at: now, updated_by: 'x', updated_at: now,
      }).execute();
      locked();
      await gate;
    });
    await holding;
    const deleting = call(t, 'DELETE', `/api/2.0/crm/contact/${id}`);
    await new Promise((r) => setTimeout(r, 150));
    release();
    await writer;
    const res = await deleting;
    expect(res.status, res.raw).toBe(403);
    expect((await call(t, 'GET', `/api/2.0/crm/contact/${id}`)).status).toBe(200);
  });

  it('two deletes of one contact: one answers it, the other 404', async () => {
    const id = await person({ firstName: 'Twice' });
    const results = await Promise.all([call(t, 'DELETE', `/api/2.0/crm/contact/${id}`), call(t, 'DELETE', `/api/2.0/crm/contact/${id}`)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 404]);
  });
});

describe('PUT crm/contact (batch delete)', () => {
  it('deletes the deletable contacts and skips the others; answers the deleted ones as ContactBase', async () => {
    const a = await person({ firstName: 'A' });
    const b = await company({ companyName: 'B', shareType: 0, managerList: [user.id] });
    const hidden = await person({ shareType: 0 });
    const readOnly = await person({ shareType: 2 });
    const res = await call(t, 'PUT', '/api/2.0/crm/contact', { token: user.token, json: { contactids: [b, a, hidden, readOnly, w.contactId, 999999, a] } });
    expect(res.status, res.raw).toBe(200);
    expect(res.body.count).toBe(2);
    expect(res.response.map((c: { id: number }) => c.id)).toEqual([a, b]);
    expect(res.response[1]).toMatchObject({ id: b, displayName: 'B', isCompany: true, isPrivate: true, canDelete: false });
    expect(res.response[1].accessList.map((e: { id: string }) => e.id)).toEqual([user.id]);
    expect(res.response[0]).not.toHaveProperty('commonData');
    for (const id of [a, b]) expect((await call(t, 'GET', `/api/2.0/crm/contact/${id}`)).status).toBe(404);
    for (const id of [hidden, readOnly, w.contactId]) expect((await call(t, 'GET', `/api/2.0/crm/contact/${id}`)).status).toBe(200);
  });

  it('takes contactids in every list form', async () => {
    const [a, b, c, d] = [await person(), await person(), await person(), await person()];
    const form = await call(t, 'PUT', '/api/2.0/crm/contact', { form: `contactids[]=${a}&contactids[]=${b}` });
    expect(form.response.map((x: { id: number }) => x.id)).toEqual([a, b]);
    const comma = await call(t, 'PUT', `/api/2.0/crm/contact?contactids=${c},${d}`);
    expect(comma.status, comma.raw).toBe(200);
    expect(comma.response.map((x: { id: number }) => x.id)).toEqual([c, d]);
  });

  it('refuses an empty list with 400', async () => {
    await expectRefused(400, 'contactids: at least one contact id is required', () => call(t, 'PUT', '/api/2.0/crm/contact', { json: { contactids: [] } }));
    await expectRefused(400, 'contactids: at least one contact id is required', () => call(t, 'PUT', '/api/2.0/crm/contact'));
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await t.app.inject({ url: '/api/2.0/openapi.json' })).json();
    for (const [path, method] of [
      ['/api/2.0/crm/contact/person/{personid}', 'put'], ['/api/2.0/crm/contact/company/{companyid}', 'put'],
      ['/api/2.0/crm/contact/{contactid}', 'delete'], ['/api/2.0/crm/contact', 'put'],
    ] as const) {
      const op = doc.paths[path]?.[method];
      expect(op?.tags, `${method} ${path}`).toEqual(['contacts']);
      expect(op.description, `${method} ${path}`).toBeTypeOf('string');
    }
  });
});
