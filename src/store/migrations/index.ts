// Migrations live in code, one file each, written once for both databases with the small
// dialect helpers below (a deliberate simplification of DESIGN's sqlite/ and postgres/ folders:
// the schema is plain enough that two copies would only drift; see docs/decisions.md).
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect } from '../database.js';
import * as m001 from './001-foundation.js';
import * as m002 from './002-crm-invoicing.js';
import * as m003 from './003-organisation-logo.js';
import * as m004 from './004-invoice-list-indexes.js';
import * as m005 from './005-audit-trail.js';
import * as m006 from './006-currency-rates.js';
import * as m007 from './007-contacts-people.js';
import * as m008 from './008-opportunities.js';
import * as m009 from './009-documents.js';
import * as m010 from './010-einvoice.js';
import * as m011 from './011-idempotency.js';
import * as m012 from './012-invoice-search.js';

export type MigrationFn = (db: Kysely<any>, dialect: Dialect) => Promise<void>;
export interface DialectMigration { up: MigrationFn }

const MIGRATIONS: Record<string, DialectMigration> = {
  '001-foundation': m001,
  '002-crm-invoicing': m002,
  '003-organisation-logo': m003,
  '004-invoice-list-indexes': m004,
  '005-audit-trail': m005,
  '006-currency-rates': m006,
  '007-contacts-people': m007,
  '008-opportunities': m008,
  '009-documents': m009,
  '010-einvoice': m010,
  '011-idempotency': m011,
  '012-invoice-search': m012,
};

class CodeMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(MIGRATIONS).map(([name, m]) => [name, { up: (db: Kysely<any>) => m.up(db, this.dialect) }]),
    );
  }
}

export async function migrateToLatest(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const migrator = new Migrator({ db, provider: new CodeMigrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? error}`);
  }
}

/** Runs the migrations up to and including `name` (tests of a migration's backfill start there). */
export async function migrateTo(db: Kysely<any>, dialect: Dialect, name: string): Promise<void> {
  const migrator = new Migrator({ db, provider: new CodeMigrationProvider(dialect) });
  const { error } = await migrator.migrateTo(name);
  if (error) throw new Error(`Migration to ${name} failed: ${(error as Error).message ?? error}`);
}
