// The page shell every screen renders into: skip link, header with navigation, language switch,
// sign-out form, and the main landmark. Strings come from the UI catalogue.
import type { ComponentChildren } from 'preact';
import type { WebContext } from '../context.js';
import { assetUrl } from '../assets.js';

export type Section = 'invoices' | 'items' | 'taxes' | 'settings' | 'clients' | 'none';

export interface LayoutProps {
  ctx: WebContext;
  title: string;
  section?: Section;
  /** Load the line-editor island on this page. */
  island?: boolean;
  children: ComponentChildren;
}

export function CsrfField({ ctx }: { ctx: WebContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrf} />;
}

export function Layout({ ctx, title, section = 'none', island = false, children }: LayoutProps) {
  const { t } = ctx;
  const nav: [Section, string, string][] = [
    ['invoices', '/app/invoices', t('nav.invoices')],
    ['items', '/app/items', t('nav.items')],
    ['taxes', '/app/taxes', t('nav.taxes')],
  ];
  if (ctx.actor?.isAdmin) nav.push(['settings', '/app/settings', t('nav.settings')]);
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href={assetUrl('app.css')} />
        {island ? <script type="module" src={assetUrl('island.js')} /> : null}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('app.skip')}
        </a>
        {ctx.actor ? (
          <header class="site-header">
            <a class="brand" href="/app/invoices">
              {t('app.name')}
            </a>
            <nav aria-label={t('nav.main')} class="site-nav">
              <ul>
                {nav.map(([key, href, label]) => (
                  <li>
                    <a href={href} aria-current={section === key ? 'page' : undefined}>
                      {label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <div class="site-tools">
              <LanguageForm ctx={ctx} />
              <form method="post" action="/app/logout" class="inline-form">
                <CsrfField ctx={ctx} />
                <button type="submit" class="button-link" title={t('nav.signedInAs', { name: ctx.userName })}>
                  {t('nav.signOut')}
                </button>
              </form>
            </div>
          </header>
        ) : (
          <header class="site-header">
            <span class="brand">{t('app.name')}</span>
            <div class="site-tools">
              <LanguageForm ctx={ctx} />
            </div>
          </header>
        )}
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}

function LanguageForm({ ctx }: { ctx: WebContext }) {
  const { t } = ctx;
  const back = ctx.path + (ctx.query.size ? `?${ctx.query.toString()}` : '');
  return (
    <form method="post" action="/app/language" class="inline-form language-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="back" value={back} />
      <label for="ui-language" class="visually-hidden">
        {t('nav.language')}
      </label>
      <select id="ui-language" name="language">
        <option value="en" selected={ctx.locale === 'en'} lang="en">
          {t('lang.en')}
        </option>
        <option value="ru" selected={ctx.locale === 'ru'} lang="ru">
          {t('lang.ru')}
        </option>
      </select>
      <button type="submit" class="button-secondary">
        {t('lang.apply')}
      </button>
    </form>
  );
}

/** A linked error summary (GOV.UK pattern): each message links to its field. */
export function ErrorSummary({ ctx, errors }: { ctx: WebContext; errors: { field: string; message: string }[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{ctx.t('form.errorSummary')}</h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
