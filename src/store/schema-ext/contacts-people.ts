// Tables added by migration 007-contacts-people (empty until that work lands).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ContactsPeopleTables {}
