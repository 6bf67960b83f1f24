// Kysely table types. Conventions (DESIGN "Data"): every tenant-owned table has tenant_id;
// instants are BIGINT epoch milliseconds; booleans are 0/1 integers; money is scaled integers.
// PostgreSQL returns BIGINT as strings, SQLite as numbers: row mappers normalise with Number().
import type { ColumnType, Generated } from 'kysely';

type Int8 = ColumnType<number | string, number, number>;

export interface TenantsTable {
  id: Generated<number>;
  name: string;
  time_zone: string;
  default_currency: string;
  created_at: Int8;
}

export interface UsersTable {
  id: string; // GUID, as ONLYOFFICE's Employee
  tenant_id: number;
  email: string; // lower case, unique across the server (DECISIONS: login finds the tenant)
  first_name: string;
  last_name: string;
  title: string;
  password_hash: string;
  is_admin: number;
  is_visitor: number;
  is_active: number;
  created_at: Int8;
}

export interface AuthTokensTable {
  token_hash: string; // SHA-256 of the random token, hex
  tenant_id: number;
  user_id: string;
  created_at: Int8;
  expires_at: Int8;
  revoked_at: Int8 | null;
}

export interface DB {
  tenants: TenantsTable;
  users: UsersTable;
  auth_tokens: AuthTokensTable;
}
