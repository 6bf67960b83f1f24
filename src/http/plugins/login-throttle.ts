// Login throttling (issue 8 item 5): failed logins are counted per e-mail and per client IP in a
// sliding window; past the limit, POST authentication answers 429 with Retry-After (seconds)
// without checking the password. Only failures count, so a client with the right password may
// log in as often as it likes, and a success clears its e-mail's failures (not its IP's: one
// valid account must not reset a password sprayer). State is in memory, per process: behind a
// load balancer each process counts on its own (a limit of N becomes at most N × processes).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../app-type.js';
import { normaliseEmail } from '../../domain/people/user.js';
import type { Clock, Deps } from '../../use-cases/deps.js';
import { sendError } from '../envelope.js';

export interface LoginThrottleOptions {
  windowMs: number;
  /** Failed logins per e-mail in the window before attempts are refused. */
  maxFailuresPerEmail: number;
  /** Failed logins per client IP in the window (higher: offices share addresses). */
  maxFailuresPerIp: number;
  /** Logins of one e-mail in flight at once; more would slip guesses past the count. */
  maxInFlightPerEmail: number;
  /** Bound on the memory held: keys tracked at most. */
  maxTrackedKeys: number;
}

export const LOGIN_THROTTLE_DEFAULTS: LoginThrottleOptions = {
  windowMs: 5 * 60 * 1000,
  maxFailuresPerEmail: 10,
  maxFailuresPerIp: 100,
  maxInFlightPerEmail: 10,
  maxTrackedKeys: 100_000,
};

const LOGIN_PATH = '/api/2.0/authentication';

/** Failure instants per key in a sliding window. */
class FailureWindow {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly clock: Clock, private readonly windowMs: number, private readonly maxKeys: number) {}

  private live(key: string, now: number): number[] {
    const list = this.failures.get(key);
    if (!list) return [];
    const kept = list.filter((t) => t > now - this.windowMs && t <= now + this.windowMs);
    if (kept.length === 0) this.failures.delete(key);
    else if (kept.length !== list.length) this.failures.set(key, kept);
    return kept;
  }

  /** Milliseconds until an attempt is allowed again, or 0 when it is allowed now. */
  waitMs(key: string, limit: number): number {
    const now = this.clock.now();
    const list = this.live(key, now);
    if (list.length < limit) return 0;
    // The attempt is allowed once enough of the oldest failures have left the window.
    return Math.max(1, list[list.length - limit]! + this.windowMs - now);
  }

  record(key: string): void {
    const now = this.clock.now();
    const list = this.live(key, now);
    list.push(now);
    this.failures.delete(key); // re-insert: Map order is least recently failed first
    this.failures.set(key, list);
    if (this.failures.size > this.maxKeys) this.evict(now);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  private evict(now: number): void {
    for (const key of [...this.failures.keys()]) this.live(key, now);
    for (const key of this.failures.keys()) {
      if (this.failures.size <= this.maxKeys) break;
      this.failures.delete(key);
    }
  }
}

interface Attempt {
  email: string | undefined;
  ip: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    loginAttempt: Attempt | undefined;
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A login form of the web app (src/web): throttled with the API's login, by its `email` field. */
    webLogin?: boolean;
  }
}

/** The error a throttled web login throws; the web app renders it as a page (429). */
export class LoginThrottledError extends Error {
  readonly statusCode = 429;
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

function refuse(req: FastifyRequest, reply: FastifyReply, waitMs: number, message: string): FastifyReply {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  reply.header('retry-after', String(seconds));
  if (req.routeOptions.config.webLogin) throw new LoginThrottledError(message, seconds);
  return sendError(reply, 429, `${message}; retry in ${seconds} seconds`);
}

const isLogin = (req: FastifyRequest) => req.method === 'POST' && (req.routeOptions.url === LOGIN_PATH || req.routeOptions.config.webLogin === true);

/** The e-mail of a login attempt: the API's bound `userName`, or the web form's `email` field. */
function attemptedEmail(req: FastifyRequest): unknown {
  if (req.routeOptions.config.webLogin) return (req as FastifyRequest & { webForm?: { get(name: string): string | undefined } }).webForm?.get('email');
  return (req.body as { userName?: unknown } | undefined)?.userName;
}

export function registerLoginThrottle(app: App, deps: Deps, options: LoginThrottleOptions = LOGIN_THROTTLE_DEFAULTS): void {
  const failures = new FailureWindow(deps.clock, options.windowMs, options.maxTrackedKeys);
  const inFlight = new Map<string, number>();
  app.decorateRequest('loginAttempt', undefined);

  const done = (req: FastifyRequest, status: number | undefined) => {
    const attempt = req.loginAttempt;
    if (!attempt) return;
    req.loginAttempt = undefined;
    if (attempt.email !== undefined) {
      const n = (inFlight.get(attempt.email) ?? 1) - 1;
      if (n <= 0) inFlight.delete(attempt.email);
      else inFlight.set(attempt.email, n);
    }
    if (status === undefined) return;
    if (status === 401) {
      failures.record(`ip:${attempt.ip}`);
      if (attempt.email !== undefined) failures.record(`email:${attempt.email}`);
    } else if (status < 400 && attempt.email !== undefined) {
      failures.clear(`email:${attempt.email}`);
    }
  };

  // After binding and validation: the e-mail is the bound `userName`, in any letter case.
  // Callback-style hooks (they run on every request; an async one costs a promise and a microtask).
  app.addHook('preHandler', (req, reply, next) => {
    if (!isLogin(req)) return next();
    const userName = attemptedEmail(req);
    const email = typeof userName === 'string' && userName.trim() !== '' ? normaliseEmail(userName) : undefined;
    const ipWait = failures.waitMs(`ip:${req.ip}`, options.maxFailuresPerIp);
    if (ipWait > 0) {
      refuse(req, reply, ipWait, 'Too many failed logins from this address'); // answered (or thrown): no next()
      return;
    }
    if (email !== undefined) {
      const emailWait = failures.waitMs(`email:${email}`, options.maxFailuresPerEmail);
      if (emailWait > 0) {
        refuse(req, reply, emailWait, 'Too many failed logins for this user');
        return;
      }
      const running = inFlight.get(email) ?? 0;
      if (running >= options.maxInFlightPerEmail) {
        refuse(req, reply, 1000, 'Too many logins for this user at once');
        return;
      }
      inFlight.set(email, running + 1);
    }
    req.loginAttempt = { email, ip: req.ip };
    next();
  });

  // Counted before the answer leaves, so the next attempt already sees this one.
  app.addHook('onSend', (req, reply, payload, next) => {
    done(req, reply.statusCode);
    next(null, payload);
  });
  app.addHook('onResponse', (req, _reply, next) => {
    done(req, undefined);
    next();
  });
}
