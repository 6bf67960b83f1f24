// The web app (UI.md): server-rendered pages under /app/, in their own Fastify context with
// their own session cookie, CSRF protection on every form, a strict CSP and HTML error pages.
// Like src/http/, it is an adapter: pages call use cases, never the store.
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.js';
import { authenticate } from '../use-cases/auth/authenticate.js';
import { loadUsers } from '../use-cases/people/load-users.js';
import { displayNameOf } from '../domain/people/user.js';
import type { Deps } from '../use-cases/deps.js';
import { FormBody } from '../http/form-tree.js';
import { LoginThrottledError } from '../http/plugins/login-throttle.js';
import { ErrorPage } from './components/error-page.js';
import { getAsset, loadAssets } from './assets.js';
import { redirectTo, sendPage, SESSION_COOKIE, webContext } from './context.js';
import { WebForm } from './form.js';
import { sessionRoutes } from './routes/session.routes.js';
import { SignInPage } from './screens/sign-in.js';
import { registerScreens } from './routes/index.js';

export const WEB_PREFIX = '/app';

/** Content-Security-Policy: only our own scripts and styles; no inline code anywhere. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
  upgradeInsecureRequests: null,
};

export async function webApp(app: FastifyInstance, deps: Deps): Promise<void> {
  await loadAssets();
  await app.register(
    async (web) => {
      // Every web route is "public" to the API's token check: the web checks its own session cookie.
      web.addHook('onRoute', (route) => {
        route.config = { ...(route.config ?? {}), public: true } as typeof route.config;
        route.schema = { ...(route.schema ?? {}), hide: true }; // pages are not part of the API's OpenAPI
      });
      await web.register(cookie);
      await web.register(helmet, {
        contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
        crossOriginEmbedderPolicy: false,
        hsts: false, // TLS is the reverse proxy's business; it sets HSTS
      });
      await web.register(csrf, {
        sessionPlugin: '@fastify/cookie',
        cookieKey: 'll_csrf',
        cookieOpts: { path: WEB_PREFIX, httpOnly: true, sameSite: 'strict', signed: false },
        getToken: (req: FastifyRequest) => req.webForm?.get('_csrf') ?? (req.headers['x-csrf-token'] as string | undefined),
      });
      web.decorateRequest('webForm', null as unknown as WebForm);
      web.decorateRequest('webActor', undefined);
      web.decorateRequest('webUserName', '');

      // The session: the cookie's token, checked like an API token (expiry, revocation, disabled users).
      web.addHook('onRequest', async (req, reply) => {
        req.webForm = new WebForm([]);
        if (req.routeOptions.config.webPublic || req.is404) return;
        const token = req.cookies[SESSION_COOKIE];
        try {
          if (!token) throw new DomainError('UNAUTHENTICATED', 'Unauthorized');
          req.webActor = await authenticate(deps, undefined, token);
        } catch {
          const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.url)}` : '';
          return redirectTo(reply, `/app/login${next}`);
        }
        if (req.webActor.isVisitor) throw new DomainError('FORBIDDEN', 'Forbidden');
        const users = await loadUsers(deps.store.db, req.webActor.tenantId, [req.webActor.userId]);
        const me = users.get(req.webActor.userId);
        req.webUserName = me ? displayNameOf(me) : '';
      });
      web.addHook('preValidation', async (req) => {
        if (req.body instanceof FormBody) req.webForm = new WebForm(req.body.pairs, req.body.files);
      });
      // CSRF on every state-changing request (after the body is parsed: preHandler, not onRequest).
      web.addHook('preHandler', (req, reply, done) => {
        if (req.method === 'GET' || req.method === 'HEAD') return done();
        web.csrfProtection(req, reply, done);
      });

      web.setErrorHandler(async (err: Error & { statusCode?: number; code?: string }, req, reply) => {
        const ctx = webContext(req, reply);
        if (err instanceof LoginThrottledError) {
          return sendPage(reply, 429, <SignInPage ctx={ctx} email={req.webForm?.get('email') ?? ''} error={ctx.t('signIn.throttled')} />);
        }
        if (err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET') {
          return sendPage(reply, 403, <ErrorPage ctx={ctx} message={ctx.t('error.csrf')} />);
        }
        if (err instanceof DomainError) {
          if (err.code === 'NOT_FOUND') return sendPage(reply, 404, <ErrorPage ctx={ctx} message={ctx.t('error.notFound')} />);
          if (err.code === 'FORBIDDEN' || err.code === 'ACCESS_DENIED') return sendPage(reply, 403, <ErrorPage ctx={ctx} message={ctx.t('error.forbidden')} />);
          if (err.code === 'UNAUTHENTICATED') return redirectTo(reply, '/app/login');
          return sendPage(reply, 400, <ErrorPage ctx={ctx} message={err.message} />);
        }
        if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
          return sendPage(reply, err.statusCode, <ErrorPage ctx={ctx} message={err.statusCode === 404 ? ctx.t('error.notFound') : err.message} />);
        }
        req.log.error({ err }, 'unhandled web error');
        return sendPage(reply, 500, <ErrorPage ctx={ctx} message={ctx.t('error.server')} />);
      });
      const notFound = (req: FastifyRequest, reply: FastifyReply) => {
        const ctx = webContext(req, reply);
        return sendPage(reply, 404, <ErrorPage ctx={ctx} message={ctx.t('error.notFound')} />);
      };
      web.setNotFoundHandler(async (req, reply) => notFound(req, reply));

      web.get('/assets/:name', { config: { webPublic: true } }, async (req: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply) => {
        const asset = getAsset(req.params.name);
        if (!asset) return notFound(req, reply);
        const versioned = (req.query as { v?: string }).v === asset.hash;
        return reply
          .header('content-type', asset.type)
          .header('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'no-cache')
          .send(asset.body);
      });
      web.get('/', async (_req, reply) => redirectTo(reply, '/app/invoices'));

      sessionRoutes(web, deps);
      registerScreens(web, deps);
    },
    { prefix: WEB_PREFIX },
  );
}
