import { checkReady } from '../../use-cases/system/readiness.js';
import type { App } from '../app-type.js';
import type { Deps } from '../../use-cases/deps.js';

export interface Lifecycle {
  draining: boolean;
}

export function healthRoutes(app: App, deps: Deps, lifecycle: Lifecycle): void {
  app.get('/healthz', { config: { public: true }, schema: { tags: ['health'], summary: 'Ready when 200' } }, async (_req, reply) => {
    if (lifecycle.draining) return reply.code(503).send({ status: 'draining' });
    await checkReady(deps);
    return reply.send({ status: 'ok' });
  });
}
