import type { ColumnType, Generated } from 'kysely';

type Int8 = ColumnType<number | string, number, number>;

export interface AuditTables {
  audit_log: {
    id: Generated<number>;
    tenant_id: number;
    seq: Int8;
    at: Int8;
    user_id: string;
    action: string;
    target_type: string;
    target_ids: string;
    changes: string;
    prev_hash: string;
    hash: string;
  };
  audit_heads: {
    tenant_id: number;
    seq: Int8;
    hash: string;
  };
}
