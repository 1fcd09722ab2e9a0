import { openDb } from '../lib/store';

/** The page's connection to the database. Workers open their own; Dexie keeps them in step. */
export const db = openDb();
