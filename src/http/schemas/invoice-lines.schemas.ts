// Requests and responses of invoice lines (spec §5.1–5.3, §2.3.7). Names are the original's; the
// binder matches them in any letter case, from the path, the query string or the body.
import { Type, type Static } from 'typebox';
import { DecimalParam, Envelope } from './common.js';

const MAX_ID = 2_147_483_647;
const Int0 = (description: string) => Type.Integer({ default: 0, description });

export const InvoiceLineBody = Type.Object({
  invoiceId: Int0('The invoice (required, > 0); on PUT, the invoice the line belongs to'),
  invoiceItemId: Int0('Catalogue item (required, > 0)'),
  invoiceTax1Id: Int0('First tax, 0 = none'),
  invoiceTax2Id: Int0('Second tax, 0 = none'),
  sortOrder: Int0('Stored as given (no renumbering; duplicates allowed); lines list by sortOrder, then id'),
  description: Type.String({ default: '' }),
  quantity: Type.Optional(DecimalParam('≥ 0, at most 99999999.99; stored with 2 decimals, half away from zero; default 0')),
  price: Type.Optional(DecimalParam('≥ 0, at most 99999999.99; default 0')),
  discount: Type.Optional(DecimalParam('Percent, 0..100; default 0')),
});
export type InvoiceLineBody = Static<typeof InvoiceLineBody>;

export const InvoiceLineIdParams = Type.Object({
  id: Type.Integer({ maximum: MAX_ID, description: 'Invoice line id' }),
});

// Response shapes, for OpenAPI (the envelope is serialised by http/envelope.ts).
export const InvoiceLineResponse = Type.Object(
  {
    id: Type.Integer(),
    invoiceID: Type.Integer(),
    invoiceItemID: Type.Integer(),
    invoiceTax1ID: Type.Integer({ description: '0 = none' }),
    invoiceTax2ID: Type.Integer({ description: '0 = none' }),
    sortOrder: Type.Integer(),
    description: Type.String(),
    quantity: Type.Number({ description: '2 decimals' }),
    price: Type.Number({ description: '2 decimals' }),
    discount: Type.Number({ description: 'Percent, 2 decimals' }),
  },
  { description: 'InvoiceLine (spec §2.3.7)' },
);

export const InvoiceLineEnvelope = Envelope(InvoiceLineResponse);
export const DeletedLineEnvelope = Envelope(Type.Integer({ description: 'The id of the deleted line' }));
