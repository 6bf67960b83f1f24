// GET invoice/sample on the wire (spec §4.2): the Invoice shape of §2.3.7 with the original's fixed
// sample employee as creator.
import type { Actor } from '../../domain/people/user.js';
import { SAMPLE_CREATOR_ID } from '../../use-cases/invoices/sample-invoice.js';
import type { InvoiceView } from '../../use-cases/invoices/invoice-view.js';
import { presentInvoice } from './invoices.presenter.js';

const SAMPLE_EMPLOYEE = {
  id: SAMPLE_CREATOR_ID,
  displayName: 'Mike Zanyatski',
  title: 'Manager',
  avatarSmall: 'url to small avatar',
  profileUrl: '',
};

export const presentSampleInvoice = (actor: Actor, sample: InvoiceView) => ({
  ...presentInvoice({ actor, users: new Map() }, sample),
  createBy: SAMPLE_EMPLOYEE,
});
