import { uuidv7 } from 'uuidv7';

/** Primary keys are UUIDv7: time-ordered, so inserts stay index-friendly. */
export const newId = (): string => uuidv7();
