// templateType 1 "Rus": the layout of a Russian invoice for payment (счёт на оплату). Logo and
// seller on top, a centred title "Invoice No. … of <date>" over a heavy rule, the parties as a
// bordered label/value table, a fully ruled table with numbered lines, totals, the line count and
// amount in one sentence, terms and notes, and signature lines for the director and accountant.
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { InvoiceDocument } from '../../domain/documents/invoice-document.js';
import { fillLabel } from '../../domain/invoices/labels.js';
import { linesTable, logoContent, partyText, textSection, totalsBlock } from './blocks.js';

export function rusContent(doc: InvoiceDocument, withLogo: boolean): Content[] {
  const l = doc.labels;
  const logo = withLogo ? logoContent(doc.seller.logo, [140, 50]) : null;
  const parties: TableCell[][] = [[{ text: l.seller, style: 'caption' }, partyText(doc.seller)]];
  if (doc.billTo) parties.push([{ text: l.billTo, style: 'caption' }, partyText(doc.billTo)]);
  if (doc.shipTo) parties.push([{ text: l.shipTo, style: 'caption' }, partyText(doc.shipTo)]);
  if (doc.purchaseOrderNumber) parties.push([{ text: l.poNumber, style: 'caption' }, { text: doc.purchaseOrderNumber }]);
  parties.push([{ text: l.dueDate, style: 'caption' }, { text: doc.dueDate.text }]);

  const signature = (label: string): Content => ({
    columns: [
      { width: 'auto', text: label, bold: true },
      { width: '*', canvas: [{ type: 'line', x1: 8, y1: 10, x2: 180, y2: 10, lineWidth: 0.5 }] },
    ],
  });

  return [
    {
      columns: [
        logo ? { width: 'auto', stack: [logo] } : { width: 'auto', text: '' },
        {
          width: '*',
          alignment: 'right',
          stack: [{ text: doc.seller.name, bold: true }, ...(doc.seller.address ? [{ text: doc.seller.address.text, style: 'detail' }] : [])],
        },
      ],
      columnGap: 20,
    },
    { text: fillLabel(l.title, l.invoice, doc.number, doc.issueDate.text), style: 'title', alignment: 'center', margin: [0, 18, 0, 4] },
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 515, y2: 0, lineWidth: 2 }], margin: [0, 0, 0, 10] },
    { table: { widths: ['auto', '*'], body: parties }, layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5 } },
    linesTable(doc, { numbered: true, borders: 'grid' }),
    totalsBlock(doc),
    {
      text: fillLabel(l.itemsSummary, String(doc.lines.length), doc.total.text, doc.currency.code),
      margin: [0, 8, 0, 0],
    },
    ...textSection(l.terms, doc.terms),
    ...textSection(l.clientNotes, doc.notes),
    {
      columns: [signature(l.director), signature(l.accountant)],
      columnGap: 30,
      margin: [0, 36, 0, 0],
      unbreakable: true,
    },
  ];
}
