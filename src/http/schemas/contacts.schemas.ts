// Request schemas of the contact routes (spec §6.1–6.3), with the wire names.
import { Type, type Static } from 'typebox';
import { SHARE_TYPE_NAMES } from '../../domain/contacts/contact.js';
import { CONTACT_LIST_VIEW_NAMES } from '../../domain/contacts/contact-filter.js';
import { ADDRESS_CATEGORY_NAMES, INFO_TYPE_NAMES } from '../../domain/contacts/contact-info.js';
import { DateParam, EnumParam, GuidParam } from './common.js';

// Path ids are digits (the routes say so); above the 32-bit range of the original's ids they are a 400.
const PathId = (description: string) => Type.Integer({ maximum: 2_147_483_647, description });

export const ContactIdParams = Type.Object({ id: PathId('Contact id') });
export const ContactInfoParams = Type.Object({ contactid: PathId('Contact id') });
export const DeleteContactParams = Type.Object({ contactid: PathId('Contact id') });
export const PersonIdParams = Type.Object({ personid: PathId('Person id') });
export const CompanyIdParams = Type.Object({ companyid: PathId('Company id') });
export const ContactInfoIdParams = Type.Object({ contactid: PathId('Contact id'), id: PathId('Contact information id') });

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

export const UpdatePersonBody = CreatePersonBody;

export const UpdateCompanyBody = Type.Object({
  companyName: Type.Optional(Type.String({ description: 'Required, not empty; at most 255 characters' })),
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

export const UpdateContactDataBody = Type.Object({
  infoType: Type.Optional(EnumParam(INFO_TYPE_NAMES, 'New information type; absent keeps the type')),
  data: Type.Optional(Type.String({ description: 'Required; for an Address a JSON object {"street", "city", "state", "zip", "country"}' })),
  isPrimary: Type.Optional(Type.Boolean({ description: 'Absent keeps the flag' })),
  category: Type.Optional(Type.String({ description: 'Category name or number for the (new) type; absent keeps the category, which must fit the type' })),
});

export const DeleteContactsBody = Type.Object({
  contactids: Type.Array(Type.Integer(), {
    default: [],
    description: 'Contacts to delete, in any list form (contactids[]=1&contactids[]=2, repeated, indexed, a JSON array, or 1,2,3); at least one',
  }),
});

const listText = (description: string) => Type.Optional(Type.String({ description }));

export const ContactFilterQuery = Type.Object({
  contactListView: Type.Optional(EnumParam(CONTACT_LIST_VIEW_NAMES, 'ONLYOFFICE ContactListViewType; other numbers mean All')),
  contactType: Type.Optional(Type.String({
    description: 'person or company (any case; Ledgerline alias of contactListView), or ONLYOFFICE\'s contact-type list id: 0 and -1 match every contact, a positive id none (no contact has a type here)',
  })),
  type: Type.Optional(Type.String({ description: 'The generic data-contract filter of spec §1.6: person or company (any case); any other value matches nothing' })),
  contactStage: Type.Optional(Type.Integer({ description: 'ONLYOFFICE contact-stage list id: 0 and -1 match every contact, a positive id none (no contact has a stage here)' })),
  responsibleid: Type.Optional(GuidParam('Only contacts whose access list (managers) names this user')),
  isShared: Type.Optional(Type.Boolean({ description: 'true: shareType 1 or 2; false: private contacts (shareType 0)' })),
  tags: Type.Array(Type.String(), { default: [], description: 'Tags; Ledgerline keeps no contact tags, so any tag matches nothing' }),
  fromDate: Type.Optional(DateParam('Created at or after this instant (a date alone is midnight in the tenant zone)')),
  toDate: Type.Optional(DateParam('Created at or before this instant + 1 day − 1 minute')),
  filterValue: listText('Search words: each must start the display name or a word of it (any case)'),
  sortBy: listText('displayName, contactType, created, firstName, lastName or history (any case), or 0–5 (ONLYOFFICE ContactSortedByType); contactType sorts by display name (no contact has a type here), history by the last change (no relationship events here); anything else: display name ascending. Ties: id'),
  sortOrder: listText('descending (exactly) for descending'),
  startIndex: listText('Offset of the page'),
  count: listText('Page size, 0–1000 (default 1000)'),
});
export type ContactFilterQuery = Static<typeof ContactFilterQuery>;
