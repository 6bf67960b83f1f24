import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

// Reserved slot: filled by the work that needs it (nothing to do yet).
export async function up(_db: Kysely<any>, _dialect: Dialect): Promise<void> {}
