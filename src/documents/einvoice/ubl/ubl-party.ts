// Seller (BG-4 … BG-6) and buyer (BG-7, BG-8) as cac:Party, in the element order of the UBL
// schema: EndpointID, PostalAddress, PartyTaxScheme, PartyLegalEntity, Contact.
import type { EinvoiceParty, PostalAddress } from '../../../domain/einvoice/einvoice-model.js';
import { leaf, optionalLeaf, type Node } from '../xml.js';
import { vatScheme } from './ubl-names.js';

/** The scheme of BT-32 (a tax registration other than VAT), as XRechnung writes it. */
const TAX_REGISTRATION_SCHEME = 'FC';

export function writeAddress(parent: Node, name: string, a: PostalAddress): void {
  const address = parent.ele(name);
  optionalLeaf(address, 'cbc:StreetName', a.street);
  optionalLeaf(address, 'cbc:CityName', a.city);
  optionalLeaf(address, 'cbc:PostalZone', a.postCode);
  optionalLeaf(address, 'cbc:CountrySubentity', a.subdivision);
  leaf(address.ele('cac:Country'), 'cbc:IdentificationCode', a.countryCode);
}

function writeTaxScheme(party: Node, companyId: string, scheme: 'VAT' | typeof TAX_REGISTRATION_SCHEME): void {
  const pts = party.ele('cac:PartyTaxScheme');
  leaf(pts, 'cbc:CompanyID', companyId);
  if (scheme === 'VAT') vatScheme(pts);
  else leaf(pts.ele('cac:TaxScheme'), 'cbc:ID', scheme);
}

export function writeParty(parent: Node, wrapper: 'cac:AccountingSupplierParty' | 'cac:AccountingCustomerParty', p: EinvoiceParty): void {
  const party = parent.ele(wrapper).ele('cac:Party');
  if (p.electronicAddress) leaf(party, 'cbc:EndpointID', p.electronicAddress.id, { schemeID: p.electronicAddress.scheme });
  writeAddress(party, 'cac:PostalAddress', p.postalAddress);
  if (p.vatId) writeTaxScheme(party, p.vatId, 'VAT');
  if (p.taxRegistrationId) writeTaxScheme(party, p.taxRegistrationId, TAX_REGISTRATION_SCHEME);
  const legal = party.ele('cac:PartyLegalEntity');
  leaf(legal, 'cbc:RegistrationName', p.name);
  if (p.legalRegistration) {
    leaf(legal, 'cbc:CompanyID', p.legalRegistration.id, p.legalRegistration.scheme ? { schemeID: p.legalRegistration.scheme } : undefined);
  }
  if (p.contact) {
    const contact = party.ele('cac:Contact');
    optionalLeaf(contact, 'cbc:Name', p.contact.name);
    optionalLeaf(contact, 'cbc:Telephone', p.contact.phone);
    optionalLeaf(contact, 'cbc:ElectronicMail', p.contact.email);
  }
}
