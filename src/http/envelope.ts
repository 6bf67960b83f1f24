// The ONLYOFFICE response envelope (spec §1.4) and error envelope (§1.5), with DECISIONS' changes:
// JSON always, never empty, never 204; POST answers 201.
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Decimal } from '../domain/money.js';
import { HRESULT } from './error-status.js';

// Decimals are written as JSON numbers that keep their scale (`7.70`, `100.00`, spec §1.4).
// JSON.stringify cannot emit raw number text on Node 20, so a decimal serialises as a string
// marked with a per-process random sentinel, and the marks (with their quotes) are removed after.
const SENTINEL = `~${randomBytes(12).toString('hex')}~`;
const SENTINEL_RE = new RegExp(`"${SENTINEL}(-?[0-9.]+)${SENTINEL}"`, 'g');

export class WireDecimal {
  constructor(readonly text: string) {}
  toJSON(): string {
    return `${SENTINEL}${this.text}${SENTINEL}`;
  }
}

/** A decimal for the wire with a fixed number of fraction digits (2 for amounts, as the original). */
export const wireDecimal = (d: Decimal, places = 2): WireDecimal => new WireDecimal(d.toFixed(places));

export function toWireJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes(SENTINEL) ? text.replace(SENTINEL_RE, '$1') : text;
}

export interface ListMeta {
  startIndex?: number;
  nextIndex?: number;
  total?: number;
}

const CONTENT_TYPE = 'application/json; charset=utf-8';

function countOf(response: unknown): number {
  if (response === undefined || response === null) return 0;
  if (Array.isArray(response)) return response.length;
  if (typeof response === 'string') return response.length; // spec §1.4 quirk, kept
  return 1;
}

/** Sends a success envelope. `response` undefined means a void method (`{}`). */
export function sendOk(reply: FastifyReply, response: unknown, meta: ListMeta = {}): FastifyReply {
  const statusCode = reply.request.method === 'POST' ? 201 : 200;
  const envelope: Record<string, unknown> = {};
  const count = countOf(response);
  if (count) envelope.count = count;
  if (meta.startIndex) envelope.startIndex = meta.startIndex;
  if (meta.nextIndex !== undefined) envelope.nextIndex = meta.nextIndex;
  if (meta.total !== undefined) envelope.total = meta.total;
  envelope.status = 0;
  envelope.statusCode = statusCode;
  envelope.response = response === undefined ? {} : response;
  return reply.code(statusCode).header('content-type', CONTENT_TYPE).header('cache-control', 'max-age=0').send(toWireJson(envelope));
}

export function errorEnvelope(statusCode: number, message: string, request?: FastifyRequest): string {
  const envelope: Record<string, unknown> = {};
  const startIndex = Number((request?.query as Record<string, unknown> | undefined)?.startIndex);
  if (Number.isInteger(startIndex) && startIndex > 0) envelope.startIndex = startIndex;
  envelope.status = 1;
  envelope.statusCode = statusCode;
  envelope.error = { message, hresult: HRESULT[statusCode] ?? HRESULT[500], data: {} };
  return JSON.stringify(envelope);
}

export function sendError(reply: FastifyReply, statusCode: number, message: string): FastifyReply {
  return reply.code(statusCode).header('content-type', CONTENT_TYPE).send(errorEnvelope(statusCode, message, reply.request));
}
