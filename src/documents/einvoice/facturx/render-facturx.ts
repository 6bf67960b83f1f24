// Factur-X 1.0 (EN 16931 profile) = a PDF/A-3b invoice with its CII XML embedded as
// `factur-x.xml`: pdfmake lays the page out with embedded TrueType fonts; pdfkit underneath writes
// the PDF/A-3b parts (XMP with pdfaid, the sRGB output intent); we add the attachment
// (AFRelationship Alternative, MIME type text/xml, listed in the catalogue's /AF) and the fx XMP.
// No network: URL access is denied, fonts come from a virtual file system.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { EinvoiceModel } from '../../../domain/einvoice/einvoice-model.js';
import { facturxContent, type FacturxText } from './facturx-layout.js';
import { FACTURX_FILE_NAME, facturxXmp } from './facturx-xmp.js';

const FONT = 'Roboto';
const FONT_FILES = { normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf', italics: 'Roboto-Italic.ttf', bolditalics: 'Roboto-MediumItalic.ttf' } as const;

interface VirtualFs {
  writeFileSync(name: string, content: Buffer): void;
}

/** The pdfkit document under a pdfmake output, as far as we use it. */
interface KitDocument {
  file(src: Buffer, options: Record<string, unknown>): unknown;
  appendXML(xml: string, newLine?: boolean): void;
}

type Pdfmake = typeof pdfmake & { virtualfs: VirtualFs; setLocalAccessPolicy(policy: (path: string) => boolean): void };
let instance: Pdfmake | undefined;

/**
 * A pdfmake instance of our own (the package exports a configured singleton; its fonts and access
 * policies are global), with Roboto (Latin, Cyrillic, Greek) as pdfmake ships it, read once into
 * the virtual file system. Nothing is fetched and no other local file is read while rendering.
 */
function renderer(): Pdfmake {
  if (instance) return instance;
  const shared = pdfmake as Pdfmake;
  const own = new (shared.constructor as new () => Pdfmake)();
  const dir = join(dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  const family: Record<string, string> = {};
  for (const [style, file] of Object.entries(FONT_FILES)) {
    const name = `ledgerline-facturx/${file}`;
    own.virtualfs.writeFileSync(name, readFileSync(join(dir, file)));
    family[style] = name;
  }
  own.setFonts({ [FONT]: family as { normal: string } });
  own.setUrlAccessPolicy(() => false);
  own.setLocalAccessPolicy(() => false);
  instance = own;
  return own;
}

/** Document information must read the same in the Info dictionary and in XMP (PDF/A): plain text only. */
const plain = (s: string) => s.replace(/[<>&"'\\()\u0000-\u001F]/g, ' ').replace(/\s+/g, ' ').trim();

export interface FacturxOptions {
  /** The CII XML (EN 16931 guideline) to embed. */
  xml: string;
  /** Creation and modification date of the PDF and the attachment (deterministic output). */
  createdAt: Date;
  /** Labels, culture and dates of the invoice's language. */
  text: FacturxText;
}

/**
 * Renders the Factur-X PDF. A logo pdfkit cannot read must not make the invoice unissuable: it is
 * then rendered without the logo, as the invoice PDF is.
 */
export async function renderFacturx(m: EinvoiceModel, options: FacturxOptions): Promise<Buffer> {
  if (!options.text.logo) return renderOnce(m, options);
  try {
    return await renderOnce(m, options);
  } catch {
    return renderOnce(m, { ...options, text: { ...options.text, logo: null } });
  }
}

async function renderOnce(m: EinvoiceModel, options: FacturxOptions): Promise<Buffer> {
  const definition: TDocumentDefinitions & { version: string; subset: string } = {
    version: '1.7',
    subset: 'PDF/A-3b',
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 40],
    language: options.text.locale,
    info: {
      title: plain(`${options.text.labels.invoice} ${m.number}`),
      author: plain(m.seller.name),
      subject: 'Invoice',
      creator: 'Ledgerline',
      producer: 'Ledgerline',
      creationDate: options.createdAt,
    },
    defaultStyle: { font: FONT, fontSize: 9 },
    styles: { label: { fontSize: 8, color: '#555555' }, small: { fontSize: 7.5, color: '#333333' }, th: { bold: true, fontSize: 8 } },
    content: facturxContent(m, options.text),
  };
  const pdf = renderer().createPdf(definition);
  const kit = (await pdf.getStream()) as unknown as KitDocument;
  kit.file(Buffer.from(options.xml, 'utf8'), {
    name: FACTURX_FILE_NAME,
    type: 'text/xml',
    description: 'Factur-X invoice (EN 16931)',
    relationship: 'Alternative',
    creationDate: options.createdAt,
    modifiedDate: options.createdAt,
  });
  kit.appendXML(facturxXmp());
  return pdf.getBuffer();
}
