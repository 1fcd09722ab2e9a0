// Files named on the command line as FusionTables, for `relate` and `link`.
import { resolve } from 'node:path';
import { readFusionTables } from '../lib/fusion/read-fusion-tables';
import type { FusionTable } from '../lib/fusion/types';
import { byteSourceFromFile } from '../lib/ingest/byte-source-node';

export interface FileTables {
  tables: FusionTable[];
  /** Table name -> the file it came from, as the user wrote it. */
  fileOf: Map<string, string>;
}

export async function readFileTables(cwd: string, files: readonly string[]): Promise<FileTables> {
  const tables: FusionTable[] = [];
  const fileOf = new Map<string, string>();
  for (const file of files) {
    const source = await byteSourceFromFile(resolve(cwd, file));
    try {
      for (const table of await readFusionTables(source)) {
        // Two files may hold tables of the same name (a/orders.csv, b/orders.csv): keep both apart.
        const name = fileOf.has(table.name) ? `${file}:${table.name}` : table.name;
        tables.push({ ...table, name });
        fileOf.set(name, file);
      }
    } finally {
      await source.close();
    }
  }
  return { tables, fileOf };
}
