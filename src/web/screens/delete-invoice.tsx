// Delete confirmation (UI.md screen 3: "a dialog that names the number"), as a page so it works
// without JavaScript; a refused delete says why. And the page shown when an e-invoice cannot be
// made (the missing business terms), instead of a raw error.
import type { WebContext } from '../context.js';
import { CsrfField, Layout } from '../components/layout.js';

export function DeleteInvoicePage({ ctx, id, number, refused }: { ctx: WebContext; id: number; number: string; refused?: boolean }) {
  const { t } = ctx;
  const title = t('details.deleteTitle', { number });
  return (
    <Layout ctx={ctx} title={title} section="invoices">
      <div class="narrow-wide stack">
        <h1>{title}</h1>
        {refused ? (
          <div class="notice notice-error" role="alert">
            <p>{t('details.deleteRefused', { number })}</p>
          </div>
        ) : (
          <p>{t('details.deleteText')}</p>
        )}
        <div class="actions">
          {refused ? null : (
            <form method="post" action={`/app/invoices/${id}/delete`} class="inline-form">
              <CsrfField ctx={ctx} />
              <button type="submit" class="button-danger">
                {t('details.deleteConfirm')}
              </button>
            </form>
          )}
          <a class="button button-secondary" href={`/app/invoices/${id}`}>
            {refused ? t('details.backToInvoice', { number }) : t('details.deleteCancel')}
          </a>
        </div>
      </div>
    </Layout>
  );
}

/** The e-invoice refusal: the message names each missing business term (e.g. "BT-31 Seller VAT identifier"). */
export function EinvoiceRefusedPage({ ctx, id, number, message }: { ctx: WebContext; id: number; number: string; message: string }) {
  const { t } = ctx;
  const title = t('details.einvoiceTitle', { number });
  // The domain's message: "The invoice cannot be issued as …: missing BT-31 …, BT-40 …; cannot be expressed: …".
  const colon = message.indexOf(': ');
  const body = colon >= 0 ? message.slice(colon + 2) : message;
  const parts = body
    .split(/;\s+|,\s+(?=B[GT]-\d)/)
    .map((p) => p.replace(/^missing\s+/, '').trim())
    .filter((p) => p !== '');
  return (
    <Layout ctx={ctx} title={title} section="invoices">
      <div class="stack">
        <h1>{title}</h1>
        <p>{t('details.einvoiceText')}</p>
        {colon >= 0 ? <p class="hint">{message.slice(0, colon)}</p> : null}
        <ul class="einvoice-problems">
          {parts.map((p) => (
            <li>{p}</li>
          ))}
        </ul>
        <div class="actions">
          <a class="button button-secondary" href={`/app/invoices/${id}`}>
            {t('details.backToInvoice', { number })}
          </a>
          {ctx.actor?.isAdmin ? <a href="/app/settings#seller">{t('details.einvoiceSettings')}</a> : null}
        </div>
      </div>
    </Layout>
  );
}
