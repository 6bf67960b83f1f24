// Screen 3: one invoice — its number and status, the next action by status (each a POST form),
// edit/duplicate/delete, the downloads, and the body: the HTML rendering of the very
// InvoiceDocument the PDF is drawn from, so the totals here are the PDF's to the cent.
import type { DocumentAmount, DocumentParty, InvoiceDocument } from '../../domain/documents/invoice-document.js';
import type { InvoiceStatus } from '../../domain/invoices/invoice.js';
import { formatDecimal, formatMoney } from '../../domain/shared/locale-number.js';
import type { InvoiceView } from '../../use-cases/invoices/invoice-view.js';
import type { WebContext } from '../context.js';
import { CsrfField, Layout } from '../components/layout.js';
import type { InvoiceFlash } from '../components/invoice-flash.js';
import { displayStatusOf, dueText, formatDate, isoDateOf, STATUS_WORD } from '../components/invoice-format.js';
import { skipReasonText } from '../components/invoice-notice.js';
import { StatusBadge } from '../components/status-badge.js';
import type { MessageId } from '../i18n/index.js';

export const EINVOICE_FORMATS = ['ubl', 'cii', 'xrechnung-ubl', 'xrechnung-cii', 'facturx'] as const;
export type EinvoiceFormatName = (typeof EINVOICE_FORMATS)[number];

/** The next actions by status (UI.md screen 3): target status and button text. */
export const NEXT_ACTIONS: Record<InvoiceStatus, [InvoiceStatus, MessageId][]> = {
  draft: [['sent', 'details.markSent']],
  sent: [
    ['paid', 'details.markPaid'],
    ['rejected', 'details.markRejected'],
  ],
  rejected: [['draft', 'details.backToDraft']],
  paid: [['sent', 'details.reopen']],
  archived: [],
};

export interface InvoiceDetailsProps {
  ctx: WebContext;
  view: InvoiceView;
  doc: InvoiceDocument;
  today: string;
  timeZone: string;
  flash: InvoiceFlash | undefined;
}

