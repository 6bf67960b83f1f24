// Pieces both invoice layouts share: the logo, party blocks, the lines table, the totals, texts.
// They read the InvoiceDocument only; every number and date arrives formatted.
import type { Content, ContentStack, ContentTable, StyleDictionary, TableCell } from 'pdfmake/interfaces.js';
import type { DocumentAddress, DocumentLogo, DocumentParty, InvoiceDocument } from '../../domain/documents/invoice-document.js';

export const GREY = '#666666';
export const RULE = '#bbbbbb';
export const HEADER_FILL = '#eeeeee';

// An SVG logo's embedded <image> is drawn only when it is itself a PNG or JPEG data URI: the SVG
// renderer would otherwise open whatever file path its href names (it bypasses pdfmake's
// access policy). Anything else becomes '' (nothing to open) and is silently skipped.
const SAFE_IMAGE = /^data:image\/(png|jpeg);base64,[a-z0-9+/=\s]*$/i;

/**
 * The organisation logo scaled into `fit`; null when there is none or pdfkit cannot draw its type
 * (GIF: pdfkit reads PNG and JPEG only; the invoice prints without it).
 */
export function logoContent(logo: DocumentLogo | null, fit: [number, number]): Content | null {
  if (!logo) return null;
  if (logo.contentType === 'image/png' || logo.contentType === 'image/jpeg') return { image: `data:${logo.contentType};base64,${logo.dataBase64}`, fit };
  if (logo.contentType === 'image/svg+xml') {
    const svg = Buffer.from(logo.dataBase64, 'base64').toString('utf8');
    const options = { imageCallback: (link: string) => (SAFE_IMAGE.test(link) ? link.replace(/\s+/g, '') : ''), warningCallback: () => {} };
    return { svg, fit, options } as Content;
  }
  return null;
}

export const caption = (text: string): Content => ({ text, style: 'caption' });

/** An address as a block: street; city, state, zip; country (empty parts left out). */
export function addressLines(address: DocumentAddress | null): string[] {
  if (!address) return [];
  const locality = [address.city, address.state, address.zip].filter((p) => p.trim() !== '').join(', ');
  return [address.street, locality, address.country].filter((p) => p.trim() !== '');
}

/** Name (bold) and address lines of a party, under a caption. */
export function partyBlock(label: string, party: DocumentParty): ContentStack {
  return {
    stack: [caption(label), { text: party.name, bold: true }, ...addressLines(party.address).map((line) => ({ text: line }))],
  };
}

/** Name and address as one cell text: "Name\nstreet, city, …". */
export const partyText = (party: DocumentParty): Content => ({
  stack: [{ text: party.name, bold: true }, ...(party.address ? [{ text: party.address.text }] : [])],
});

type Column = { header: string; width: string | number; numeric?: true; cell: (l: InvoiceDocument['lines'][number]) => TableCell };

/**
 * The lines table: a header row repeated on every page, rows never split across pages, number
 * columns right-aligned. Discount and second-tax columns appear only when a line uses them.
 */
export function linesTable(doc: InvoiceDocument, options: { numbered: boolean; borders: 'grid' | 'rules' }): ContentTable {
  const h = doc.labels.tableHeader;
  const right = (text: string): TableCell => ({ text, alignment: 'right', noWrap: true });
  const columns: Column[] = [];
  if (options.numbered) columns.push({ header: doc.labels.lineNumber, width: 'auto', numeric: true, cell: (l) => right(String(l.position)) });
  columns.push({
    header: h[0] ?? '',
    width: '*',
    cell: (l) => ({ stack: [{ text: l.itemTitle }, ...(l.description ? [{ text: l.description, style: 'detail' }] : [])] }),
  });
  columns.push({ header: h[1] ?? '', width: 'auto', numeric: true, cell: (l) => right(l.quantity.text) });
  columns.push({ header: h[2] ?? '', width: 'auto', numeric: true, cell: (l) => right(l.price.text) });
  if (doc.lines.some((l) => !l.discountPercent.value.isZero())) columns.push({ header: h[3] ?? '', width: 'auto', numeric: true, cell: (l) => right(l.discountPercent.text) });
  if (doc.lines.some((l) => l.tax1)) columns.push({ header: h[4] ?? '', width: 'auto', cell: (l) => ({ text: l.tax1?.name ?? '' }) });
  if (doc.lines.some((l) => l.tax2)) columns.push({ header: h[5] ?? '', width: 'auto', cell: (l) => ({ text: l.tax2?.name ?? '' }) });
  columns.push({ header: h[6] ?? '', width: 'auto', numeric: true, cell: (l) => right(l.net.text) });

  const header: TableCell[] = columns.map((c) => ({ text: c.header, style: 'tableHeader', alignment: c.numeric ? 'right' : 'left' }));
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: columns.map((c) => c.width),
      body: [header, ...doc.lines.map((l) => columns.map((c) => c.cell(l)))],
    },
    layout:
      options.borders === 'grid'
        ? { hLineColor: () => '#000000', vLineColor: () => '#000000', fillColor: (row: number) => (row === 0 ? HEADER_FILL : null) }
        : {
            hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 0 || i === 1 || i === node.table.body.length ? 1 : 0.5),
            vLineWidth: () => 0,
            hLineColor: (i: number) => (i <= 1 ? '#000000' : RULE),
            fillColor: (row: number) => (row === 0 ? HEADER_FILL : null),
            paddingTop: () => 4,
            paddingBottom: () => 4,
          },
    margin: [0, 12, 0, 0],
  };
}

/** Subtotal, one row per tax, and the invoice total, right-aligned under the table. */
export function totalsBlock(doc: InvoiceDocument): Content {
  const row = (label: string, value: string, bold = false): TableCell[] => [
    { text: label, alignment: 'right', bold },
    { text: value, alignment: 'right', bold, noWrap: true },
  ];
  return {
    columns: [
      { width: '*', text: '' },
      {
        width: 'auto',
        table: {
          body: [
            row(doc.labels.subtotal, doc.subtotal.text),
            ...doc.taxes.map((t) => row(t.label, t.amount.text)),
            row(doc.totalLabel, doc.total.text, true),
          ],
        },
        layout: {
          hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === node.table.body.length - 1 ? 1 : 0),
          vLineWidth: () => 0,
          paddingTop: () => 3,
          paddingBottom: () => 3,
        },
      },
    ],
    margin: [0, 8, 0, 0],
    unbreakable: true,
  };
}

/** A labelled free text (terms, notes); nothing when the text is empty. */
export function textSection(label: string, text: string): Content[] {
  return text.trim() ? [{ stack: [caption(label), { text }], margin: [0, 12, 0, 0] }] : [];
}

export const STYLES: StyleDictionary = {
  caption: { fontSize: 8, color: GREY, margin: [0, 0, 0, 2] },
  detail: { fontSize: 8, color: GREY },
  tableHeader: { bold: true, fontSize: 9 },
};
