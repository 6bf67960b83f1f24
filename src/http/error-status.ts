import type { DomainErrorCode } from '../domain/errors.js';

// One table from domain error codes to HTTP status (spec §1.5, DECISIONS "Wire format").
// `satisfies Record<…>` makes the compiler check it is complete.
export const HTTP_STATUS = {
  INVALID_ARGUMENT: 400,
  CONFLICT_DUPLICATE: 400,
  NOT_FOUND: 404,
  ACCESS_DENIED: 403,
  FORBIDDEN: 403,
  INVALID_OPERATION: 403,
  UNAUTHENTICATED: 401,
  AUTHENTICATION_FAILED: 401,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  CONCURRENT_REQUEST: 409,
} as const satisfies Record<DomainErrorCode, number>;

// .NET HResult values clients may read from error.hresult (spec §1.5).
export const HRESULT = {
  400: -2147024809, // ArgumentException
  401: -2146233078,
  403: -2146233078, // SecurityException
  404: -2147467259, // ItemNotFound / HttpException
  409: -2146233079,
  413: -2147024809,
  415: -2147024809,
  429: -2146233079,
  500: -2146233088, // plain Exception
} as Record<number, number>;
