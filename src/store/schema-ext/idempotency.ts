// Tables added by migration 011-idempotency (empty until that work lands).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IdempotencyTables {}
