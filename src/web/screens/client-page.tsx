// Screen 8: a client — its name, its addresses (billing, delivery, …) and its invoices, in the
// same rows as the invoice list.
import { contactDisplayName, INFO_TYPE_ADDRESS, parseAddressData } from '../../domain/contacts/contact.js';
import type { ContactDetails } from '../../use-cases/contacts/contact-details.js';
import type { WebContext } from '../context.js';
import { Layout } from '../components/layout.js';
import { InvoiceTable, type InvoiceRow } from '../components/invoice-table.js';
import type { MessageId } from '../i18n/index.js';
import { addressLines } from './invoice-details.js';

export interface ClientPageProps {
  ctx: WebContext;
  details: ContactDetails;
  rows: InvoiceRow[];
  today: string;
  timeZone: string;
}

const category = (n: number): MessageId => (n >= 0 && n <= 5 ? (`client.category.${n}` as MessageId) : 'client.category.4');

export function ClientPage({ ctx, details, rows, today, timeZone }: ClientPageProps) {
  const { t } = ctx;
  const c = details.contact;
  const name = contactDisplayName(c);
  // Billing addresses first, then delivery, then the rest; primary first within a category.
  const order = (cat: number) => (cat === 3 ? 0 : cat === 1 ? 1 : 2 + cat);
  const addresses = details.infos
    .filter((i) => i.infoType === INFO_TYPE_ADDRESS)
    .map((i) => ({ info: i, parts: parseAddressData(i.data) }))
    .filter((a) => a.parts !== undefined)
    .sort((a, b) => order(a.info.category) - order(b.info.category) || Number(b.info.isPrimary) - Number(a.info.isPrimary));
  return (
    <Layout ctx={ctx} title={name} section="invoices">
      <p class="breadcrumb">
        <a href="/app/invoices">{t('details.back')}</a>
      </p>
      <div class="page-head">
        <h1>{t('client.title', { name })}</h1>
        <span class="hint">{t(c.isCompany ? 'client.company' : 'client.person')}</span>
      </div>
      {details.company ? (
        <p>
          <a href={`/app/clients/${details.company.id}`}>{t('client.worksAt', { company: contactDisplayName(details.company) })}</a>
        </p>
      ) : null}

      <section aria-labelledby="addresses-title">
        <h2 id="addresses-title">{t('client.addresses')}</h2>
        {addresses.length === 0 ? (
          <p>{t('client.noAddresses')}</p>
        ) : (
          <ul class="address-cards">
            {addresses.map(({ info, parts }) => (
              <li class="address-card">
                <h3>
                  {t(category(info.category))}
                  {info.isPrimary ? <span class="hint">{` (${t('client.primary')})`}</span> : null}
                </h3>
                <address>
                  {addressLines({ address: { ...parts!, lines: [], text: '' } }).map((p) => (
                    <span class="party-line">{p}</span>
                  ))}
                </address>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="client-invoices-title" class="client-invoices">
        <div class="page-head">
          <h2 id="client-invoices-title">{t('client.invoices')}</h2>
          <span class="hint">{t('client.count', { count: rows.length })}</span>
        </div>
        <div class="actions">
          <a class="button button-primary" href={`/app/invoices/new?client=${c.id}`}>
            {t('client.newInvoice', { name })}
          </a>
          {rows.length > 0 ? <a href={`/app/invoices?client=${c.id}`}>{t('client.inList')}</a> : null}
        </div>
        {rows.length === 0 ? (
          <p>{t('client.noInvoices')}</p>
        ) : (
          <InvoiceTable ctx={ctx} rows={rows} today={today} timeZone={timeZone} caption={t('client.invoices')} />
        )}
      </section>
    </Layout>
  );
}
