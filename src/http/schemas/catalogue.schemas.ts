// Requests and responses of invoice items and taxes (spec §5.5, §5.6, §5.10, §5.11, §2.3.8, §2.3.9).
// Names are the original's; the binder matches them in any letter case.
import { Type } from 'typebox';
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

export const CreateInvoiceTaxBody = Type.Object({
  name: Type.Optional(Type.String({ description: 'Required, at most 255 characters, unique per portal ignoring case' })),
  description: Type.Optional(Type.String({ description: 'Default ""' })),
  rate: Type.Optional(DecimalParam('Percent, between -99999999.99 and 99999999.99; stored with 2 decimals')),
});

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
export const InvoiceTaxEnvelope = Envelope(InvoiceTaxResponse);
export const InvoiceTaxListEnvelope = Envelope(Type.Array(InvoiceTaxResponse));
