import { randomUUID } from 'node:crypto';
import { accessDenied, duplicate, invalid, notFound } from '../../domain/errors.js';
import { hashPassword } from '../../domain/auth/passwords.js';
import { isValidEmail, MIN_PASSWORD_LENGTH, normaliseEmail, type Actor, type User } from '../../domain/people/user.js';
import { emailExists, findUser, insertUser } from '../../store/users.store.js';
import type { Executor } from '../../store/database.js';
import type { Deps } from '../deps.js';

/** GET people/@self and people/{id}: users of the caller's own tenant only. */
export async function getPerson(deps: Deps, actor: Actor, id: string): Promise<User> {
  const user = await findUser(deps.store.db, actor.tenantId, id === '@self' ? actor.userId : id);
  if (!user) throw notFound('User not found');
  return user;
}

export interface NewPerson {
  email: string;
  firstName: string;
  lastName: string;
  title?: string;
  password?: string;
  isVisitor?: boolean;
  isAdmin?: boolean;
}

export function validateNewPerson(p: NewPerson): void {
  if (!isValidEmail(normaliseEmail(p.email ?? ''))) throw invalid('email: a valid e-mail address is required');
  if ((p.firstName ?? '').length > 255 || (p.lastName ?? '').length > 255 || (p.title ?? '').length > 255)
    throw invalid('firstname, lastname and title must be at most 255 characters');
  if (p.password !== undefined && p.password !== '' && p.password.length < MIN_PASSWORD_LENGTH)
    throw invalid(`password: at least ${MIN_PASSWORD_LENGTH} characters`);
  if (p.isVisitor && p.isAdmin) throw invalid('A guest (isVisitor) cannot be a CRM admin');
}

export type PreparedPerson = Omit<User, 'createdAt'> & { passwordHash: string };

/** Validates and hashes outside any transaction (scrypt is slow; a transaction should not wait on it). */
export async function preparePerson(tenantId: number, p: NewPerson): Promise<PreparedPerson> {
  validateNewPerson(p);
  return {
    id: randomUUID(), tenantId, email: normaliseEmail(p.email),
    firstName: p.firstName ?? '', lastName: p.lastName ?? '', title: p.title ?? '',
    isAdmin: !!p.isAdmin, isVisitor: !!p.isVisitor, isActive: true,
    // Without a password nobody can log in until a reset: '!' never verifies.
    passwordHash: p.password ? await hashPassword(p.password) : '!',
  };
}

/** Inserts a prepared user; a taken e-mail is a 400 (the unique index is the backstop for races). */
export async function insertPreparedPerson(db: Executor, person: PreparedPerson, now: number): Promise<void> {
  if (await emailExists(db, person.email)) throw duplicate(`A user with e-mail ${person.email} already exists`);
  await insertUser(db, person, now);
}

/** POST people: admins create users of their own tenant. */
export async function createPerson(deps: Deps, actor: Actor, p: NewPerson): Promise<User> {
  if (!actor.isAdmin) throw accessDenied('Only an administrator can add people');
  const person = await preparePerson(actor.tenantId, p);
  await deps.store.db.transaction().execute((trx) => insertPreparedPerson(trx, person, deps.clock.now()));
  return (await findUser(deps.store.db, actor.tenantId, person.id))!;
}
