// GET crm/invoice/{id}/pdf (spec §4.11, File shape §2.3.17) with the fileID bookkeeping of §3.10,
// the downloads (our extension), POST crm/invoice/converter/data (§4.12), and the rights of each:
// 400 for ids ≤ 0, 404 when missing, 403 without access, and a refusal writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api.js';
import { insertContact } from '../support/crm-fixtures.js';
import { buildWorld, invoiceBody, type World } from '../support/invoice-world.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(async () => t?.close());

const create = async (over: Record<string, unknown> = {}, token?: string): Promise<{ id: number; number: string }> => {
  const r = await call(t, 'POST', '/api/2.0/crm/invoice', { json: invoiceBody(w, over), ...(token ? { token } : {}) });
  expect(r.status, r.raw).toBe(201);
  return r.response;
};
const pdf = (id: number | string, token?: string) => call(t, 'GET', `/api/2.0/crm/invoice/${id}/pdf`, token ? { token } : {});
const fileIdOf = async (id: number) => (await call(t, 'GET', `/api/2.0/crm/invoice/${id}`)).response.fileID as number;
const raw = (url: string, token: string = t.adminToken) => t.app.inject({ method: 'GET', url, headers: { authorization: token } });

/** The stored files and the PDF audit records: a request that regenerates changes these. */
async function fileState() {
  const db = t.deps.store.db;
  const files = await db.selectFrom('invoice_files').select(['id', 'invoice_id']).orderBy('id').execute();
  const audits = await db.selectFrom('audit_log').select('id').where('action', '=', 'invoice.pdf-generated').execute();
  return { files: files.map((f) => [Number(f.id), Number(f.invoice_id)]), audits: audits.length };
}

