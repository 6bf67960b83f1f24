// buildApp(deps): the Fastify instance with every plugin and route, not listening (tests use it).
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { App } from './http/app-type.js';
import { sendError } from './http/envelope.js';
import { registerAuth } from './http/plugins/auth.js';
import { registerBinding } from './http/plugins/binding.js';
import { registerIdempotency } from './http/plugins/idempotency.js';
import { registerLoginThrottle } from './http/plugins/login-throttle.js';
import { registerContentTypes } from './http/plugins/content-types.js';
import { registerErrorHandler } from './http/plugins/error-handler.js';
import { authRoutes } from './http/routes/auth.routes.js';
import { healthRoutes, type Lifecycle } from './http/routes/health.routes.js';
import { peopleRoutes } from './http/routes/people.routes.js';
import { contactsRoutes } from './http/routes/contacts.routes.js';
import { opportunitiesRoutes } from './http/routes/opportunities.routes.js';
import { invoiceItemsRoutes } from './http/routes/invoice-items.routes.js';
import { invoiceTaxesRoutes } from './http/routes/invoice-taxes.routes.js';
import { invoiceSettingsRoutes } from './http/routes/invoice-settings.routes.js';
import { currenciesRoutes } from './http/routes/currencies.routes.js';
import { invoicesRoutes } from './http/routes/invoices.routes.js';
import { invoiceLinesRoutes } from './http/routes/invoice-lines.routes.js';
import { invoiceListsRoutes } from './http/routes/invoice-lists.routes.js';
import { auditRoutes } from './http/routes/audit.routes.js';
import { documentsRoutes } from './http/routes/documents.routes.js';
import { einvoiceRoutes } from './http/routes/einvoice.routes.js';
import { CUSTOM_KEYWORDS, ErrorEnvelope } from './http/schemas/common.js';
import type { Deps } from './use-cases/deps.js';
import { webApp } from './web/plugin.js';

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
  /** Extra routes (the test app adds routes that exist only in tests). */
  extraRoutes?: (app: App, deps: Deps) => void;
}

export interface BuiltApp {
  app: App;
  lifecycle: Lifecycle;
}

/** Strips the `.json` format suffix (spec §1.1) and a bare trailing `?` (DECISIONS). */
export function rewriteUrl(url: string): string {
  const q = url.indexOf('?');
  let path = q >= 0 ? url.slice(0, q) : url;
  const query = q >= 0 ? url.slice(q + 1) : '';
  if (/\.json$/i.test(path)) path = path.slice(0, -5);
  return query ? `${path}?${query}` : path;
}

export const LOG_REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token'];

/**
 * Whatever logger a caller asks for, credentials never reach it: headers and secrets are redacted,
 * and requests are logged by path only (the query string can carry a password:
 * authentication?password=…).
 */
function safeLogger(logger: BuildOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = logger === true ? {} : (logger as Record<string, unknown>);
  return {
    ...base,
    redact: { paths: LOG_REDACT, censor: '[redacted]' },
    serializers: {
      ...((base.serializers as Record<string, unknown> | undefined) ?? {}),
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: (req.url ?? '').split('?')[0], id: req.id }),
    },
  } as FastifyServerOptions['logger'];
}

export async function buildApp(deps: Deps, options: BuildOptions = {}): Promise<BuiltApp> {
  const fastify = Fastify({
    logger: safeLogger(options.logger),
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    rewriteUrl: (req) => rewriteUrl(req.url ?? '/'),
    bodyLimit: deps.config.bodyLimit,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // Errors the router raises before any hook (a bad percent escape, an over-long parameter)
    // answer in the envelope too.
    frameworkErrors: (error, _req, reply) => sendError(reply, error.statusCode ?? 400, error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long' : 'The request path is malformed'),
    ajv: { customOptions: { keywords: CUSTOM_KEYWORDS, allowUnionTypes: true, coerceTypes: 'array', useDefaults: true, removeAdditional: true, allErrors: false } },
  });
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  const lifecycle: Lifecycle = { draining: false };

  registerContentTypes(app, deps.config.bodyLimit);
  registerErrorHandler(app);
  registerBinding(app, deps.config.timezone);
  registerAuth(app, deps);
  registerLoginThrottle(app, deps);
  registerIdempotency(app, deps);
  app.addSchema(ErrorEnvelope);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Ledgerline',
        version: '0.1.0',
        description:
          'The ONLYOFFICE Community Server CRM invoicing API (`/api/2.0/crm/…`), re-implemented. Every answer under `/api/2.0/` is the ONLYOFFICE envelope: `{count, status, statusCode, response}` or `{status: 1, statusCode, error: {message}}`. Parameters bind from the path, the query string and a JSON, urlencoded or multipart body, in any letter case.\n\n**Idempotency-Key** (our extension): on POST, PUT and DELETE, a key of up to 255 characters makes a retry safe. The first answer (2xx or 4xx) is stored for 24 hours and replayed for the same key and the same parameters, with the header `Idempotent-Replayed: true`; the same key with other parameters is a 400; a duplicate while the first is still running is a 409.',
      },
      components: { securitySchemes: { token: { type: 'apiKey', in: 'header', name: 'Authorization' } } },
      security: [{ token: [] }],
    },
  });
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...(route.config ?? {}), public: true } as typeof route.config;
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });


  // Registered without its suffix: rewriteUrl strips `.json`, so this serves /api/2.0/openapi.json.
  app.get('/api/2.0/openapi', { config: { public: true }, schema: { hide: true } }, async (_req, reply) =>
    reply.header('content-type', 'application/json; charset=utf-8').send(app.swagger()),
  );
  healthRoutes(app, deps, lifecycle);
  authRoutes(app, deps);
  peopleRoutes(app, deps);
  contactsRoutes(app, deps);
  opportunitiesRoutes(app, deps);
  invoiceItemsRoutes(app, deps);
  invoiceTaxesRoutes(app, deps);
  invoiceSettingsRoutes(app, deps);
  currenciesRoutes(app, deps);
  invoicesRoutes(app, deps);
  invoiceLinesRoutes(app, deps);
  invoiceListsRoutes(app, deps);
  auditRoutes(app, deps);
  documentsRoutes(app, deps);
  einvoiceRoutes(app, deps);
  await webApp(app as never, deps);
  options.extraRoutes?.(app, deps);

  await app.ready();
  return { app, lifecycle };
}
