import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDb, type EdgeFuseDb } from '../../src/lib/store';

/** A fresh, isolated database per test (fake-indexeddb, in memory). */
export function testDb(): EdgeFuseDb {
  return openDb({ name: `test-${crypto.randomUUID()}`, indexedDB: new IDBFactory(), IDBKeyRange });
}
