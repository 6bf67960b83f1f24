// The invoices screens' one-shot messages after a POST (Post/Redirect/Get): a short-lived cookie
// read and cleared by the next page. It carries codes and invoice numbers only — the page
// translates and renders them (escaped like any text); no server-side session state.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InvoiceStatus } from '../../domain/invoices/invoice.js';
import type { SkipReason, StatusChangeReport } from '../../use-cases/web/change-status-each.js';

export const FLASH_COOKIE = 'll_inv_flash';
/** Skipped invoices listed by name; the rest are counted ("and 3 more"), keeping the cookie small. */
const MAX_LISTED = 12;
const STATUSES: readonly InvoiceStatus[] = ['draft', 'sent', 'paid', 'rejected', 'archived'];
const REASONS: readonly SkipReason[] = ['transition', 'same', 'not-found', 'changed'];

export interface SkippedInvoice {
  id: number;
  number: string;
  from: InvoiceStatus | null;
  reason: SkipReason;
}

export type InvoiceFlash =
  /** `count` changed (the first numbers in `changed`); `skipped` listed, `more` not listed. */
  | { kind: 'status'; target: InvoiceStatus; count: number; changed: string[]; skipped: SkippedInvoice[]; more: number }
  | { kind: 'deleted'; number: string }
  | { kind: 'none-selected' };

export function flashOfReport(report: StatusChangeReport): InvoiceFlash {
  return {
    kind: 'status',
    target: report.target,
    count: report.changed.length,
    changed: report.changed.slice(0, MAX_LISTED).map((c) => c.number.slice(0, 64)),
    skipped: report.skipped.slice(0, MAX_LISTED).map((s) => ({ ...s, number: s.number.slice(0, 64) })),
    more: Math.max(0, report.skipped.length - MAX_LISTED),
  };
}

export function setFlash(reply: FastifyReply, req: FastifyRequest, flash: InvoiceFlash): void {
  const value = Buffer.from(JSON.stringify(flash), 'utf8').toString('base64url');
  reply.setCookie(FLASH_COOKIE, value, { path: '/app', httpOnly: true, sameSite: 'lax', maxAge: 120, secure: req.protocol === 'https' });
}

/** The flash of this request, if any (then cleared); anything malformed is ignored. */
export function takeFlash(req: FastifyRequest, reply: FastifyReply): InvoiceFlash | undefined {
  const raw = req.cookies?.[FLASH_COOKIE];
  if (!raw) return undefined;
  reply.clearCookie(FLASH_COOKIE, { path: '/app' });
  try {
    return validate(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    return undefined;
  }
}

const str = (v: unknown): v is string => typeof v === 'string' && v.length <= 64;
const int = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function validate(o: any): InvoiceFlash | undefined {
  if (!o || typeof o !== 'object') return undefined;
  if (o.kind === 'deleted' && str(o.number)) return { kind: 'deleted', number: o.number };
  if (o.kind === 'none-selected') return { kind: 'none-selected' };
  if (o.kind !== 'status' || !STATUSES.includes(o.target) || !Array.isArray(o.changed) || !Array.isArray(o.skipped) || !int(o.more) || !int(o.count)) return undefined;
  if (o.changed.length > MAX_LISTED || !o.changed.every(str) || o.skipped.length > MAX_LISTED) return undefined;
  const skipped: SkippedInvoice[] = [];
  for (const s of o.skipped) {
    if (!s || !int(s.id) || !str(s.number) || !REASONS.includes(s.reason) || !(s.from === null || STATUSES.includes(s.from))) return undefined;
    skipped.push({ id: s.id, number: s.number, from: s.from, reason: s.reason });
  }
  return { kind: 'status', target: o.target, changed: o.changed, skipped, more: o.more, count: o.count };
}
