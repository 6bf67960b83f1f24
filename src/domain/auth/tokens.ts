// API tokens: 256 random bits, given to the client once, stored only as a SHA-256 hash.
import { createHash, randomBytes } from 'node:crypto';

export const newToken = (): string => randomBytes(32).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
/** Tokens we issue are 43 base64url characters; anything else is not worth a database lookup. */
export const looksLikeToken = (text: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(text);
