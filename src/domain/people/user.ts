// Users and the acting user (DECISIONS "Tenants, users, tokens"; spec §2.3.1, §3.5).

export interface User {
  id: string;
  tenantId: number;
  email: string;
  firstName: string;
  lastName: string;
  title: string;
  isAdmin: boolean;
  isVisitor: boolean;
  isActive: boolean;
  createdAt: Date;
}

export interface Tenant {
  id: number;
  name: string;
  timeZone: string;
  defaultCurrency: string;
}

/** Who is calling: the authenticated user and their tenant's settings that shape the wire. */
export interface Actor {
  userId: string;
  tenantId: number;
  isAdmin: boolean;
  isVisitor: boolean;
  timeZone: string;
  /** SHA-256 of the token this request used, when it used one (logout revokes it). */
  tokenHash?: string;
}

/** ONLYOFFICE's "lost user" placeholder for creator GUIDs that are not users (spec §2.3.1). */
export const LOST_USER_ID = '4a515a15-d4d6-4b8e-828e-e0586f18f3a3';

export const displayNameOf = (u: Pick<User, 'firstName' | 'lastName' | 'email'>): string =>
  `${u.firstName} ${u.lastName}`.trim() || u.email;

const EMAIL_RE = /^[^\s@]+@[^\s@]+$/;
export const isValidEmail = (email: string): boolean => email.length <= 255 && EMAIL_RE.test(email);
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export const MIN_PASSWORD_LENGTH = 8;
