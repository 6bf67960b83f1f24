import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder } from 'kysely';
import type { Dialect } from '../database.js';

/** An auto-increment integer primary key on either database. */
export function withId<T extends string>(table: CreateTableBuilder<T, never>, dialect: Dialect) {
  return dialect === 'sqlite'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : table.addColumn('id', 'serial', (c) => c.primaryKey());
}

/** BIGINT epoch milliseconds, money in scaled integers. */
export const int8 = 'bigint' as const;
export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
export const notNullDefault = (value: string | number) => (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(value);
export { sql };
