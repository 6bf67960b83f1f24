// Idempotency-Key on POST, PUT and DELETE of authenticated routes (issue 8 item 4). The key is
// reserved after binding (so "the same parameters" means the same canonical request), the first
// answer is stored in onSend, before the client can see it, and replayed byte for byte with
// `Idempotent-Replayed: true`. GET and public routes ignore the header.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../app-type.js';
import { addRouteHook, onEveryRoute, routeMethods } from './route-hooks.js';
import {
  beginIdempotentRequest,
  finishIdempotentRequest,
  releaseIdempotentRequest,
  type IdempotencyScope,
} from '../../use-cases/idempotency/idempotent-request.js';
import type { Deps } from '../../use-cases/deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The reserved key of this request, until its answer is stored or the key released. */
    idempotency: IdempotencyScope | undefined;
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const METHODS = new Set(['POST', 'PUT', 'DELETE']);

/** JSON with sorted keys at every level, and binary data by its digest: a stable text of the request. */
function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(typeof value === 'bigint' ? String(value) : value) ?? 'null';
  if (value instanceof Uint8Array) return JSON.stringify(`sha256:${createHash('sha256').update(value).digest('hex')}`);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj).sort().map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(',')}}`;
}

/** Path as routed: `.json` already stripped by rewriteUrl; letter case and a trailing slash ignored. */
function normalisedPath(url: string): { path: string; query: string } {
  const q = url.indexOf('?');
  const path = (q >= 0 ? url.slice(0, q) : url).toLowerCase().replace(/\/+$/, '') || '/';
  return { path, query: q >= 0 ? url.slice(q + 1) : '' };
}

function requestHash(req: FastifyRequest, path: string, query: string): string {
  return createHash('sha256')
    .update(canonical({ method: req.method, path, query, body: req.body, files: req.uploads ?? [] }))
    .digest('hex');
}

function storableBody(reply: FastifyReply, payload: unknown): string | undefined {
  if (typeof payload === 'string') return payload;
  const contentType = String(reply.getHeader('content-type') ?? '');
  // Binary answers (documents) are not stored: their key is released and a retry runs again.
  if (Buffer.isBuffer(payload) && /json|text/i.test(contentType)) return payload.toString('utf8');
  return undefined;
}

export function registerIdempotency(app: App, deps: Deps): void {
  app.decorateRequest('idempotency', undefined);

  // After the binder's preValidation hook (a global one, so it runs first): the body is canonical
  // here, and a request refused by schema validation is answered (and stored) like any other 4xx.
  const reserve = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!METHODS.has(req.method) || req.is404 || req.routeOptions.config.public || !req.actor) return;
    const header = req.headers[IDEMPOTENCY_HEADER];
    if (header === undefined) return;
    const key = Array.isArray(header) ? header.join(', ') : header;
    const { path, query } = normalisedPath(req.raw.url ?? req.url);
    const scope: IdempotencyScope = { tenantId: req.actor.tenantId, userId: req.actor.userId, key };
    const start = await beginIdempotentRequest(deps, scope, { method: req.method, path, requestHash: requestHash(req, path, query) });
    if (start.kind === 'replay') {
      reply.code(start.statusCode).header(REPLAYED_HEADER, 'true');
      if (start.contentType) reply.header('content-type', start.contentType);
      return reply.send(start.body);
    }
    req.idempotency = scope;
  };

  const store = async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const scope = req.idempotency;
    if (!scope) return payload;
    req.idempotency = undefined;
    const body = storableBody(reply, payload);
    try {
      if (body === undefined) await releaseIdempotentRequest(deps, scope);
      else await finishIdempotentRequest(deps, scope, { statusCode: reply.statusCode, body, contentType: (reply.getHeader('content-type') as string | undefined) ?? null });
    } catch (err) {
      // The answer itself still goes out; the key stays in progress until it expires.
      req.log.error({ err }, 'could not store the idempotent response');
    }
    return payload;
  };

  // Safety net: a request that never reached onSend must not hold its key for 24 hours.
  const release = async (req: FastifyRequest) => {
    const scope = req.idempotency;
    if (!scope) return;
    req.idempotency = undefined;
    await releaseIdempotentRequest(deps, scope).catch((err: unknown) => req.log.error({ err }, 'could not release an idempotency key'));
  };

  // Route hooks, on POST, PUT and DELETE routes only: GETs do not pay for them.
  onEveryRoute(app, (route) => {
    if (!routeMethods(route).some((m) => METHODS.has(m))) return;
    addRouteHook(route, 'preValidation', reserve);
    addRouteHook(route, 'onSend', store);
    addRouteHook(route, 'onResponse', release);
  });
}
