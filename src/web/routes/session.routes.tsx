// Screen 1: sign in and out, and the UI language switch.
import type { FastifyInstance } from 'fastify';
import { login } from '../../use-cases/auth/login.js';
import { logout } from '../../use-cases/auth/logout.js';
import type { Deps } from '../../use-cases/deps.js';
import { LANG_COOKIE, redirectTo, sendPage, SESSION_COOKIE, webContext } from '../context.js';
import { UI_LOCALES } from '../i18n/index.js';
import { SignInPage } from '../screens/sign-in.js';

const safeNext = (next: string | undefined) => (next && /^\/app\/[^/\\]/.test(next) && !next.includes('//') ? next : '/app/invoices');

export function sessionRoutes(web: FastifyInstance, deps: Deps): void {
  web.get('/login', { config: { webPublic: true } }, async (req, reply) => {
    const ctx = webContext(req, reply);
    return sendPage(reply, 200, <SignInPage ctx={ctx} next={ctx.query.get('next') ?? ''} />);
  });

  web.post('/login', { config: { webPublic: true, webLogin: true } }, async (req, reply) => {
    const form = req.webForm;
    const email = form.text('email');
    try {
      const { token } = await login(deps, email, form.get('password') ?? '');
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/app',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        // Relative lifetime (the token's TTL): the server's clock decides expiry, not the browser's.
        maxAge: Math.floor(deps.config.tokenTtlMs / 1000),
      });
      return redirectTo(reply, safeNext(form.get('next')));
    } catch {
      const ctx = webContext(req, reply);
      return sendPage(reply, 401, <SignInPage ctx={ctx} email={email} next={form.get('next') ?? ''} error={ctx.t('signIn.failed')} />);
    }
  });

  web.post('/logout', async (req, reply) => {
    if (req.webActor) await logout(deps, req.webActor);
    reply.clearCookie(SESSION_COOKIE, { path: '/app' });
    return redirectTo(reply, '/app/login?signedout=1');
  });

  // The UI language, kept in a cookie for a year (users have no language setting of their own yet).
  web.post('/language', { config: { webPublic: true } }, async (req, reply) => {
    const language = req.webForm.text('language');
    if ((UI_LOCALES as readonly string[]).includes(language)) {
      reply.setCookie(LANG_COOKIE, language, { path: '/app', sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 3600, secure: req.protocol === 'https' });
    }
    return redirectTo(reply, safeNext(req.webForm.get('back')));
  });
}
