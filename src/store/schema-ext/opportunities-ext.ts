// Tables added by migration 008-opportunities (empty until that work lands).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OpportunityExtTables {}
