import type { Selectable } from 'kysely';
import type { User } from '../domain/people/user.js';
import type { Executor } from './database.js';
import type { UsersTable } from './schema.js';
import { bool, flag, instant } from './rows.js';

const USER_COLUMNS = ['id', 'tenant_id', 'email', 'first_name', 'last_name', 'title', 'is_admin', 'is_visitor', 'is_active', 'created_at'] as const;
type UserRow = Pick<Selectable<UsersTable>, (typeof USER_COLUMNS)[number]>;

const toUser = (r: UserRow): User => ({
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
