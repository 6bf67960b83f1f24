// Requests and responses of invoice items and taxes (spec §5.4–5.13, §2.3.8, §2.3.9).
// Names are the original's; the binder matches them in any letter case.
import { Type, type Static } from 'typebox';
import { DecimalParam, Envelope } from './common.js';

const MAX_ID = 2_147_483_647;

export const InvoiceItemIdParams = Type.Object({
  id: Type.Integer({ maximum: MAX_ID, description: 'Invoice item id (> 0)' }),
});

export const CreateInvoiceItemBody = Type.Object({
  title: Type.Optional(Type.String({ description: 'Required, at most 255 characters' })),
  description: Type.Optional(Type.String({ description: 'Default ""' })),
  price: Type.Optional(DecimalParam('Required: > 0 and ≤ 99999999.99; stored with 2 decimals, rounded half away from zero')),
  sku: Type.Optional(Type.String({ description: 'Stock keeping unit, at most 255 characters; default ""' })),
  stockQuantity: Type.Optional(DecimalParam('Between -99999999.99 and 99999999.99; default 0')),
  trackInventory: Type.Optional(Type.Boolean({ description: 'Default false' })),
  invoiceTax1id: Type.Optional(Type.Integer({ description: 'Default tax for new lines; 0 = none; must exist when > 0' })),
  invoiceTax2id: Type.Optional(Type.Integer({ description: 'Second default tax; 0 = none; must exist when > 0' })),
});

export type CreateInvoiceItemBody = Static<typeof CreateInvoiceItemBody>;

/** PUT invoiceitem/{id} replaces every member: the create parameters (spec §5.7). */
export const UpdateInvoiceItemBody = CreateInvoiceItemBody;

export const DeleteInvoiceItemsBody = Type.Object({
  ids: Type.Optional(
    Type.Array(Type.Integer(), {
      description: 'Items to delete (at least one). Any list form: ids[]=1&ids[]=2, ids=1&ids=2, ids[0]=1, ids=1,2 or a JSON array; in the body or the query string',
    }),
  ),
});

/**
 * Smart-list parameters (spec §1.6), documented here; http/list-query.ts reads them from the raw
 * query (invalid values fall back to the defaults, as the original), so they are plain text.
 */
const ListParams = {
  count: Type.Optional(Type.String({ description: 'Page size, 0..1000 (larger is clamped); default 1000' })),
  startIndex: Type.Optional(Type.String({ description: 'Rows to skip; default 0' })),
  sortOrder: Type.Optional(Type.String({ description: '`descending`, exactly; anything else is ascending' })),
};

export const InvoiceItemListQuery = Type.Object({
  filterValue: Type.Optional(Type.String({ description: 'Space-separated words; each must start a word of the title, description or SKU (any letter case). Only spaces: an empty list' })),
  inventoryStock: Type.Optional(Type.Boolean({ description: 'true: only items that track their stock; false: only those that do not' })),
  status: Type.Optional(Type.Integer({ description: 'Accepted and ignored, as in the original' })),
  sortBy: Type.Optional(Type.String({ description: 'name (title), price, quantity (stock, then title), sku, created or id, in any case, or 0–5 in that order. Default (and for a value not in this list): title ascending' })),
  ...ListParams,
});

export const InvoiceTaxIdParams = Type.Object({
  id: Type.Integer({ maximum: MAX_ID, description: 'Invoice tax id (> 0)' }),
});

export const CreateInvoiceTaxBody = Type.Object({
  name: Type.Optional(Type.String({ description: 'Required, at most 255 characters, unique per portal ignoring case' })),
  description: Type.Optional(Type.String({ description: 'Default ""' })),
  rate: Type.Optional(DecimalParam('Percent, between -99999999.99 and 99999999.99; stored with 2 decimals')),
});

export type CreateInvoiceTaxBody = Static<typeof CreateInvoiceTaxBody>;

/** PUT invoice/tax/{id} replaces name, description and rate: the create parameters (spec §5.12). */
export const UpdateInvoiceTaxBody = CreateInvoiceTaxBody;

// Response shapes, for OpenAPI (the envelope is serialised by http/envelope.ts).
const Employee = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  title: Type.Optional(Type.String()),
  avatarSmall: Type.String(),
  profileUrl: Type.String(),
});

const CurrencyInfo = Type.Object({
  title: Type.String(),
  symbol: Type.String(),
  abbreviation: Type.String(),
  cultureName: Type.String(),
  isConvertable: Type.Boolean(),
  isBasic: Type.Boolean(),
});

export const InvoiceTaxResponse = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    description: Type.String(),
    rate: Type.Number({ description: 'Percent, 2 decimals' }),
    createOn: Type.String(),
    createBy: Employee,
    canEdit: Type.Boolean(),
    canDelete: Type.Boolean(),
  },
  { description: 'InvoiceTax (spec §2.3.9)' },
);

export const InvoiceItemResponse = Type.Object(
  {
    id: Type.Integer(),
    title: Type.String(),
    stockKeepingUnit: Type.String(),
    description: Type.String(),
    price: Type.Number(),
    currency: CurrencyInfo,
    stockQuantity: Type.Number(),
    trackInvenory: Type.Boolean({ description: 'sic: the original\'s spelling' }),
    invoiceTax1: Type.Union([InvoiceTaxResponse, Type.Null()]),
    invoiceTax2: Type.Union([InvoiceTaxResponse, Type.Null()]),
    createOn: Type.String(),
    createBy: Employee,
    canEdit: Type.Boolean(),
    canDelete: Type.Boolean(),
  },
  { description: 'InvoiceItem (spec §2.3.8)' },
);

export const InvoiceItemEnvelope = Envelope(InvoiceItemResponse);
export const InvoiceItemListEnvelope = Envelope(Type.Array(InvoiceItemResponse));
export const InvoiceTaxEnvelope = Envelope(InvoiceTaxResponse);
export const InvoiceTaxListEnvelope = Envelope(Type.Array(InvoiceTaxResponse));
