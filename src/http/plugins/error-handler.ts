// Every error under /api/2.0/ answers in the error envelope (spec §1.5): domain errors by the
// table of http/error-status.ts; framework errors by their own status; anything unknown is 500,
// logged with the request id, and never shows driver text.
import type { FastifyError } from 'fastify';
import type { App } from '../app-type.js';
import { DomainError } from '../../domain/errors.js';
import { sendError } from '../envelope.js';
import { HTTP_STATUS } from '../error-status.js';

function validationMessage(err: FastifyError): string {
  const v = err.validation?.[0];
  if (!v) return err.message;
  const where = `${err.validationContext ?? ''}${v.instancePath ?? ''}`.replace(/^(body|querystring|params)\/?/, '').replace(/\//g, '.');
  const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
  if (missing) return `${where ? `${where}.` : ''}${missing}: is required`;
  return `${where || 'request'}: ${v.message ?? 'is invalid'}`;
}

export function registerErrorHandler(app: App): void {
  app.setErrorHandler((err: FastifyError | DomainError | Error, req, reply) => {
    if (err instanceof DomainError) return sendError(reply, HTTP_STATUS[err.code], err.message);
    const fe = err as FastifyError;
    if (fe.validation) return sendError(reply, 400, validationMessage(fe));
    switch (fe.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(reply, 413, 'The request body is too large');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(reply, 415, 'Unsupported content type');
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendError(reply, 400, fe.message);
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      return sendError(reply, fe.statusCode, fe.statusCode === 404 ? 'Not found' : 'Bad request');
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(reply, 500, 'Server error');
  });

  app.setNotFoundHandler((req, reply) => sendError(reply, 404, `No route ${req.method} ${req.url.split('?')[0]}`));
}
