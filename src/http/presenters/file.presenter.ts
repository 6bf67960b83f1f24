// The Documents module's File wrapper (spec §2.3.17) for an invoice PDF, and the ConverterData of
// §2.3.16. Members the original omits when they hold their default are left out here too.
import { formatFileSize, type InvoiceFile } from '../../domain/documents/invoice-file.js';
import { apiDate, employee, type PresentContext } from './common.js';

// Enumerations of the ONLYOFFICE Documents module, as the original serialises them.
const FILE_TYPE_DOCUMENT = 7; // FileType.Document: the original classes .pdf as a document
const FOLDER_TYPE_BUNCH = 2; // FolderType.BUNCH: CRM files live in the "bunch" folders
const FILE_SHARE_NONE = 0; // FileShare.None: no restriction for the reader
const FILE_STATUS_NONE = 0;

/** The URL a client downloads a stored file from (our route; `baseUrl` is the request's origin). */
export const fileDownloadUrl = (baseUrl: string, fileId: number): string => `${baseUrl}/api/2.0/crm/files/${fileId}/download`;

export function presentFile(ctx: PresentContext, file: InvoiceFile, baseUrl: string) {
  const url = fileDownloadUrl(baseUrl, file.id);
  return {
    id: file.id,
    title: file.title,
    access: FILE_SHARE_NONE,
    shared: false,
    created: apiDate(ctx, file.createdAt),
    createdBy: employee(ctx, file.createdBy),
    // A generated PDF is never edited: a change of the invoice makes a new file.
    updated: apiDate(ctx, file.createdAt),
    updatedBy: employee(ctx, file.createdBy),
    rootFolderType: FOLDER_TYPE_BUNCH,
    // There is no folder tree here: files belong to their invoice.
    folderId: 0,
    version: 1,
    versionGroup: 1,
    contentLength: formatFileSize(file.contentLength),
    pureContentLength: file.contentLength,
    fileStatus: FILE_STATUS_NONE,
    viewUrl: url,
    // No document editor here: the web URL opens the same download.
    webUrl: url,
    fileType: FILE_TYPE_DOCUMENT,
    fileExst: '.pdf',
    comment: '',
  };
}

/** ConverterData (spec §2.3.16). */
export const presentConverterData = (invoiceId: number, file: InvoiceFile, revisionId: string, baseUrl: string) => ({
  storageUrl: fileDownloadUrl(baseUrl, file.id),
  revisionId,
  invoiceId,
  fileId: file.id,
});
