// A status badge: the status as text (never by colour alone), styled per status.
import type { WebContext } from '../context.js';
import { STATUS_MESSAGE, type DisplayStatus } from './invoice-format.js';

export function StatusBadge({ ctx, status }: { ctx: WebContext; status: DisplayStatus }) {
  return <span class={`badge badge-${status}`}>{ctx.t(STATUS_MESSAGE[status])}</span>;
}
