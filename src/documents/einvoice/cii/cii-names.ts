// UN/CEFACT CII D16B namespaces and the date element format 102 (YYYYMMDD).
import { date102, leaf, type Node } from '../xml.js';

export const CII_NAMESPACES = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
};

/** `<name><udt:DateTimeString format="102">YYYYMMDD</udt:DateTimeString></name>` */
export const dateElement = (parent: Node, name: string, isoDate: string): Node =>
  leaf(parent.ele(name), 'udt:DateTimeString', date102(isoDate), { format: '102' });
