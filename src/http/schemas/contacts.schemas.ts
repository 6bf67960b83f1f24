// Request schemas of the contact routes (spec §6.1–6.3), with the wire names.
import { Type } from 'typebox';
import { SHARE_TYPE_NAMES } from '../../domain/contacts/contact.js';
import { ADDRESS_CATEGORY_NAMES, INFO_TYPE_NAMES } from '../../domain/contacts/contact-info.js';
import { EnumParam, GuidParam } from './common.js';

export const ContactIdParams = Type.Object({ id: Type.Integer({ description: 'Contact id' }) });
export const ContactInfoParams = Type.Object({ contactid: Type.Integer({ description: 'Contact id' }) });

const withDefault = <T extends object>(schema: T, value: unknown): T => ({ ...schema, default: value });

const ShareType = Type.Optional(EnumParam(SHARE_TYPE_NAMES, 'Who may see the contact besides admins and managers; default 0 (private)'));
const ManagerList = Type.Array(GuidParam(), { default: [], description: 'Users put on the access list of the contact' });
const CustomFieldList = Type.Optional(
  Type.Array(Type.Object({ key: Type.Integer({ default: 0 }), value: Type.String({ default: '' }) }), {
    description: 'Custom field values; accepted and not stored yet',
  }),
);

export const CreatePersonBody = Type.Object({
  firstName: Type.Optional(Type.String({ description: 'Required, not empty; at most 255 characters' })),
  lastName: Type.Optional(Type.String({ description: 'Missing means ""; at most 255 characters' })),
  jobTitle: Type.Optional(Type.String({ description: 'At most 255 characters' })),
  companyId: Type.Integer({ default: 0, description: 'A company the caller may read, or 0' }),
  about: Type.Optional(Type.String()),
  shareType: ShareType,
  managerList: ManagerList,
  customFieldList: CustomFieldList,
});

export const CreateCompanyBody = Type.Object({
  companyName: Type.Optional(Type.String({ description: 'Required, not empty; at most 255 characters' })),
  about: Type.Optional(Type.String()),
  personList: Type.Array(Type.Integer(), { default: [], description: 'Persons to link to the company; unknown or unreadable ones are skipped' }),
  shareType: ShareType,
  managerList: ManagerList,
  customFieldList: CustomFieldList,
});

const AddressCategory = withDefault(EnumParam(ADDRESS_CATEGORY_NAMES, 'Address category, default 0 (Home); 3 Billing and 1 Postal ("Delivery") serve invoices'), 0);

const addressParts = {
  street: Type.Optional(Type.String()),
  city: Type.Optional(Type.String()),
  state: Type.Optional(Type.String()),
  zip: Type.Optional(Type.String()),
  country: Type.Optional(Type.String()),
  category: AddressCategory,
  isPrimary: Type.Boolean({ default: false }),
};

export const AddressDataBody = Type.Object({
  address: Type.Optional(Type.Object(addressParts, { description: 'address[street], address[city], … or a JSON object' })),
});

export const FlatAddressBody = Type.Object(addressParts);

export const ContactDataBody = Type.Object({
  infoType: withDefault(EnumParam(INFO_TYPE_NAMES, 'Contact information type'), 0),
  data: Type.Optional(Type.String({ description: 'Required; for an Address a JSON object {"street", "city", "state", "zip", "country"}' })),
  isPrimary: Type.Boolean({ default: false }),
  category: Type.Optional(
    Type.String({
      description:
        'Category name for the type (addresses: Home, Postal, Office, Billing, Other, Work; phones: Home, Work, Mobile, Fax, Direct, Other; others: Home, Work, Other) or its number; default 0',
    }),
  ),
});
