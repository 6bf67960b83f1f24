// The organisation logo (spec §5.17): upload by PUT or POST with a multipart file part, reset,
// read as base64; admin-only writes; every refusal writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganisationLogo } from '../../src/store/logos.store.js';
import { createTenant } from '../../src/use-cases/tenants/tenants.js';
import { call } from '../support/api.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let user: { id: string; token: string };

beforeAll(async () => {
  t = await createTestApp();
  user = await t.createUser();
});
afterAll(async () => t?.close());

const LOGO = '/api/2.0/crm/settings/organisation/logo';

// A 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(32, 1), Buffer.from([0xff, 0xd9])]);
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const SVG = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n');

interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  type?: string;
}

/** A multipart/form-data body with binary file parts. */
function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----ledgerline-logo-boundary-42';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    const type = p.filename !== undefined ? `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`), Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(parts: Part[], opts: { method?: 'PUT' | 'POST'; token?: string; url?: string } = {}) {
  const { payload, headers } = multipart(parts);
  const res = await t.app.inject({
    method: opts.method ?? 'PUT', url: opts.url ?? LOGO, payload, headers: { ...headers, authorization: opts.token ?? t.adminToken },
  });
  return { status: res.statusCode, body: res.json(), raw: res.body };
}

const file = (data: Buffer, type = 'image/png', filename = 'logo.png'): Part => ({ name: 'file', value: data, filename, type });

/** What a refusal must leave untouched: the logo rows and the current logo id. */
async function logoState() {
  const db = t.deps.store.db;
  const rows = await db.selectFrom('organisation_logos').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  const s = await db.selectFrom('tenant_settings').select('company_logo_id').where('tenant_id', '=', 1).executeTakeFirstOrThrow();
  return { rows: Number(rows.n), current: Number(s.company_logo_id) };
}

async function refused(p: Promise<{ status: number; body: any; raw: string }>, status: number, message: RegExp) {
  const before = await logoState();
  const r = await p;
  expect(r.status, r.raw).toBe(status);
  expect(r.body).toMatchObject({ status: 1, statusCode: status });
  expect(r.body.error.message).toMatch(message);
  expect(await logoState()).toEqual(before);
}

describe('PUT/POST crm/settings/organisation/logo: upload', () => {
  it('PUT with a PNG file part stores it and answers its id; settings and GET show it', async () => {
    const r = await upload([file(PNG)]);
    expect(r.status, r.raw).toBe(200);
    expect(r.body).toMatchObject({ count: 1, status: 0, statusCode: 200 });
    const id = r.body.response;
    expect(Number.isInteger(id) && id > 0).toBe(true);
    expect((await call(t, 'GET', '/api/2.0/crm/invoice/settings', { token: user.token })).response.companyLogoID).toBe(id);
    const current = await call(t, 'GET', LOGO, { token: user.token });
    expect(current.status).toBe(200);
    expect(current.response).toBe(PNG.toString('base64'));
    expect(current.body.count).toBe(PNG.toString('base64').length); // a string answer counts its length (spec §1.4)
    expect((await call(t, 'GET', `${LOGO}?id=${id}`)).response).toBe(PNG.toString('base64'));
    expect((await call(t, 'GET', `${LOGO}.json?ID=0`)).response).toBe(PNG.toString('base64'));
  });

  it('POST takes the same upload and answers 201', async () => {
    const r = await upload([file(GIF, 'image/gif', 'logo.gif')], { method: 'POST' });
    expect(r.status, r.raw).toBe(201);
    expect((await call(t, 'GET', LOGO)).response).toBe(GIF.toString('base64'));
  });

  it('recognises JPEG, GIF and SVG by content, whatever type the client declares', async () => {
    for (const [data, type] of [[JPEG, 'image/jpeg'], [GIF, 'image/gif'], [SVG, 'image/svg+xml'], [PNG, 'image/png']] as const) {
      const r = await upload([file(data, 'application/octet-stream', 'upload.bin')]);
      expect(r.status, r.raw).toBe(200);
      const logo = await findOrganisationLogo(t.deps.store.db, 1, r.body.response);
      expect(logo).toEqual({ id: r.body.response, contentType: type, dataBase64: data.toString('base64') });
    }
  });

  it('takes form fields beside the file, and the field name of the file does not matter', async () => {
    const r = await upload([{ name: 'reset', value: 'false' }, { name: 'Filedata', value: SVG, filename: 'logo.svg', type: 'image/svg+xml' }]);
    expect(r.status, r.raw).toBe(200);
    expect((await call(t, 'GET', LOGO)).response).toBe(SVG.toString('base64'));
  });

  it('takes a file as large as the default 1 MiB body limit allows', async () => {
    // The whole multipart body counts against the 1 MiB request limit (413 beyond it), so the
    // largest logo that fits is 1 MiB less the multipart framing (a few hundred bytes).
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024 - 1024 - PNG.length, 0)]);
    const r = await upload([file(big)]);
    expect(r.status, r.raw).toBe(200);
    expect((await findOrganisationLogo(t.deps.store.db, 1, r.body.response))!.dataBase64).toBe(big.toString('base64'));
  });

  it('earlier logos stay readable by id (invoice snapshots name the logo they were made with)', async () => {
    const first = (await upload([file(PNG)])).body.response;
    const second = (await upload([file(GIF, 'image/gif')])).body.response;
    expect(second).toBeGreaterThan(first);
    expect((await call(t, 'GET', `${LOGO}?id=${first}`)).response).toBe(PNG.toString('base64'));
    expect((await call(t, 'GET', LOGO)).response).toBe(GIF.toString('base64'));
  });
});

