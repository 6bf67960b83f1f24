// Tables added by migration 009-documents (empty until that work lands).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DocumentTables {}
