// Tables added by migration 010-einvoice (empty until that work lands).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EinvoiceTables {}
