// A real app on a real database, driven through app.inject. Tenant 1 and its admin exist.
import { buildApp, type BuildOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { App } from '../../src/http/app-type.js';
import { openStore } from '../../src/store/database.js';
import type { Clock, Deps } from '../../src/use-cases/deps.js';
import { bootstrap } from '../../src/use-cases/tenants/tenants.js';
import { createTestDatabase } from './database.js';

export const ADMIN_EMAIL = 'admin@example.test';
export const ADMIN_PASSWORD = 'admin-password-1';

/** A clock tests can move. */
export class TestClock implements Clock {
  constructor(public ms = Date.UTC(2026, 0, 15, 9, 30, 0)) {}
  now() {
    return this.ms;
  }
  advance(ms: number) {
    this.ms += ms;
  }
}

export interface TestApp {
  app: App;
  deps: Deps;
  clock: TestClock;
  adminToken: string;
  login(email: string, password: string): Promise<string>;
  /** Creates a user through POST people as the admin; returns its id and a token. */
  createUser(opts?: { email?: string; isAdmin?: boolean; isVisitor?: boolean; firstname?: string; lastname?: string; token?: string }): Promise<{ id: string; email: string; token: string }>;
  close(): Promise<void>;
}

let userSeq = 0;

export async function createTestApp(options: BuildOptions & { env?: Record<string, string> } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config: Config = {
    ...loadConfig({ LEDGERLINE_ADMIN_EMAIL: ADMIN_EMAIL, LEDGERLINE_ADMIN_PASSWORD: ADMIN_PASSWORD, LEDGERLINE_TEST_MODE: '1', ...options.env }),
    database: db.config,
  };
  const store = await openStore(config.database);
  const clock = new TestClock();
  const deps: Deps = { store, config, clock };
  await bootstrap(deps);
  const { app } = await buildApp(deps, options);

  const login = async (email: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/2.0/authentication', payload: { userName: email, password } });
    if (res.statusCode !== 201) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
    return res.json().response.token as string;
  };
  const adminToken = await login(ADMIN_EMAIL, ADMIN_PASSWORD);

  return {
    app, deps, clock, adminToken, login,
    async createUser(opts = {}) {
      const email = opts.email ?? `user${++userSeq}.${process.pid}@example.test`;
      const password = 'user-password-1';
      const res = await app.inject({
        method: 'POST', url: '/api/2.0/people', headers: { authorization: opts.token ?? adminToken },
        payload: { email, password, firstname: opts.firstname ?? 'Test', lastname: opts.lastname ?? 'User', isAdmin: !!opts.isAdmin, isVisitor: !!opts.isVisitor },
      });
      if (res.statusCode !== 201) throw new Error(`createUser failed: ${res.statusCode} ${res.body}`);
      return { id: res.json().response.id as string, email, token: await login(email, password) };
    },
    async close() {
      await app.close();
      await store.close();
      await db.drop();
    },
  };
}
