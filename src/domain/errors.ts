// The closed set of domain error codes. HTTP status lives in http/error-status.ts (one table).
export type DomainErrorCode =
  | 'INVALID_ARGUMENT' // 400: a parameter is missing, malformed or out of range
  | 'CONFLICT_DUPLICATE' // 400: a unique value is already taken (spec Q3: duplicates are 400)
  | 'NOT_FOUND' // 404
  | 'ACCESS_DENIED' // 403: the actor may not do this (spec "Access Denied")
  | 'FORBIDDEN' // 403: the actor has no CRM access at all (guests), spec §1.2
  | 'INVALID_OPERATION' // 403: the operation is not allowed in the current state (spec §1.5 InvalidOperationException)
  | 'UNAUTHENTICATED' // 401
  | 'AUTHENTICATION_FAILED' // 401: wrong user name or password (DECISIONS: 401, not the original 500)
  | 'PAYLOAD_TOO_LARGE' // 413
  | 'UNSUPPORTED_MEDIA_TYPE' // 415
  | 'CONCURRENT_REQUEST'; // 409

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const invalid = (message: string) => new DomainError('INVALID_ARGUMENT', message);
export const notFound = (message = 'Not found') => new DomainError('NOT_FOUND', message);
export const accessDenied = (message = 'Access Denied') => new DomainError('ACCESS_DENIED', message);
export const duplicate = (message: string) => new DomainError('CONFLICT_DUPLICATE', message);
