// Token authentication for every route but the public ones (DECISIONS "Tenants, users, tokens"),
// and the CRM gate: guests (isVisitor) get 403 on every /api/2.0/crm/ route (spec §1.2).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../app-type.js';
import { addRouteHook, onEveryRoute } from './route-hooks.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/people/user.js';
import { authenticate } from '../../use-cases/auth/authenticate.js';
import type { Deps } from '../../use-cases/deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyContextConfig {
    /** Answers without a token (login, health, OpenAPI, docs). */
    public?: boolean;
  }
}

const CRM_PREFIX = '/api/2.0/crm/';

function cookieToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /(?:^|;\s*)asc_auth_key=([^;]+)/.exec(header);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

export function registerAuth(app: App, deps: Deps): void {
  app.decorateRequest('actor', null as unknown as Actor);

  app.addHook('onRequest', async (req) => {
    if (req.is404 || req.routeOptions.config.public) return;
    req.actor = await authenticate(deps, req.headers.authorization, cookieToken(req.headers.cookie));
  });

  // The CRM gate, on the CRM routes only (after validation, as before: a guest's malformed
  // request is still a 400).
  onEveryRoute(app, (route) => {
    if (!route.url.toLowerCase().startsWith(CRM_PREFIX)) return;
    addRouteHook(route, 'preHandler', (req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
      if (req.actor?.isVisitor) return done(new DomainError('FORBIDDEN', 'Forbidden'));
      done();
    });
  });
}
