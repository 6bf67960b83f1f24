// Trade parties (seller BG-4 … BG-6, buyer BG-7/BG-8, ship-to BG-13/BG-15), in the element
// order of TradePartyType: Name, SpecifiedLegalOrganization, DefinedTradeContact,
// PostalTradeAddress, URIUniversalCommunication, SpecifiedTaxRegistration.
import type { EinvoiceParty, PostalAddress } from '../../../domain/einvoice/einvoice-model.js';
import { leaf, optionalLeaf, type Node } from '../xml.js';

export function writeAddress(party: Node, a: PostalAddress): void {
  const address = party.ele('ram:PostalTradeAddress');
  optionalLeaf(address, 'ram:PostcodeCode', a.postCode);
  optionalLeaf(address, 'ram:LineOne', a.street);
  optionalLeaf(address, 'ram:CityName', a.city);
  leaf(address, 'ram:CountryID', a.countryCode);
  optionalLeaf(address, 'ram:CountrySubDivisionName', a.subdivision);
}

export function writeParty(parent: Node, name: 'ram:SellerTradeParty' | 'ram:BuyerTradeParty', p: EinvoiceParty): void {
  const party = parent.ele(name);
  leaf(party, 'ram:Name', p.name);
  if (p.legalRegistration) {
    const id = p.legalRegistration.scheme ? { schemeID: p.legalRegistration.scheme } : undefined;
    leaf(party.ele('ram:SpecifiedLegalOrganization'), 'ram:ID', p.legalRegistration.id, id);
  }
  if (p.contact) {
    const contact = party.ele('ram:DefinedTradeContact');
    optionalLeaf(contact, 'ram:PersonName', p.contact.name);
    if (p.contact.phone) leaf(contact.ele('ram:TelephoneUniversalCommunication'), 'ram:CompleteNumber', p.contact.phone);
    if (p.contact.email) leaf(contact.ele('ram:EmailURIUniversalCommunication'), 'ram:URIID', p.contact.email);
  }
  writeAddress(party, p.postalAddress);
  if (p.electronicAddress) {
    leaf(party.ele('ram:URIUniversalCommunication'), 'ram:URIID', p.electronicAddress.id, { schemeID: p.electronicAddress.scheme });
  }
  // VA: a VAT identifier (BT-31, BT-48); FC: a tax registration (BT-32).
  if (p.vatId) leaf(party.ele('ram:SpecifiedTaxRegistration'), 'ram:ID', p.vatId, { schemeID: 'VA' });
  if (p.taxRegistrationId) leaf(party.ele('ram:SpecifiedTaxRegistration'), 'ram:ID', p.taxRegistrationId, { schemeID: 'FC' });
}
