// The organisation logo of the seller block (spec §5.17): which files are accepted. The type comes
// from the content, not from the name or the declared type (clients send application/octet-stream).
import { DomainError, invalid } from '../errors.js';

export type LogoType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/svg+xml';

export const MAX_LOGO_BYTES = 1024 * 1024;

export interface OrganisationLogo {
  id: number;
  contentType: LogoType;
  /** The image, base64-encoded, as the API answers it. */
  dataBase64: string;
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

// Up to the root element: an XML declaration, comments, a DOCTYPE (recognised so that it can be
// refused by name), whitespace, then `<svg`.
const SVG_HEAD = /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>/]/i;

/** The image type of `bytes` by its signature; undefined when it is none of the accepted ones. */
export function sniffLogoType(bytes: Uint8Array): LogoType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'image/gif';
  if (SVG_HEAD.test(new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)))) return 'image/svg+xml';
  return undefined;
}

/**
 * Checks an uploaded logo and answers its type. An SVG with a DOCTYPE or entities is refused (no
 * DTDs reach the PDF renderer, DESIGN "Stack"), and so is one with scripts.
 */
export function validateLogo(bytes: Uint8Array, declaredType: string): LogoType {
  if (bytes.length === 0) throw invalid('The logo file is empty');
  if (bytes.length > MAX_LOGO_BYTES)
    throw new DomainError('PAYLOAD_TOO_LARGE', `The logo must be at most ${MAX_LOGO_BYTES} bytes (1 MiB); got ${bytes.length}`);
  const type = sniffLogoType(bytes);
  if (!type) throw invalid(`The logo must be a PNG, JPEG, GIF or SVG image; the file sent (${declaredType || 'no type'}) is none of these`);
  if (type === 'image/svg+xml') {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw invalid('The SVG logo must not contain a DOCTYPE or entity declarations');
    if (/<script[\s>/]/i.test(text)) throw invalid('The SVG logo must not contain scripts');
  }
  return type;
}
