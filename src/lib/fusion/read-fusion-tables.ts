// Files to FusionTables, for the CLI and for tests: every table in each file (sheets, zip
// entries) read whole, profiled, and typed with the same inference and roles as the app's
// import. The app builds FusionTables from IndexedDB instead (it already has the profiles).
import { readTables, type ByteSource } from '../ingest';
import { batchFromRecords, bestRole, TableProfiler, type ColumnBatch } from '../profile';
import type { FusionTable } from './types';

/** Reads every table of one file. `id` prefixes the table ids ("orders.csv", "shop.zip/orders.csv"). */
export async function readFusionTables(source: ByteSource, signal?: AbortSignal): Promise<FusionTable[]> {
  const tables: FusionTable[] = [];
  for await (const entry of readTables(source, signal ? { signal } : {})) {
    if (entry.kind !== 'table') continue;
    const profiler = new TableProfiler();
    const batches: ColumnBatch[] = [];
    let rowStart = 0;
    await entry.parse(async (records) => {
      const batch = batchFromRecords(records, rowStart);
      profiler.add(batch);
      batches.push(batch);
      rowStart += records.length;
    });
    const profile = profiler.result();
    tables.push({
      id: entry.name,
      name: entry.name,
      rowCount: rowStart,
      columns: profile.columns.map((column) => {
        const values = new Array(rowStart).fill(null);
        for (const batch of batches) {
          const c = batch.names.indexOf(column.name);
          if (c === -1) continue;
          batch.columns[c]!.forEach((v, i) => { values[batch.rowIndex[i]!] = v; });
        }
        return { name: column.name, type: column.inference.type, role: bestRole(column), values };
      }),
    });
  }
  return tables;
}