describe('PUT crm/settings/organisation/logo: reset', () => {
  it('reset=true clears the logo and answers 0; GET then answers ""', async () => {
    expect((await upload([file(PNG)])).status).toBe(200);
    for (const send of [
      () => call(t, 'PUT', LOGO, { json: { reset: true } }),
      () => call(t, 'PUT', `${LOGO}?Reset=true`),
      () => call(t, 'PUT', LOGO, { form: 'reset=true' }),
      () => upload([{ name: 'reset', value: 'true' }, file(PNG)]),
      () => upload([{ name: 'reset', value: 'true' }], { method: 'POST' }),
    ]) {
      const r = await send();
      expect([200, 201], r.raw).toContain(r.status);
      expect(r.body.response).toBe(0);
      expect((await logoState()).current).toBe(0);
      expect((await call(t, 'GET', '/api/2.0/crm/invoice/settings')).response.companyLogoID).toBe(0);
      const current = await call(t, 'GET', LOGO);
      expect(current.body).toEqual({ status: 0, statusCode: 200, response: '' });
    }
  });
});

describe('organisation logo: refusals write nothing', () => {
  it('a non-admin gets 403 "Access Denied" for upload and reset', async () => {
    await refused(upload([file(PNG)], { token: user.token }), 403, /^Access Denied: only a CRM administrator may change the organisation profile$/);
    await refused(upload([file(PNG)], { token: user.token, method: 'POST' }), 403, /^Access Denied/);
    await refused(call(t, 'PUT', LOGO, { json: { reset: true }, token: user.token }), 403, /^Access Denied/);
  });

  it('guests get 403 on every logo route, readers included', async () => {
    const guest = await t.createUser({ isVisitor: true });
    await refused(upload([file(PNG)], { token: guest.token }), 403, /^Forbidden$/);
    expect((await call(t, 'GET', LOGO, { token: guest.token })).status).toBe(403);
  });

  it('no file and no reset → 400', async () => {
    await refused(call(t, 'PUT', LOGO), 400, /A logo file is required/);
    await refused(call(t, 'PUT', LOGO, { json: { reset: false } }), 400, /A logo file is required/);
    await refused(upload([{ name: 'reset', value: 'false' }]), 400, /A logo file is required/);
  });

  it('not an image (whatever its declared type), or an empty file → 400', async () => {
    await refused(upload([file(Buffer.from('just text'), 'image/png', 'fake.png')]), 400, /must be a PNG, JPEG, GIF or SVG image; the file sent \(image\/png\)/);
    await refused(upload([file(Buffer.from('%PDF-1.7\n'), 'application/pdf', 'doc.pdf')]), 400, /must be a PNG, JPEG, GIF or SVG/);
    await refused(upload([file(Buffer.from('<html><svg></svg></html>'), 'text/html')]), 400, /must be a PNG, JPEG, GIF or SVG/);
    await refused(upload([file(Buffer.alloc(0))]), 400, /The logo file is empty/);
  });

  it('an SVG with a DOCTYPE, entities or scripts → 400', async () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>';
    await refused(upload([file(Buffer.from(xxe), 'image/svg+xml')]), 400, /must not contain a DOCTYPE/);
    const script = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    await refused(upload([file(Buffer.from(script), 'image/svg+xml')]), 400, /must not contain scripts/);
  });

  it('a file over 1 MiB → 413', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024 + 1 - PNG.length, 0)]);
    await refused(upload([file(big)]), 413, /too large/);
  });

  it('with a larger body limit, exactly 1 MiB is taken and one byte more is 413 (the logo rule itself)', async () => {
    const roomy = await createTestApp({ env: { LEDGERLINE_BODY_LIMIT: String(4 * 1024 * 1024) } });
    try {
      const send = (data: Buffer) => {
        const { payload, headers } = multipart([file(data)]);
        return roomy.app.inject({ method: 'PUT', url: LOGO, payload, headers: { ...headers, authorization: roomy.adminToken } });
      };
      const exact = await send(Buffer.concat([PNG, Buffer.alloc(1024 * 1024 - PNG.length, 0)]));
      expect(exact.statusCode, exact.body).toBe(200);
      const over = await send(Buffer.concat([PNG, Buffer.alloc(1024 * 1024 + 1 - PNG.length, 0)]));
      expect(over.statusCode).toBe(413);
      expect(over.json().error.message).toBe('The logo must be at most 1048576 bytes (1 MiB); got 1048577');
      const rows = await roomy.deps.store.db.selectFrom('organisation_logos').select('id').execute();
      expect(rows.map((r) => r.id)).toEqual([exact.json().response]);
    } finally {
      await roomy.close();
    }
  });

  it('a malformed reset → 400', async () => {
    await refused(call(t, 'PUT', LOGO, { json: { reset: 'sometimes' } }), 400, /reset: "sometimes" is not a valid boolean/);
  });
});

