// Idempotency keys (issue 8 item 4), with the semantics large payment APIs use: the first answer
// to a key (2xx or 4xx) is stored and replayed for the same key and the same request; the same key
// with another request is a 400; a duplicate while the first is in flight is a 409; a 5xx
// releases the key so the client may retry; keys live 24 hours. Each write goes through
// `store.transaction`, so on SQLite it shares the group commit of concurrent requests.
import { DomainError, invalid } from '../../domain/errors.js';
import {
  deleteExpiredIdempotencyKey,
  deleteExpiredIdempotencyKeys,
  deleteInProgressIdempotencyKey,
  findIdempotencyKey,
  insertIdempotencyKey,
  updateIdempotencyKeyDone,
  type IdempotencyScope,
} from '../../store/idempotency.store.js';
import type { Store } from '../../store/database.js';
import type { Deps } from '../deps.js';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** Expired keys of all tenants are purged at most this often per store. */
const PURGE_INTERVAL_MS = 60 * 1000;

export type { IdempotencyScope };

export interface IdempotentRequest {
  method: string;
  path: string;
  /** Digest of method, normalised path, query and body: "the same parameters". */
  requestHash: string;
}

export type IdempotencyStart =
  | { kind: 'proceed' }
  | { kind: 'replay'; statusCode: number; body: string; contentType: string | null };

export interface StoredResponse {
  statusCode: number;
  body: string;
  contentType: string | null;
}

/** A key is 1 to 255 characters (the header itself only carries visible ASCII). */
export function checkIdempotencyKey(key: string): void {
  if (key.length === 0) throw invalid('Idempotency-Key must not be empty');
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) throw invalid(`Idempotency-Key must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
}

const lastPurge = new WeakMap<Store, number>();

async function purgeExpired(deps: Deps, now: number): Promise<void> {
  const last = lastPurge.get(deps.store);
  if (last !== undefined && now - last < PURGE_INTERVAL_MS && now >= last) return;
  lastPurge.set(deps.store, now);
  await deps.store.transaction((trx) => deleteExpiredIdempotencyKeys(trx, now));
}

/**
 * Reserves the key with an insert (the unique key decides between concurrent duplicates), or
 * answers what an earlier request with this key decides: a replay, a 400 or a 409.
 */
export async function beginIdempotentRequest(deps: Deps, scope: IdempotencyScope, request: IdempotentRequest): Promise<IdempotencyStart> {
  checkIdempotencyKey(scope.key);
  const now = deps.clock.now();
  await purgeExpired(deps, now);
  // Two rounds at most: an expired row found in the first is deleted, then the insert retried.
  for (let round = 0; round < 3; round++) {
    if (await deps.store.transaction((trx) => insertIdempotencyKey(trx, { ...scope, ...request, now, expiresAt: now + IDEMPOTENCY_TTL_MS }))) return { kind: 'proceed' };
    const existing = await findIdempotencyKey(deps.store.db, scope);
    if (!existing) continue; // released or purged in between: try to reserve again
    if (existing.expiresAt <= now) {
      await deps.store.transaction((trx) => deleteExpiredIdempotencyKey(trx, scope, now));
      continue;
    }
    if (existing.requestHash !== request.requestHash) {
      throw invalid(
        `Idempotency-Key "${scope.key}" was already used with different parameters (${existing.method} ${existing.path}); use a new key for a different request`,
      );
    }
    if (existing.state === 'in-progress' || existing.statusCode === null || existing.responseBody === null) {
      throw new DomainError('CONCURRENT_REQUEST', `A request with Idempotency-Key "${scope.key}" is still in progress; retry later`);
    }
    return { kind: 'replay', statusCode: existing.statusCode, body: existing.responseBody, contentType: existing.contentType };
  }
  throw new DomainError('CONCURRENT_REQUEST', `A request with Idempotency-Key "${scope.key}" is still in progress; retry later`);
}

/** Stores the first answer (2xx and 4xx); a 5xx releases the key instead. */
export async function finishIdempotentRequest(deps: Deps, scope: IdempotencyScope, response: StoredResponse): Promise<void> {
  if (response.statusCode >= 500) return releaseIdempotentRequest(deps, scope);
  await deps.store.transaction((trx) => updateIdempotencyKeyDone(trx, { ...scope, statusCode: response.statusCode, responseBody: response.body, contentType: response.contentType }));
}

/** Frees an in-progress key: the request could not produce an answer worth replaying. */
export async function releaseIdempotentRequest(deps: Deps, scope: IdempotencyScope): Promise<void> {
  await deps.store.transaction((trx) => deleteInProgressIdempotencyKey(trx, scope));
}
