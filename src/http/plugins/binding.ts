// Runs the ONLYOFFICE binder before ajv: the route's body schema (or, for GET, its querystring
// schema) receives the canonical object built from path + query + body (DESIGN "Binding flow").
import type { App } from '../app-type.js';
import type { TSchema } from 'typebox';
import { invalid } from '../../domain/errors.js';
import { bindRequest } from '../binder.js';
import { FormBody, type UploadedFile } from '../form-tree.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Files of a multipart body (empty otherwise); the binder binds fields only. */
    uploads: UploadedFile[];
  }
}

export function registerBinding(app: App, defaultTimeZone: string): void {
  app.decorateRequest('uploads', null as unknown as UploadedFile[]);
  // NUL anywhere in the path or query (no text column of PostgreSQL can hold it): a clear 400
  // before anything reads it; body values are checked by the binder. Callback-style hooks: they
  // run on every request, and an async hook would cost a promise and a microtask turn each time.
  app.addHook('onRequest', (req, _reply, done) => {
    if ((req.raw.url ?? '').includes('%00')) return done(invalid('The NUL character is not allowed in a request'));
    done();
  });
  app.addHook('preValidation', (req, _reply, done) => {
    req.uploads = req.body instanceof FormBody ? req.body.files : [];
    const schema = req.routeOptions.schema as { body?: TSchema; querystring?: TSchema } | undefined;
    const target = schema?.body ? 'body' : schema?.querystring ? 'querystring' : undefined;
    if (!target) return done();
    const url = req.raw.url ?? '';
    const q = url.indexOf('?');
    let bound: ReturnType<typeof bindRequest>;
    try {
      bound = bindRequest(
        target === 'body' ? schema!.body! : schema!.querystring!,
        { params: req.params as Record<string, string>, queryString: q >= 0 ? url.slice(q + 1) : '', body: req.body },
        { timeZone: req.actor?.timeZone ?? defaultTimeZone },
      );
    } catch (e) {
      return done(e as Error);
    }
    if (target === 'body') req.body = bound;
    else req.query = bound;
    done();
  });
}