describe('GET crm/settings/organisation/logo?id=', () => {
  it('404 for an unknown id or a logo of another portal; 400 for a negative id', async () => {
    const email = `logo-other.${process.pid}@example.test`;
    await createTenant(t.deps, { name: 'Other portal', adminEmail: email, adminPassword: 'other-password-1' });
    const other = await t.login(email, 'other-password-1');
    const { payload, headers } = multipart([file(PNG)]);
    const theirs = await t.app.inject({ method: 'PUT', url: LOGO, payload, headers: { ...headers, authorization: other } });
    expect(theirs.statusCode, theirs.body).toBe(200);
    const theirId = theirs.json().response as number;

    const r = await call(t, 'GET', `${LOGO}?id=${theirId}`);
    expect(r.status).toBe(404);
    expect(r.body.error.message).toBe(`Organisation logo ${theirId} not found`);
    expect((await call(t, 'GET', `${LOGO}?id=99999999`)).status).toBe(404);
    expect((await call(t, 'GET', `${LOGO}?id=-1`)).status).toBe(400);
    expect((await call(t, 'GET', `${LOGO}?id=abc`)).status).toBe(400);
    // Their own reader sees it; the store is tenant-scoped too (the PDF renderer reads through it).
    expect((await call(t, 'GET', `${LOGO}?id=${theirId}`, { token: other })).response).toBe(PNG.toString('base64'));
    expect(await findOrganisationLogo(t.deps.store.db, 1, theirId)).toBeUndefined();
    expect(await findOrganisationLogo(t.deps.store.db, 1, 0)).toBeUndefined();
  });

  it('a fresh portal answers "" and companyLogoID 0', async () => {
    const fresh = await createTestApp();
    try {
      expect((await call(fresh, 'GET', LOGO)).body).toEqual({ status: 0, statusCode: 200, response: '' });
      expect((await call(fresh, 'GET', '/api/2.0/crm/invoice/settings')).response.companyLogoID).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});
