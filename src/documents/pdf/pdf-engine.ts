// pdfmake, set up once for every PDF this server writes (invoices; Factur-X later): the Roboto
// family pdfmake bundles (Latin, Cyrillic, Greek) loaded from its virtual file system, and no
// network or disk access at render time (STYLE rule 12): URL and local-file access are denied, so
// a document definition can only use what it carries (fonts from the vfs, images as data URIs).
import pdfmake from 'pdfmake';
import vfsFonts from 'pdfmake/build/vfs_fonts.js';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

/** The font family every document uses; embedded (subset) in each PDF. */
export const PDF_FONT = 'Roboto';

const FONT_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

// pdfmake's Node build exposes its virtual file system, which its typings omit.
interface VirtualFs {
  existsSync(name: string): boolean;
  writeFileSync(name: string, content: Uint8Array): void;
}

let configured = false;

function configure(): void {
  if (configured) return;
  const vfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;
  const fonts = vfsFonts as unknown as Record<string, string>;
  for (const file of Object.values(FONT_FILES)) {
    const base64 = fonts[file];
    if (!base64) throw new Error(`pdfmake's vfs_fonts has no ${file}`);
    if (!vfs.existsSync(file)) vfs.writeFileSync(file, Buffer.from(base64, 'base64'));
  }
  pdfmake.setFonts({ [PDF_FONT]: { ...FONT_FILES } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  configured = true;
}

/** Renders a document definition to PDF bytes. The definition is consumed (pdfmake mutates it). */
export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  configure();
  return pdfmake.createPdf(definition).getBuffer();
}
