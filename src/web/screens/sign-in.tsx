// Screen 1: sign in. A plain form; the failure message is announced and the e-mail kept.
import type { WebContext } from '../context.js';
import { CsrfField, Layout } from '../components/layout.js';

export function SignInPage({ ctx, email = '', error, next = '' }: { ctx: WebContext; email?: string; error?: string; next?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('signIn.title')}>
      <div class="narrow">
        <h1>{t('signIn.title')}</h1>
        {ctx.query.has('signedout') ? <p role="status">{t('signedOut')}</p> : null}
        {error ? (
          <p class="error-message" role="alert" id="sign-in-error">
            {error}
          </p>
        ) : null}
        <form method="post" action="/app/login" class="stack">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="next" value={next} />
          <div class="field">
            <label for="email">{t('signIn.email')}</label>
            <input id="email" name="email" type="email" autocomplete="username" required value={email}
              aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'sign-in-error' : undefined} />
          </div>
          <div class="field">
            <label for="password">{t('signIn.password')}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required
              aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'sign-in-error' : undefined} />
          </div>
          <button type="submit" class="button-primary">
            {t('signIn.submit')}
          </button>
        </form>
      </div>
    </Layout>
  );
}
