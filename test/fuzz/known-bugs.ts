// Bugs the fuzzer found that are not fixed yet. Each one is reproduced minimally by an `it.fails`
// case in known-bugs.test.ts; the fuzz run counts its matches apart so it still guards everything
// else. When the owner fixes one, its it.fails case starts failing: delete the entry and the case.
import type { FuzzRequest } from './requests.js';

export interface KnownBug {
  id: string;
  matches(req: FuzzRequest, problem: string, status: number, body: string): boolean;
}

/**
 * Router errors answer Fastify's default error body, not the envelope: a path with a bad percent
 * escape (`/api/2.0/crm/invoice/%zz` → 400 FST_ERR_BAD_URL) and a path parameter over 100
 * characters (→ 414 FST_ERR_MAX_PARAM_LENGTH). Fastify raises them before routing, so
 * setErrorHandler never sees them; `frameworkErrors` in src/app.ts would.
 */
const ROUTER_ERRORS: KnownBug = {
  id: 'router-errors-not-enveloped',
  matches: (_req, problem, status, body) => (status === 400 || status === 414) && /"code":"FST_ERR_(BAD_URL|MAX_PARAM_LENGTH)"/.test(body) && !problem.startsWith('5xx'),
};

const decoded = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/%00/g, '\u0000');
  }
};
const hasNul = (req: FuzzRequest) =>
  decoded(req.url).includes('\u0000') ||
  (req.payload !== undefined && (Buffer.isBuffer(req.payload) ? req.payload.includes(0) : /\u0000|\\u0000|%00/.test(req.payload)));

/**
 * PostgreSQL only: a U+0000 in any string that reaches a query is a 500 (PostgreSQL text cannot
 * hold NUL: "invalid byte sequence for encoding UTF8: 0x00"). SQLite stores it. Every string
 * parameter: GET crm/invoiceitem/filter?filterValue=%00, GET people/a%00b, POST authentication
 * with userName "a\u0000b", POST crm/invoice/tax?name=a%00b&rate=1, invoice/bynumber?number=%00 …
 */
const PG_NUL: KnownBug = {
  id: 'pg-nul-in-strings',
  matches: (req, problem, status) => process.env.TEST_DATABASE_URL !== undefined && status === 500 && problem.startsWith('5xx') && hasNul(req),
};

/**
 * PostgreSQL only: an invoice or file id above 2^31−1 in the path is a 500 ("value out of range for
 * type integer"): InvoiceIdParams (src/http/schemas/invoices.schemas.ts:38) and FileIdParams
 * (src/http/routes/documents.routes.ts:18) lack the `maximum: 2147483647` the other id params have.
 * GET crm/invoice/2147483648, …/pdf, …/pdf/download, invoice/jsondata/…, DELETE crm/invoice/…,
 * GET crm/files/2147483648/download.
 */
const PG_INT4: KnownBug = {
  id: 'pg-int4-path-ids',
  matches: (req, problem, status) => {
    if (process.env.TEST_DATABASE_URL === undefined || status !== 500 || !problem.startsWith('5xx')) return false;
    const segs = req.url.split('?')[0]!.replace(/\.json$/i, '').split('/');
    return /\{(invoiceid|fileid)\}/.test(req.route.path) && segs.some((s) => /^[+-]?\d+$/.test(s) && Math.abs(Number(s)) > 2_147_483_647);
  },
};

// All fixed (frameworkErrors in src/app.ts; NUL refused by the binder and the URL check; id maxima;
// the file stream's error listener). Their reproductions stay in known-bugs.test.ts as regressions.
export const KNOWN_BUGS: KnownBug[] = [];
export const FIXED_BUGS: KnownBug[] = [ROUTER_ERRORS, PG_NUL, PG_INT4];

/**
 * A multipart file part cut before the closing boundary raises an uncaught exception ("Unexpected
 * end of form") after the 400 is sent: busboy destroys the file stream with the error and
 * src/http/plugins/content-types.ts:48-52 listens for no 'error' on it. It would kill the fuzzing
 * worker, so while this is true the generator cuts multipart bodies only when they carry no file.
 */
export const MULTIPART_FILE_CRASH_OPEN = false;
