import { sql, type Selectable, type SqlBool } from 'kysely';
import type { User } from '../domain/people/user.js';
import type { UserFields } from '../domain/people/user-rules.js';
import type { Dialect, Executor } from './database.js';
import type { UsersTable } from './schema.js';
import { bool, flag, instant, num } from './rows.js';

export const USER_COLUMNS = ['id', 'tenant_id', 'email', 'first_name', 'last_name', 'title', 'is_admin', 'is_visitor', 'is_active', 'created_at'] as const;
export type UserRow = Pick<Selectable<UsersTable>, (typeof USER_COLUMNS)[number]>;

export const toUser = (r: UserRow): User => ({
  id: r.id,
  tenantId: Number(r.tenant_id),
  email: r.email,
  firstName: r.first_name,
  lastName: r.last_name,
  title: r.title,
  isAdmin: bool(r.is_admin),
  isVisitor: bool(r.is_visitor),
  isActive: bool(r.is_active),
  createdAt: instant(r.created_at)!,
});

/** A user of the tenant, or undefined: other tenants' users do not exist for this caller. */
export async function findUser(db: Executor, tenantId: number, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

export async function findUsers(db: Executor, tenantId: number, ids: readonly string[]): Promise<User[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('users').select(USER_COLUMNS).where('tenant_id', '=', tenantId).where('id', 'in', [...new Set(ids)]).execute();
  return rows.map(toUser);
}

/** Login lookup: e-mail addresses are unique across the server, so this finds the tenant too. */
export async function findUserCredentialsByEmail(db: Executor, email: string): Promise<(User & { passwordHash: string }) | undefined> {
  const row = await db.selectFrom('users').select([...USER_COLUMNS, 'password_hash']).where('email', '=', email).executeTakeFirst();
  return row && { ...toUser(row), passwordHash: row.password_hash };
}

export async function findUserCredentialsById(db: Executor, id: string): Promise<(User & { passwordHash: string }) | undefined> {
  const row = await db.selectFrom('users').select([...USER_COLUMNS, 'password_hash']).where('id', '=', id).executeTakeFirst();
  return row && { ...toUser(row), passwordHash: row.password_hash };
}

export async function emailExists(db: Executor, email: string): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) !== undefined;
}

export async function insertUser(db: Executor, u: Omit<User, 'createdAt'> & { passwordHash: string }, now: number): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: u.id,
      tenant_id: u.tenantId,
      email: u.email,
      first_name: u.firstName,
      last_name: u.lastName,
      title: u.title,
      password_hash: u.passwordHash,
      is_admin: flag(u.isAdmin),
      is_visitor: flag(u.isVisitor),
      is_active: flag(u.isActive),
      created_at: now,
    })
    .execute();
}

export async function updateUserPassword(db: Executor, id: string, passwordHash: string): Promise<boolean> {
  const r = await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A user of the tenant by e-mail (the People API's user name), or undefined. */
export async function findUserByEmail(db: Executor, tenantId: number, email: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('tenant_id', '=', tenantId).where('email', '=', email).executeTakeFirst();
  return row && toUser(row);
}

/** Users of the tenant by id, locked until the transaction ends on PostgreSQL (SQLite writes are serial). */
export async function lockUsers(db: Executor, dialect: Dialect, tenantId: number, ids: readonly string[]): Promise<User[]> {
  if (ids.length === 0) return [];
  let q = db.selectFrom('users').select(USER_COLUMNS).where('tenant_id', '=', tenantId).where('id', 'in', [...new Set(ids)]).orderBy('id');
  if (dialect === 'postgres') q = q.forUpdate();
  return (await q.execute()).map(toUser);
}

export interface UserListFilter {
  /** Only active users (what a non-admin sees). */
  activeOnly: boolean;
  /** Lower-case words; each must start the first name, the last name or the e-mail. */
  words: string[];
}

// LIKE with `\` as the escape character on both databases; the pattern is a bound parameter.
const likeStart = (column: 'first_name' | 'last_name' | 'email', word: string) =>
  sql<SqlBool>`lower(${sql.ref(column)}) like ${`${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`;

function usersOf(db: Executor, tenantId: number, f: UserListFilter) {
  let q = db.selectFrom('users').where('tenant_id', '=', tenantId);
  if (f.activeOnly) q = q.where('is_active', '=', 1);
  for (const w of f.words) q = q.where((eb) => eb.or([likeStart('first_name', w), likeStart('last_name', w), likeStart('email', w)]));
  return q;
}

/** A page of the tenant's users by display name (first and last name, any case), then e-mail and id. */
export async function listUsers(db: Executor, tenantId: number, f: UserListFilter, offset: number, limit: number): Promise<User[]> {
  const rows = await usersOf(db, tenantId, f)
    .select(USER_COLUMNS)
    .orderBy(sql`lower(first_name || ' ' || last_name)`)
    .orderBy('email')
    .orderBy('id')
    .offset(offset)
    .limit(limit)
    .execute();
  return rows.map(toUser);
}

export async function countUsers(db: Executor, tenantId: number, f: UserListFilter): Promise<number> {
  const row = await usersOf(db, tenantId, f).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return num(row.n);
}

export async function updateUser(db: Executor, tenantId: number, id: string, u: UserFields): Promise<void> {
  await db
    .updateTable('users')
    .set({
      email: u.email, first_name: u.firstName, last_name: u.lastName, title: u.title,
      is_admin: flag(u.isAdmin), is_visitor: flag(u.isVisitor), is_active: flag(u.isActive),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function updateUsersActive(db: Executor, tenantId: number, ids: readonly string[], isActive: boolean): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('users').set({ is_active: flag(isActive) }).where('tenant_id', '=', tenantId).where('id', 'in', [...ids]).execute();
}