describe('GET crm/invoice/{id}/pdf', () => {
  it('answers the File shape; the first request generates and stores the PDF and sets fileID', async () => {
    const inv = await create({ number: 'FILE-1' });
    expect(await fileIdOf(inv.id)).toBe(0);
    const me = (await call(t, 'GET', '/api/2.0/people/@self')).response;
    const r = await pdf(inv.id);
    expect(r.status, r.raw).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    const f = r.response;
    expect(f).toMatchObject({
      title: 'FILE-1.pdf', fileExst: '.pdf', fileType: 7, version: 1, versionGroup: 1, access: 0, shared: false, fileStatus: 0, rootFolderType: 2,
      createdBy: { id: me.id }, updatedBy: { id: me.id }, created: '2026-01-15T09:30:00.0000000+00:00',
    });
    expect(f.id).toBeGreaterThan(0);
    expect(f.viewUrl).toBe(`http://localhost:80/api/2.0/crm/files/${f.id}/download`);
    expect(f.pureContentLength).toBeGreaterThan(5000);
    expect(f.contentLength).toBe(`${(f.pureContentLength / 1024).toLocaleString('en-US', { maximumFractionDigits: 2 })} KB`);
    expect(await fileIdOf(inv.id)).toBe(f.id);

    const d = await raw(new URL(f.viewUrl).pathname);
    expect(d.statusCode).toBe(200);
    expect(d.headers['content-type']).toBe('application/pdf');
    expect(d.headers['content-disposition']).toBe(`attachment; filename="FILE-1.pdf"; filename*=UTF-8''FILE-1.pdf`);
    expect(d.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(d.rawPayload.length).toBe(f.pureContentLength);
  });

  it('a second request answers the same file without regenerating; the .json suffix works', async () => {
    const inv = await create();
    const first = (await pdf(inv.id)).response;
    const before = await fileState();
    t.clock.advance(60_000);
    const second = await call(t, 'GET', `/api/2.0/crm/invoice/${inv.id}/pdf.json`);
    expect(second.status).toBe(200);
    expect(second.response).toEqual(first);
    const bytes = await raw(`/api/2.0/crm/invoice/${inv.id}/pdf/download`);
    expect(bytes.rawPayload.length).toBe(first.pureContentLength);
    expect(await fileState()).toEqual(before);
  });

  it('PUT invoice resets fileID to 0; the next request makes a new file and the old one is gone', async () => {
    const inv = await create();
    const old = (await pdf(inv.id)).response;
    expect((await call(t, 'PUT', `/api/2.0/crm/invoice/${inv.id}`, { json: invoiceBody(w, { terms: 'Net 10' }) })).status).toBe(200);
    expect(await fileIdOf(inv.id)).toBe(0);
    const fresh = (await pdf(inv.id)).response;
    expect(fresh.id).not.toBe(old.id);
    expect(await fileIdOf(inv.id)).toBe(fresh.id);
    expect((await raw(`/api/2.0/crm/files/${old.id}/download`)).statusCode).toBe(404);
    expect((await fileState()).files.filter(([, invoiceId]) => invoiceId === inv.id)).toEqual([[fresh.id, inv.id]]);
  });

  it('a line change and sending the invoice reset it too; paying it does not', async () => {
    const inv = await create();
    let id = (await pdf(inv.id)).response.id;
    const line = await call(t, 'POST', '/api/2.0/crm/invoiceline', { json: { invoiceId: inv.id, invoiceItemID: w.item2Id, quantity: 1, price: 5 } });
    expect(line.status, line.raw).toBe(201);
    expect(await fileIdOf(inv.id)).toBe(0);
    const afterLine = (await pdf(inv.id)).response.id;
    expect(afterLine).not.toBe(id);
    id = afterLine;
    expect((await call(t, 'PUT', '/api/2.0/crm/invoice/status/2', { json: { invoiceids: [inv.id] } })).status).toBe(200);
    expect(await fileIdOf(inv.id)).toBe(0);
    const sent = (await pdf(inv.id)).response.id;
    expect(sent).not.toBe(id);
    expect((await call(t, 'PUT', '/api/2.0/crm/invoice/status/4', { json: { invoiceids: [inv.id] } })).status).toBe(200);
    expect(await fileIdOf(inv.id)).toBe(sent);
    expect((await pdf(inv.id)).response.id).toBe(sent);
  });

  it('generating records one audit entry; deleting the invoice deletes its file', async () => {
    const inv = await create();
    const f = (await pdf(inv.id)).response;
    const audit = await t.deps.store.db.selectFrom('audit_log').select(['action', 'target_ids', 'changes']).where('action', '=', 'invoice.pdf-generated').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.target_ids)).toEqual([inv.id]);
    expect(JSON.parse(audit.changes)).toEqual({ fileID: { before: 0, after: f.id }, contentLength: { after: f.pureContentLength } });
    expect((await call(t, 'DELETE', `/api/2.0/crm/invoice/${inv.id}`)).status).toBe(200);
    expect((await fileState()).files.some(([id]) => id === f.id)).toBe(false);
  });
});

describe('rights and refusals', () => {
  let privateInvoice: number;
  let outsider: { id: string; token: string };
  beforeAll(async () => {
    const hidden = await insertContact(t, { shareType: 0, isCompany: true, name: 'Private Co' });
    privateInvoice = (await create({ contactId: hidden })).id;
    outsider = await t.createUser();
  });

  it('400 for ids ≤ 0, 404 when missing, 403 without CanAccess; nothing is written', async () => {
    const before = await fileState();
    for (const path of ['pdf', 'pdf/download']) {
      expect((await raw(`/api/2.0/crm/invoice/0/${path}`)).statusCode).toBe(400);
      expect((await raw(`/api/2.0/crm/invoice/-3/${path}`)).statusCode).toBe(400);
      const missing = await raw(`/api/2.0/crm/invoice/99999999/${path}`);
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toBe('application/json; charset=utf-8');
      const denied = await raw(`/api/2.0/crm/invoice/${privateInvoice}/${path}`, outsider.token);
      expect(denied.statusCode).toBe(403);
      expect(denied.json()).toMatchObject({ status: 1, statusCode: 403, error: { message: 'Access Denied' } });
    }
    expect(await fileState()).toEqual(before);
    expect(await fileIdOf(privateInvoice)).toBe(0);
  });

  it('files/{id}/download: 400, 404, and 403 when the file\'s invoice is not readable', async () => {
    const f = (await pdf(privateInvoice)).response;
    expect((await raw('/api/2.0/crm/files/0/download')).statusCode).toBe(400);
    expect((await raw('/api/2.0/crm/files/99999999/download')).statusCode).toBe(404);
    expect((await raw(`/api/2.0/crm/files/${f.id}/download`, outsider.token)).statusCode).toBe(403);
    expect((await raw(`/api/2.0/crm/files/${f.id}/download`)).statusCode).toBe(200);
  });

  it('a reader of the contact may get the PDF of an invoice someone else made', async () => {
    const inv = await create();
    const r = await pdf(inv.id, outsider.token);
    expect(r.status).toBe(200);
    expect(r.response.createdBy.id).toBe(outsider.id);
  });

  it('another tenant\'s file is not found', async () => {
    const f = (await pdf((await create()).id)).response;
    const other = await t.deps.store.db.insertInto('tenants').values({ name: 'Other', time_zone: 'UTC', default_currency: 'EUR', created_at: 0 }).returning('id').executeTakeFirstOrThrow();
    await t.deps.store.db.updateTable('invoice_files').set({ tenant_id: Number(other.id) }).where('id', '=', f.id).execute();
    expect((await raw(`/api/2.0/crm/files/${f.id}/download`)).statusCode).toBe(404);
    await t.deps.store.db.updateTable('invoice_files').set({ tenant_id: 1 }).where('id', '=', f.id).execute();
  });
});

