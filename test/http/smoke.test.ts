import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('people/@self', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => t?.close());

  it('answers the calling admin in the envelope', async () => {
    const res = await t.app.inject({ url: '/api/2.0/people/@self', headers: { authorization: t.adminToken } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ count: 1, status: 0, statusCode: 200, response: { email: 'admin@example.test', isAdmin: true } });
  });
});
