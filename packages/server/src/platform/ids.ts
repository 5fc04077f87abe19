import { v7 } from 'uuid';

/** Time-ordered ids: new rows land at the end of indexes and "newest first" is "id descending". */
export const newId = (): string => v7();
