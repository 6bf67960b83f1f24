import { Type } from 'typebox';
import type { AuditRecord } from '../../domain/audit/audit.js';
import { listAudit, verifyAudit } from '../../use-cases/audit/audit.js';
import type { Deps } from '../../use-cases/deps.js';
import type { App } from '../app-type.js';
import { sendOk } from '../envelope.js';
import { fetchSize, pageMeta, pageOf, parseListQuery } from '../list-query.js';
import { apiDate, type PresentContext } from '../presenters/common.js';
import { DateParam, GuidParam } from '../schemas/common.js';

const AuditQuery = Type.Object({
  action: Type.Optional(Type.String({ description: 'e.g. invoice.created, invoice.status-changed, invoice-tax.updated' })),
  targetType: Type.Optional(Type.String({ description: 'e.g. invoice, invoice-line, invoice-item, invoice-tax, contact, contact-info, opportunity, opportunity-stage, currency-rate, settings, user' })),
  targetId: Type.Optional(Type.String({ description: 'An object id: an integer, or a GUID for users' })),
  userId: Type.Optional(GuidParam()),
  from: Type.Optional(DateParam()),
  to: Type.Optional(DateParam()),
  count: Type.Optional(Type.Integer({ description: 'Page size (≤ 1000)' })),
  startIndex: Type.Optional(Type.Integer()),
});

const present = (ctx: PresentContext, r: AuditRecord) => ({
  id: r.id,
  seq: r.seq,
  at: apiDate(ctx, new Date(r.at)),
  userId: r.userId,
  action: r.action,
  targetType: r.targetType,
  targetIds: r.targetIds,
  changes: r.changes,
  prevHash: r.prevHash,
  hash: r.hash,
});

export function auditRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/2.0/crm/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail, newest first (CRM admins; our extension)',
        description:
          'Every mutation writes one append-only record in the same transaction as the change: who, when, the action, the target ids and the before/after of changed fields. Records form a SHA-256 hash chain per tenant (`hash` covers the record and `prevHash`); `GET crm/audit/verify` walks it.',
        querystring: AuditQuery,
      },
    },
    async (req, reply) => {
      const q = parseListQuery(req);
      const f = req.query;
      const { records, total } = await listAudit(deps, req.actor, {
        ...(f.action ? { action: f.action } : {}),
        ...(f.targetType ? { targetType: f.targetType } : {}),
        ...(f.targetId ? { targetId: /^\d+$/.test(f.targetId) ? Number(f.targetId) : f.targetId.toLowerCase() } : {}),
        ...(f.userId ? { userId: f.userId } : {}),
        ...(f.from ? { from: Date.parse(f.from) } : {}),
        ...(f.to ? { to: Date.parse(f.to) } : {}),
      }, q.startIndex, fetchSize(q));
      const ctx = { actor: req.actor, users: new Map() };
      return sendOk(reply, pageOf(q, records).map((r) => present(ctx, r)), pageMeta(q, records.length, total));
    },
  );

  app.get(
    '/api/2.0/crm/audit/verify',
    { schema: { tags: ['audit'], summary: 'Verify the audit hash chain (CRM admins): the first broken record, if any' } },
    async (req, reply) => sendOk(reply, await verifyAudit(deps, req.actor)),
  );
}
