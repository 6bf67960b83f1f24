// Document context (BT-23, BT-24) and the exchanged document (BT-1, BT-3, BT-2, BT-22).
import type { EinvoiceModel } from '../../../domain/einvoice/einvoice-model.js';
import { leaf, xmlText, type Node } from '../xml.js';
import { dateElement } from './cii-names.js';

export function writeDocument(root: Node, m: EinvoiceModel): void {
  const context = root.ele('rsm:ExchangedDocumentContext');
  if (m.profile.profileId) leaf(context.ele('ram:BusinessProcessSpecifiedDocumentContextParameter'), 'ram:ID', m.profile.profileId);
  leaf(context.ele('ram:GuidelineSpecifiedDocumentContextParameter'), 'ram:ID', m.profile.customizationId);
  const doc = root.ele('rsm:ExchangedDocument');
  leaf(doc, 'ram:ID', m.number);
  leaf(doc, 'ram:TypeCode', m.typeCode);
  dateElement(doc, 'ram:IssueDateTime', m.issueDate);
  if (m.note) doc.ele('ram:IncludedNote').ele('ram:Content').txt(xmlText(m.note));
}
