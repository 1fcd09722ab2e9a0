// Baselines for bench/ingest-browser.ts, in a worker like the real import:
// - rawParse: the same reader as the import (decode + CSV parse into column batches), rows
//   dropped: the parse speed.
// - naiveStore: the same parse as records (one object per row, which it stores), then one Dexie
//   record per row with bulkPut: the naive design.
import { Dexie } from 'dexie';
import { expose } from '../src/lib/jobs/rpc';
import { byteSourceFromBlob, readTables } from '../src/lib/ingest';

async function eachBatch(file: File, visit: (records: Record<string, unknown>[]) => Promise<void>): Promise<number> {
  let rows = 0;
  for await (const entry of readTables(byteSourceFromBlob(file, file.name))) {
    if (entry.kind !== 'table') continue;
    await entry.parse(async (records) => {
      rows += records.length;
      await visit(records);
    });
  }
  return rows;
}

async function rawParse(file: File): Promise<number> {
  let rows = 0;
  for await (const entry of readTables(byteSourceFromBlob(file, file.name))) {
    if (entry.kind !== 'table') continue;
    await entry.parseColumns(async (batch) => {
      rows += batch.rowCount;
    });
  }
  return rows;
}

expose({
  rawParse,
  async naiveStore(file: File) {
    const db = new Dexie(`edgefuse-bench-naive-${Date.now()}`);
    db.version(1).stores({ rows: '++id' });
    const rows = await eachBatch(file, async (records) => {
      await db.table('rows').bulkPut(records);
    });
    // Queryable: the first page back by key.
    await db.table('rows').limit(50).toArray();
    await db.delete();
    return rows;
  },
});
