// templateType 0 "Eur": the western layout. Seller and logo top left, the invoice title, number
// and dates top right; bill-to and ship-to side by side; the lines table with rules; totals right;
// terms and notes; seller name and page numbers in the footer.
import type { Column, Content, TableCell } from 'pdfmake/interfaces.js';
import type { InvoiceDocument } from '../../domain/documents/invoice-document.js';
import { addressLines, caption, linesTable, logoContent, partyBlock, textSection, totalsBlock } from './blocks.js';

export function eurContent(doc: InvoiceDocument, withLogo: boolean): Content[] {
  const l = doc.labels;
  const logo = withLogo ? logoContent(doc.seller.logo, [160, 60]) : null;
  const meta: TableCell[][] = [[{ text: l.invoiceDate, style: 'caption' }, { text: doc.issueDate.text, alignment: 'right' }]];
  if (doc.purchaseOrderNumber) meta.push([{ text: l.poNumber, style: 'caption' }, { text: doc.purchaseOrderNumber, alignment: 'right' }]);
  meta.push([{ text: l.dueDate, style: 'caption' }, { text: doc.dueDate.text, alignment: 'right' }]);

  const seller: Content[] = [
    ...(logo ? [{ stack: [logo], margin: [0, 0, 0, 8] } as Content] : []),
    caption(l.seller),
    { text: doc.seller.name, style: 'sellerName' },
    ...addressLines(doc.seller.address).map((line): Content => ({ text: line })),
  ];
  const parties: Column[] = [];
  if (doc.billTo) parties.push({ width: '*', ...partyBlock(l.billTo, doc.billTo) });
  if (doc.shipTo) parties.push({ width: '*', ...partyBlock(l.shipTo, doc.shipTo) });

  return [
    {
      columns: [
        { width: '*', stack: seller },
        {
          width: 'auto',
          stack: [
            { text: l.invoice, style: 'title', alignment: 'right' },
            { text: doc.number, style: 'number', alignment: 'right' },
            { table: { body: meta }, layout: 'noBorders', margin: [0, 6, 0, 0] },
          ],
        },
      ],
      columnGap: 20,
    },
    ...(parties.length ? [{ columns: parties, columnGap: 20, margin: [0, 24, 0, 0] } as Content] : []),
    linesTable(doc, { numbered: false, borders: 'rules' }),
    totalsBlock(doc),
    ...textSection(l.terms, doc.terms),
    ...textSection(l.clientNotes, doc.notes),
  ];
}
