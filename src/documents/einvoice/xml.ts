// Small helpers shared by the UBL and CII renderers: text that is always valid XML 1.0, optional
// elements that are left out rather than written empty (Peppol R008, adopted by XRechnung), and
// the number formats EN 16931 expects.
import { create } from 'xmlbuilder2';
import type { Decimal } from '../../domain/money.js';

/** An element being built (xmlbuilder2 exports no name for its builder type). */
export type Node = ReturnType<typeof create>;

// Characters XML 1.0 cannot carry (C0 controls but TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML can carry it: characters XML 1.0 forbids are dropped, CR LF becomes LF. */
export const xmlText = (s: string): string => s.replace(NOT_XML, '').replace(/\r\n?/g, '\n');

/** A new document whose root element declares the given namespaces (prefix → URI; '' is the default). */
export function newDocument(rootName: string, namespaces: Record<string, string>): { root: Node; end: () => string } {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const prefix = rootName.includes(':') ? rootName.slice(0, rootName.indexOf(':')) : '';
  const attrs: Record<string, string> = {};
  for (const [p, uri] of Object.entries(namespaces)) if (p !== '' && p !== prefix) attrs[`xmlns:${p}`] = uri;
  const root = doc.ele(namespaces[prefix] ?? null, rootName, attrs);
  // Compact: documents for machines, and serialising is 3–4× faster than pretty-printed.
  return { root, end: () => doc.end({ prettyPrint: false }) };
}

/** Appends `<name attrs>text</name>` and returns the parent (for chaining). */
export function leaf(parent: Node, name: string, text: string, attrs?: Record<string, string>): Node {
  parent.ele(name, attrs).txt(xmlText(text));
  return parent;
}

/** Appends the element only when the text has something in it. */
export function optionalLeaf(parent: Node, name: string, text: string | undefined, attrs?: Record<string, string>): Node {
  if (text !== undefined && text.trim() !== '') leaf(parent, name, text, attrs);
  return parent;
}

/** An amount: exactly two fraction digits (BR-DEC-*: at most two). */
export const amount = (d: Decimal): string => d.toFixed(2);

/** A quantity, price or percentage: at the stored scale ("2.00", "7.70", "20.00"), or exact if finer. */
export const decimal = (d: Decimal): string => (d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toFixed());

/** CII's date format 102: YYYYMMDD. */
export const date102 = (isoDate: string): string => isoDate.replace(/-/g, '');
