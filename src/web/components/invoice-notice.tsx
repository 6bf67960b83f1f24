// The message a page shows after a POST: the summary of a status change (what changed, what was
// skipped and why), a deletion, or a bulk form sent without a selection.
import type { WebContext } from '../context.js';
import type { InvoiceFlash, SkippedInvoice } from './invoice-flash.js';
import { STATUS_MESSAGE, STATUS_WORD } from './invoice-format.js';
import type { InvoiceStatus } from '../../domain/invoices/invoice.js';

export function skipReasonText(ctx: WebContext, s: SkippedInvoice, target: InvoiceStatus): string {
  const { t } = ctx;
  switch (s.reason) {
    case 'transition':
      return t('list.reason.transition', { number: s.number, from: t(STATUS_MESSAGE[s.from ?? 'draft']), to: t(STATUS_MESSAGE[target]) });
    case 'same':
      return t('list.reason.same', { number: s.number, to: t(STATUS_WORD[target]) });
    case 'changed':
      return t('list.reason.changed', { number: s.number });
    default:
      return t('list.reason.notFound', { id: s.id });
  }
}

export function InvoiceNotice({ ctx, flash }: { ctx: WebContext; flash: InvoiceFlash | undefined }) {
  if (!flash) return null;
  const { t } = ctx;
  if (flash.kind === 'deleted') {
    return (
      <div class="notice" role="status">
        <p>{t('list.deleted', { number: flash.number })}</p>
      </div>
    );
  }
  if (flash.kind === 'none-selected') {
    return (
      <div class="notice notice-error" role="alert">
        <p>{t('list.bulk.none')}</p>
      </div>
    );
  }
  const changed = flash.count > 0 ? t('list.bulk.changed', { count: flash.count, status: t(STATUS_WORD[flash.target]) }) : t('list.bulk.nothingChanged');
  const skippedCount = flash.skipped.length + flash.more;
  return (
    <div class={`notice invoice-summary${skippedCount > 0 ? ' notice-error' : ''}`} role="status">
      <p>
        {changed}
        {skippedCount > 0 ? `; ${t('list.bulk.skipped', { count: skippedCount })}` : '.'}
      </p>
      {skippedCount > 0 ? (
        <ul>
          {flash.skipped.map((s) => (
            <li>{skipReasonText(ctx, s, flash.target)}</li>
          ))}
          {flash.more > 0 ? <li>{t('list.bulk.moreSkipped', { count: flash.more })}</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
