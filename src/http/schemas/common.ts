// Schema helpers with the binder's scalar kinds (http/binder.ts). One schema gives validation,
// TypeScript types and OpenAPI.
import { Type, type TSchema, type TUnsafe } from 'typebox';
import { ENUM_NAMES, KIND } from '../binder.js';

/** A decimal amount: a JSON number or numeric text on the wire, exact decimal text after binding. */
export const DecimalParam = (description?: string): TUnsafe<string> =>
  Type.Unsafe<string>({ type: ['number', 'string'], [KIND]: 'decimal', ...(description ? { description } : {}) });

/** An ApiDateTime (spec §1.7); bound to an ISO instant in UTC. */
export const DateParam = (description?: string): TUnsafe<string> =>
  Type.Unsafe<string>({ type: 'string', [KIND]: 'date', ...(description ? { description } : {}) });

export const GuidParam = (description?: string): TUnsafe<string> =>
  Type.Unsafe<string>({ type: 'string', [KIND]: 'guid', ...(description ? { description } : {}) });

/** An enum given as a number, a member name or display text (any case) → its wire integer. */
export const EnumParam = (names: Record<string, number>, description?: string): TUnsafe<number> =>
  Type.Unsafe<number>({
    type: ['integer', 'string'],
    [KIND]: 'enum',
    [ENUM_NAMES]: Object.fromEntries(Object.entries(names).map(([k, v]) => [k.toLowerCase(), v])),
    description: `${description ? `${description}. ` : ''}One of: ${Object.entries(names).map(([k, v]) => `${v} (${k})`).join(', ')}`,
  });

/** The success envelope of spec §1.4 around a response schema, for OpenAPI. */
export const Envelope = <T extends TSchema>(response: T) =>
  Type.Object({
    count: Type.Optional(Type.Integer()),
    startIndex: Type.Optional(Type.Integer()),
    nextIndex: Type.Optional(Type.Integer()),
    total: Type.Optional(Type.Integer()),
    status: Type.Literal(0),
    statusCode: Type.Integer(),
    response,
  });

export const ErrorEnvelope = Type.Object(
  {
    status: Type.Literal(1),
    statusCode: Type.Integer(),
    error: Type.Object({ message: Type.String(), hresult: Type.Integer(), data: Type.Object({}) }),
  },
  { $id: 'ErrorEnvelope', description: 'The error envelope of spec §1.5' },
);

/** Keywords of ours that ajv must accept. */
export const CUSTOM_KEYWORDS = [KIND, ENUM_NAMES];
