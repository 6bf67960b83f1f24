// Named prepared statements on PostgreSQL (issue 7, README "Scaling out"): every connection
// parses a statement marked with PREPARE once and keeps it (PostgreSQL's pg_prepared_statements
// shows it), unless LEDGERLINE_PG_PREPARE=off (for a pooler that cannot keep prepared statements);
// unmarked statements and any `select *` are never kept. The whole
// PostgreSQL suite runs with them on; this file proves they are really used, and really off.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { openStore, type Store } from '../../src/store/database.js';
import { PREPARE } from '../../src/store/plain-sql.js';
import { createTestDatabase, dialectUnderTest, type TestDatabase } from '../support/database.js';

describe('LEDGERLINE_PG_PREPARE', () => {
  const url = 'postgres://u@localhost/ledgerline';
  it('is on by default for PostgreSQL, off with 0/off/false, and refuses anything else', () => {
    expect(loadConfig({ DATABASE_URL: url }).database).toMatchObject({ kind: 'postgres', preparedStatements: true });
    for (const off of ['off', '0', 'false', 'OFF'])
      expect(loadConfig({ DATABASE_URL: url, LEDGERLINE_PG_PREPARE: off }).database).toMatchObject({ preparedStatements: false });
    expect(() => loadConfig({ DATABASE_URL: url, LEDGERLINE_PG_PREPARE: 'sometimes' })).toThrow(ConfigError);
    expect(loadConfig({ DATABASE_URL: 'sqlite:x.db' }).database).not.toHaveProperty('preparedStatements');
  });
});

describe.skipIf(dialectUnderTest !== 'postgres')('named prepared statements (PostgreSQL)', () => {
  let database: TestDatabase;
  let store: Store;
  afterEach(async () => {
    await store.close();
    await database.drop();
  });

  /** On one pooled connection: runs a statement twice, then reads what that session has prepared. */
  const preparedAfterTwoRuns = (s: Store, tenantId: number) =>
    s.db.connection().execute(async (conn) => {
      for (let i = 0; i < 2; i++) {
        const { rows } = await sql<{ id: number }>`${PREPARE}select id from tenants where id = ${tenantId}`.execute(conn);
        expect(rows).toEqual([{ id: tenantId }]);
        const all = await sql<{ id: number }>`${PREPARE}select * from tenants where id = ${tenantId}`.execute(conn);
        expect(all.rows).toHaveLength(1);
        const unmarked = await sql<{ id: number }>`select id, name from tenants where id = ${tenantId}`.execute(conn);
        expect(unmarked.rows).toHaveLength(1);
      }
      const { rows } = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(conn);
      return rows;
    });

  it('prepares each statement text once per connection, by name', async () => {
    database = await createTestDatabase();
    store = await openStore(database.config);
    await sql`insert into tenants (id, name, time_zone, created_at) values (${7001}, ${'prep'}, ${'UTC'}, ${Date.now()})`.execute(store.db);
    const prepared = await preparedAfterTwoRuns(store, 7001);
    const mine = prepared.filter((p) => p.statement.includes('select id from tenants where id = $1'));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.name).toMatch(/^ll_\d+$/);
    // `select *` stays unnamed (a column added by a newer process's migration would break its plan),
    // and so does a statement without the mark (its best plan may depend on the values).
    expect(prepared.filter((p) => p.statement.includes('select * from tenants'))).toEqual([]);
    expect(prepared.filter((p) => p.statement.includes('select id, name from tenants'))).toEqual([]);
  });

  it('prepares nothing with LEDGERLINE_PG_PREPARE=off', async () => {
    database = await createTestDatabase();
    store = await openStore({ ...database.config, kind: 'postgres', url: database.url, preparedStatements: false });
    await sql`insert into tenants (id, name, time_zone, created_at) values (${7002}, ${'plain'}, ${'UTC'}, ${Date.now()})`.execute(store.db);
    expect(await preparedAfterTwoRuns(store, 7002)).toEqual([]);
  });
});
