// A short way to call the API in tests: JSON by default, form or raw bodies when asked.
import { expect } from 'vitest';
import type { TestApp } from './test-app.js';

export interface ApiResult {
  status: number;
  /** The parsed envelope. */
  body: any;
  /** `body.response` for convenience. */
  response: any;
  raw: string;
  headers: Record<string, unknown>;
}

export interface CallOptions {
  token?: string | null;
  /** JSON body (default) … */
  json?: unknown;
  /** … or an urlencoded body given as a string or pairs. */
  form?: string | [string, string][];
  headers?: Record<string, string>;
}

export async function call(t: TestApp, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, opts: CallOptions = {}): Promise<ApiResult> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const token = opts.token === undefined ? t.adminToken : opts.token;
  if (token) headers.authorization = token;
  let payload: string | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    payload = JSON.stringify(opts.json);
  } else if (opts.form !== undefined) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    payload = typeof opts.form === 'string' ? opts.form : new URLSearchParams(opts.form).toString();
  }
  const res = await t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
  let body: any;
  try {
    body = res.json();
  } catch {
    body = undefined;
  }
  return { status: res.statusCode, body, response: body?.response, raw: res.body, headers: res.headers as Record<string, unknown> };
}

/**
 * Expects a refusal in the error envelope with this status and message, and proves nothing was
 * written: `state` (the rows the request could touch) reads the same before and after.
 */
export async function expectRefusedUnchanged(
  state: () => Promise<unknown>,
  req: () => Promise<Pick<ApiResult, 'status' | 'body' | 'raw'>>,
  status: number,
  message: string | RegExp,
): Promise<void> {
  const before = await state();
  const res = await req();
  expect(res.status, res.raw).toBe(status);
  expect(res.body).toMatchObject({ status: 1, statusCode: status });
  if (typeof message === 'string') expect(res.body.error.message).toBe(message);
  else expect(res.body.error.message).toMatch(message);
  expect(await state()).toEqual(before);
}
