// Minimal reproductions of the bugs the fuzzer found (see known-bugs.ts), each asserting the correct
// behaviour. All are fixed; they stay as regression tests.
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectUnderTest } from '../support/database.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

function expectEnvelope(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number): void {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
  const env = JSON.parse(res.body);
  expect(env).toMatchObject({ status: 1, statusCode: status, error: { message: expect.any(String) } });
}

describe(`bugs found by fuzzing (${dialectUnderTest})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  // Control: the same answers are fine where Fastify's own error handler is involved.
  it('a bad percent escape in the query string still answers in the envelope (control)', async () => {
    const res = await t.app.inject({ url: '/api/2.0/crm/invoice/tax?a=%zz', headers: { authorization: t.adminToken } });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).status).toBe(0);
  });

  // BUG router-errors-not-enveloped: 400 {"error":"Bad Request","code":"FST_ERR_BAD_URL",...}
  it('a bad percent escape in a path segment answers 400 in the envelope', async () => {
    const res = await t.app.inject({ url: '/api/2.0/crm/invoice/%zz', headers: { authorization: t.adminToken } });
    expectEnvelope(res, 400);
  });

  // BUG router-errors-not-enveloped: 414 {"error":"Bad Request","code":"FST_ERR_MAX_PARAM_LENGTH",...}
  it('a path parameter over 100 characters answers in the envelope', async () => {
    const res = await t.app.inject({ url: `/api/2.0/crm/invoice/${'1'.repeat(101)}`, headers: { authorization: t.adminToken } });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expectEnvelope(res, res.statusCode);
  });

  // PostgreSQL-only bugs: on SQLite the same requests answer 4xx/2xx, so the cases are plain `it`
  // there and `it.fails` on PostgreSQL.
  const pgBug = it;

  // BUG pg-nul-in-strings: 500 {"status":1,"statusCode":500,"error":{"message":"Server error",...}}
  pgBug('a NUL character in a string parameter is never a 5xx', async () => {
    for (const [method, url] of [
      ['GET', '/api/2.0/crm/invoiceitem/filter?filterValue=%00'],
      ['GET', '/api/2.0/crm/invoice/bynumber?number=a%00b'],
      ['GET', '/api/2.0/people/a%00b'],
      ['POST', '/api/2.0/crm/invoice/tax?name=a%00b&rate=1'],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: { authorization: t.adminToken } });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(500);
    }
  });

  pgBug('a NUL character in the login name is a 400, not a 5xx', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/2.0/authentication', payload: { userName: 'a\u0000b', password: 'x' } });
    expect(res.statusCode, res.body).toBe(400);
  });

  // BUG pg-int4-path-ids: 500 where the other id params answer 400
  pgBug('an invoice or file id above 2^31-1 in the path is a 4xx, not a 5xx', async () => {
    for (const url of ['/api/2.0/crm/invoice/2147483648', '/api/2.0/crm/invoice/2147483648/pdf', '/api/2.0/crm/invoice/jsondata/2147483648', '/api/2.0/crm/files/2147483648/download']) {
      const res = await t.app.inject({ url, headers: { authorization: t.adminToken } });
      expect(res.statusCode, `${url}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
    }
    const del = await t.app.inject({ method: 'DELETE', url: '/api/2.0/crm/invoice/2147483648', headers: { authorization: t.adminToken } });
    expect(del.statusCode, del.body).toBeLessThan(500);
  });

  // BUG multipart-file-crash: busboy destroys the file part's stream with "Unexpected end of
  // form"; nothing listens for 'error' on it (content-types.ts:48-52), so the process gets an
  // uncaught exception — a real server dies. Run in a child process so the crash cannot take the
  // test worker with it.
  let child: { status: number | null; stdout: string; stderr: string } | undefined;
  const runChild = () => {
    if (child) return child;
    const dir = mkdtempSync(join(tmpdir(), 'll-fuzz-repro-'));
    const script = join(dir, 'repro.mts');
    writeFileSync(
      script,
      `import { createTestApp } from ${JSON.stringify(resolve('test/support/test-app.ts'))};
const t = await createTestApp();
console.log('STARTED');
const payload = '--B\\r\\nContent-Disposition: form-data; name="file"; filename="a.png"\\r\\nContent-Type: image/png\\r\\n\\r\\nabc';
const res = await t.app.inject({ method: 'POST', url: '/api/2.0/crm/settings/organisation/logo',
  headers: { authorization: t.adminToken, 'content-type': 'multipart/form-data; boundary=B' }, payload });
console.log('ANSWER', res.statusCode, res.body);
await new Promise((r) => setTimeout(r, 200));
await t.close();
console.log('SURVIVED');
`,
    );
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: process.cwd(), env: process.env, encoding: 'utf8', timeout: 60_000 });
      child = { status: r.status, stdout: r.stdout, stderr: r.stderr };
      return child;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('the multipart reproduction harness starts an app (control)', () => {
    expect(runChild().stdout).toMatch(/STARTED/);
  }, 90_000);

  it('a multipart file part cut before the closing boundary answers 400 and the process survives', () => {
    const c = runChild();
    expect(c.stdout).toMatch(/STARTED/);
    expect(c.stderr).not.toMatch(/Unexpected end of form/);
    expect(c.stdout).toMatch(/ANSWER 400 .*"status":1/);
    expect(c.stdout).toMatch(/SURVIVED/);
    expect(c.status).toBe(0);
  }, 90_000);
});
