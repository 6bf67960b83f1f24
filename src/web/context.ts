// What every page render needs to know about the request: language, user, CSRF token, path.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Actor } from '../domain/people/user.js';
import { NUMBER_LOCALE, negotiateLocale, translator, UI_LOCALES, type Translate, type UiLocale } from './i18n/index.js';
import { WebForm } from './form.js';

export interface WebContext {
  locale: UiLocale;
  /** The Intl locale for numbers and dates of this UI language (en-US, ru-RU). */
  numberLocale: string;
  t: Translate;
  /** The signed-in user (undefined on the sign-in page). */
  actor: Actor | undefined;
  userName: string;
  /** The CSRF token every form carries in its `_csrf` field. */
  csrf: string;
  /** The request path (no query). */
  path: string;
  /** The query string's parameters. */
  query: URLSearchParams;
}

export const SESSION_COOKIE = 'll_session';
export const LANG_COOKIE = 'll_lang';

declare module 'fastify' {
  interface FastifyRequest {
    /** The parsed form of a web POST (empty for other requests). */
    webForm: WebForm;
    webActor: Actor | undefined;
    webUserName: string;
  }
  interface FastifyContextConfig {
    /** A web route that answers without a session (sign-in page, assets). */
    webPublic?: boolean;
  }
}

export function uiLocaleOf(req: FastifyRequest): UiLocale {
  const cookie = req.cookies?.[LANG_COOKIE];
  if (cookie && (UI_LOCALES as readonly string[]).includes(cookie)) return cookie as UiLocale;
  return negotiateLocale(req.headers['accept-language']);
}

export function webContext(req: FastifyRequest, reply: FastifyReply): WebContext {
  const locale = uiLocaleOf(req);
  const url = req.url;
  const q = url.indexOf('?');
  return {
    locale,
    numberLocale: NUMBER_LOCALE[locale],
    t: translator(locale),
    actor: req.webActor,
    userName: req.webUserName,
    csrf: reply.generateCsrf(),
    path: q >= 0 ? url.slice(0, q) : url,
    query: new URLSearchParams(q >= 0 ? url.slice(q + 1) : ''),
  };
}

/** Sends a page: a full HTML document, no-store (pages show private data). */
export function sendPage(reply: FastifyReply, status: number, page: VNode): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>${renderToString(page)}`);
}

/** Post/Redirect/Get: 303 to a path of the app (never to another origin). */
export function redirectTo(reply: FastifyReply, path: string): FastifyReply {
  const safe = path.startsWith('/app/') || path === '/app' ? path : '/app/invoices';
  return reply.code(303).header('location', safe).header('cache-control', 'no-store').send();
}