export function InvoiceDetailsPage({ ctx, view, doc, today, timeZone, flash }: InvoiceDetailsProps) {
  const { t } = ctx;
  const inv = view.invoice;
  const id = inv.id;
  const status = displayStatusOf(inv, today, timeZone);
  const due = dueText(ctx, inv, today, timeZone);
  const money = (a: DocumentAmount) => formatMoney(a.value.toFixed(2), doc.currency.code, ctx.numberLocale);
  const dec = (a: DocumentAmount) => formatDecimal(a.value.toString(), ctx.numberLocale);
  // Parties the reader may not see are not shown (the PDF download leaves them out the same way).
  const billTo = view.contact ? doc.billTo : null;
  const billHidden = !view.contact && inv.contactId > 0;
  const shipHidden = inv.consigneeId > 0 && !view.consignee;
  const shipTo = shipHidden ? null : doc.shipTo;
  const title = t('details.title', { number: inv.number });

  const secondary = [
    view.canEdit ? { href: `/app/invoices/${id}/edit`, label: t('details.edit') } : null,
    { href: `/app/invoices/${id}/duplicate`, label: t('details.duplicate') },
    view.canDelete ? { href: `/app/invoices/${id}/delete`, label: t('details.delete') } : null,
  ].filter((x): x is { href: string; label: string } => x !== null);
  const downloads = [
    { href: `/app/invoices/${id}/pdf`, label: t('details.downloadPdf') },
    ...EINVOICE_FORMATS.map((f) => ({ href: `/app/invoices/${id}/einvoice/${f}`, label: t(`details.download.${f}`) })),
  ];

  return (
    <Layout ctx={ctx} title={title} section="invoices">
      <p class="no-print breadcrumb">
        <a href="/app/invoices">{t('details.back')}</a>
      </p>
      <div class="page-head invoice-head">
        <h1>{title}</h1>
        <StatusBadge ctx={ctx} status={status} />
        {due ? <span class={`due-text${status === 'overdue' ? ' due-overdue' : ''}`}>{due}</span> : null}
      </div>
      <DetailsNotice ctx={ctx} flash={flash} />
      {ctx.query.get('notice') === 'not-editable' ? (
        <div class="notice no-print" role="status">
          <p>{t('editor.notice.notEditable', { number: inv.number })}</p>
        </div>
      ) : null}

      <section class="invoice-actions no-print" aria-label={t('details.actions')}>
        <div class="actions">
          {NEXT_ACTIONS[inv.status].map(([target, label]) => (
            <form method="post" action={`/app/invoices/${id}/status`} class="inline-form">
              <CsrfField ctx={ctx} />
              <input type="hidden" name="status" value={target} />
              <button type="submit" class="button-primary">
                {t(label)}
              </button>
            </form>
          ))}
          <ul class="link-list actions-wide">
            {secondary.map((a) => (
              <li>
                <a class="button button-secondary" href={a.href}>
                  {a.label}
                </a>
              </li>
            ))}
          </ul>
        </div>
        <div class="actions-wide downloads">
          <h2 class="visually-hidden">{t('details.downloads')}</h2>
          <ul class="link-list">
            {downloads.map((d) => (
              <li>
                <a href={d.href}>{d.label}</a>
              </li>
            ))}
          </ul>
        </div>
        {/* Phones: the same links in one menu (a disclosure: works without JavaScript). */}
        <details class="actions-menu">
          <summary>{t('details.more')}</summary>
          <ul>
            {[...secondary, ...downloads].map((a) => (
              <li>
                <a href={a.href}>{a.label}</a>
              </li>
            ))}
          </ul>
        </details>
        <p class="hint">{t('details.print')}</p>
      </section>

      <article class="invoice-document" aria-label={title}>
        <div class="parties">
          <section aria-labelledby="party-seller">
            <h2 id="party-seller">{t('details.seller')}</h2>
            {doc.seller.logo && doc.seller.logo.contentType.startsWith('image/') ? (
              <img class="seller-logo" src={`data:${doc.seller.logo.contentType};base64,${doc.seller.logo.dataBase64}`} alt="" />
            ) : null}
            {doc.seller.name || doc.seller.address ? (
              <Party party={doc.seller} />
            ) : (
              <p class="hint no-print">
                {t('details.noSeller')}
                {ctx.actor?.isAdmin ? (
                  <>
                    {' '}
                    <a href="/app/settings">{t('details.sellerSettings')}</a>
                  </>
                ) : null}
              </p>
            )}
          </section>
          <section aria-labelledby="party-bill">
            <h2 id="party-bill">{t('details.billTo')}</h2>
            {billHidden ? <p class="hint">{t('details.hidden')}</p> : <Party party={billTo} link={!!view.contact} />}
          </section>
          {shipTo || shipHidden ? (
            <section aria-labelledby="party-ship">
              <h2 id="party-ship">{t('details.shipTo')}</h2>
              {shipHidden ? <p class="hint">{t('details.hidden')}</p> : <Party party={shipTo} link={!!view.consignee} />}
            </section>
          ) : null}
        </div>

        <dl class="invoice-meta">
          <div>
            <dt>{t('details.issueDate')}</dt>
            <dd>
              <time datetime={doc.issueDate.isoDate}>{formatDate(ctx, doc.issueDate.instant, timeZone)}</time>
            </dd>
          </div>
          <div>
            <dt>{t('details.dueDate')}</dt>
            <dd>
              <time datetime={isoDateOf(doc.dueDate.instant, timeZone)}>{formatDate(ctx, doc.dueDate.instant, timeZone)}</time>
            </dd>
          </div>
          {doc.purchaseOrderNumber ? (
            <div>
              <dt>{t('details.po')}</dt>
              <dd>{doc.purchaseOrderNumber}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('details.currency')}</dt>
            <dd>{doc.currency.title && doc.currency.title !== doc.currency.code ? `${doc.currency.code} — ${doc.currency.title}` : doc.currency.code}</dd>
          </div>
          {!doc.exchangeRate.equals(1) ? (
            <div>
              <dt>{t('details.exchangeRate')}</dt>
              <dd>{formatDecimal(doc.exchangeRate.toString(), ctx.numberLocale)}</dd>
            </div>
          ) : null}
          {doc.language ? (
            <div>
              <dt>{t('details.language')}</dt>
              <dd>{doc.language}</dd>
            </div>
          ) : null}
        </dl>

        <h2 id="lines-title">{t('details.lines')}</h2>
        {doc.lines.length === 0 ? (
          <p>{t('details.noLines')}</p>
        ) : (
          <table class="document-lines" aria-labelledby="lines-title">
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('details.col.pos')}
                </th>
                <th scope="col">{t('details.col.item')}</th>
                <th scope="col" class="num">
                  {t('details.col.quantity')}
                </th>
                <th scope="col" class="num">
                  {t('details.col.price')}
                </th>
                <th scope="col" class="num">
                  {t('details.col.discount')}
                </th>
                <th scope="col">{t('details.col.taxes')}</th>
                <th scope="col" class="num">
                  {t('details.col.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {doc.lines.map((l) => (
                <tr>
                  <td class="num" data-label={t('details.col.pos')}>
                    {String(l.position)}
                  </td>
                  <th scope="row" class="line-item" data-label={t('details.col.item')}>
                    <span class="line-title">{l.itemTitle || l.description}</span>
                    {l.itemTitle && l.description ? <span class="line-description">{l.description}</span> : null}
                  </th>
                  <td class="num" data-label={t('details.col.quantity')}>
                    {dec(l.quantity)}
                  </td>
                  <td class="num" data-label={t('details.col.price')}>
                    {money(l.price)}
                  </td>
                  <td class="num" data-label={t('details.col.discount')}>
                    {dec(l.discountPercent)}
                  </td>
                  <td data-label={t('details.col.taxes')}>
                    {[l.tax1, l.tax2]
                      .filter((x) => x !== null)
                      .map((x) => t('details.taxRow', { name: x.name, rate: dec(x.rate) }))
                      .join(', ')}
                  </td>
                  <td class="num" data-label={t('details.col.amount')}>
                    {money(l.net)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <dl class="document-totals">
          <div>
            <dt>{t('details.subtotal')}</dt>
            <dd>{money(doc.subtotal)}</dd>
          </div>
          {doc.taxes.map((x) => (
            <div>
              <dt>{t('details.taxRow', { name: x.name, rate: dec(x.rate) })}</dt>
              <dd>{money(x.amount)}</dd>
            </div>
          ))}
          <div class="grand-total">
            <dt>{t('details.total')}</dt>
            <dd>{money(doc.total)}</dd>
          </div>
        </dl>
        <p class="hint no-print">{t('details.totalsNote')}</p>

        {doc.terms ? (
          <section aria-labelledby="terms-title">
            <h2 id="terms-title">{t('details.terms')}</h2>
            <p class="preformatted">{doc.terms}</p>
          </section>
        ) : null}
        {doc.notes ? (
          <section aria-labelledby="notes-title">
            <h2 id="notes-title">{t('details.notes')}</h2>
            <p class="preformatted">{doc.notes}</p>
          </section>
        ) : null}
      </article>
    </Layout>
  );
}

/** Street; city, state and postcode on one line; country. */
export function addressLines(party: Pick<DocumentParty, 'address'>): string[] {
  const a = party.address;
  if (!a) return [];
  const place = [[a.city, a.state].filter((p) => p.trim() !== '').join(', '), a.zip].filter((p) => p.trim() !== '').join(' ');
  return [a.street, place, a.country].filter((p) => p.trim() !== '');
}

function Party({ party, link = false }: { party: DocumentParty | null; link?: boolean }) {
  if (!party) return null;
  return (
    <address class="party">
      <span class="party-name">{link && party.contactId > 0 ? <a href={`/app/clients/${party.contactId}`}>{party.name}</a> : party.name}</span>
      {addressLines(party).map((line) => (
        <span class="party-line">{line}</span>
      ))}
    </address>
  );
}

function DetailsNotice({ ctx, flash }: { ctx: WebContext; flash: InvoiceFlash | undefined }) {
  if (!flash || flash.kind !== 'status') return null;
  const { t } = ctx;
  if (flash.count > 0) {
    return (
      <div class="notice no-print" role="status">
        <p>{t('details.changed', { number: flash.changed[0] ?? '', status: t(STATUS_WORD[flash.target]) })}</p>
      </div>
    );
  }
  return (
    <div class="notice notice-error no-print" role="alert">
      {flash.skipped.map((s) => (
        <p>{skipReasonText(ctx, s, flash.target)}</p>
      ))}
    </div>
  );
}
