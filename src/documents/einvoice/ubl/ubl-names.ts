// UBL 2.1 namespaces and the amount attribute every monetary element carries.
import type { Decimal } from '../../../domain/money.js';
import { amount, leaf, type Node } from '../xml.js';

export const UBL_NAMESPACES = {
  '': 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

/** A monetary element: two fraction digits and the document currency (BR-CL-03, UBL-DT-*). */
export const money = (parent: Node, name: string, value: Decimal, currency: string): Node =>
  leaf(parent, name, amount(value), { currencyID: currency });

/** `cac:TaxScheme/cbc:ID` = VAT, the scheme of every EN 16931 tax category. */
export const vatScheme = (parent: Node): Node => leaf(parent.ele('cac:TaxScheme'), 'cbc:ID', 'VAT');
