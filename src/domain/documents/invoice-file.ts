// The stored PDF of an invoice (spec §3.10): one row per generated file; invoices.file_id names the
// current one, 0 meaning "none, or stale: generate on the next request".

export const PDF_CONTENT_TYPE = 'application/pdf';

export interface InvoiceFile {
  id: number;
  tenantId: number;
  invoiceId: number;
  /** `"{number}.pdf"` (spec §2.3.17). */
  title: string;
  contentType: string;
  /** Bytes. */
  contentLength: number;
  createdBy: string;
  createdAt: Date;
}

/** The title of an invoice's PDF (spec §2.3.17). */
export const pdfTitleOf = (invoiceNumber: string): string => `${invoiceNumber}.pdf`;

const SIZE_UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;
const SIZE_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, useGrouping: true });

/**
 * The human size of the File wrapper's `contentLength` ("35.2 KB"): as the original's
 * FilesSizeToString, powers of 1024 and the .NET pattern `#,0.##` in the invariant culture.
 */
export function formatFileSize(bytes: number): string {
  let power = 0;
  while (power < SIZE_UNITS.length - 1 && bytes >= 1024 ** (power + 1)) power++;
  const size = bytes / 1024 ** power;
  return `${SIZE_FORMAT.format(size)} ${SIZE_UNITS[power]}`;
}
