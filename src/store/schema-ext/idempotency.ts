// Tables added by migration 011-idempotency: stored first responses of Idempotency-Key requests.
import type { ColumnType } from 'kysely';

type Int8 = ColumnType<number | string, number, number>;

export interface IdempotencyKeysTable {
  tenant_id: number;
  user_id: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  state: 'in-progress' | 'done';
  status_code: number | null;
  response_body: string | null;
  content_type: string | null;
  created_at: Int8;
  expires_at: Int8;
}

export interface IdempotencyTables {
  idempotency_keys: IdempotencyKeysTable;
}