describe('POST crm/invoice/converter/data', () => {
  it('answers ConverterData with fileId ≠ 0 at once; revisionId echoed, or a new one', async () => {
    const inv = await create();
    const r = await call(t, 'POST', '/api/2.0/crm/invoice/converter/data', { json: { invoiceId: inv.id, storageUrl: '', revisionId: '' } });
    expect(r.status, r.raw).toBe(201);
    expect(Object.keys(r.response)).toEqual(['storageUrl', 'revisionId', 'invoiceId', 'fileId']);
    expect(r.response.fileId).toBeGreaterThan(0);
    expect(r.response.invoiceId).toBe(inv.id);
    expect(r.response.revisionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.response.storageUrl).toBe(`http://localhost:80/api/2.0/crm/files/${r.response.fileId}/download`);
    expect(await fileIdOf(inv.id)).toBe(r.response.fileId);

    const again = await call(t, 'POST', '/api/2.0/crm/invoice/converter/data', { form: [['invoiceId', String(inv.id)], ['storageUrl', r.response.storageUrl], ['revisionId', 'rev-7']] });
    expect(again.response).toEqual({ ...r.response, revisionId: 'rev-7' });
    expect((await pdf(inv.id)).response.id).toBe(r.response.fileId);
    const d = await raw(new URL(r.response.storageUrl).pathname);
    expect(d.headers['content-type']).toBe('application/pdf');
  });

  it('400 for invoiceId ≤ 0 or missing, 404 when missing, 403 without access', async () => {
    const hidden = await insertContact(t, { shareType: 0, isCompany: true, name: 'Private Too' });
    const inv = await create({ contactId: hidden });
    const user = await t.createUser();
    const before = await fileState();
    const post = (json: unknown, token?: string) => call(t, 'POST', '/api/2.0/crm/invoice/converter/data', { json, ...(token ? { token } : {}) });
    const noId = await post({});
    expect(noId.status).toBe(400);
    expect(noId.body.error.message).toMatch(/invoiceId must be greater than 0/);
    expect((await post({ invoiceId: -1 })).status).toBe(400);
    expect((await post({ invoiceId: 99999999 })).status).toBe(404);
    expect((await post({ invoiceId: inv.id }, user.token)).status).toBe(403);
    expect(await fileState()).toEqual(before);
  });
});

describe('OpenAPI', () => {
  it('documents the routes under "invoice documents"', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/2.0/openapi.json' })).json();
    const paths = Object.keys(doc.paths).filter((p) => doc.paths[p].get?.tags?.includes('invoice documents') || doc.paths[p].post?.tags?.includes('invoice documents'));
    expect(paths.sort()).toEqual([
      '/api/2.0/crm/files/{fileid}/download',
      '/api/2.0/crm/invoice/converter/data',
      '/api/2.0/crm/invoice/{invoiceid}/pdf',
      '/api/2.0/crm/invoice/{invoiceid}/pdf/download',
    ]);
  });
});
