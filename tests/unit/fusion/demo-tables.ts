// The demo shop as FusionTables, read through the real ingest path (parse, infer, roles), for
// fusion tests. Cached per seed/scale: several test files read the same shop.
import { generateDemoShop, type DemoTruth } from '../../../src/lib/demo';
import { readFusionTables } from '../../../src/lib/fusion/read-fusion-tables';
import type { FusionTable } from '../../../src/lib/fusion/types';
import { byteSourceFromBytes } from '../../../src/lib/ingest';

export interface DemoTables {
  tables: FusionTable[];
  truth: DemoTruth;
  /** A table by file name ("orders.csv"). */
  table(name: string): FusionTable;
}

const cache = new Map<string, Promise<DemoTables>>();

export function demoTables(seed = 42, scale = 1): Promise<DemoTables> {
  const key = `${seed}/${scale}`;
  let found = cache.get(key);
  if (!found) {
    found = (async () => {
      const shop = generateDemoShop({ seed, scale });
      const tables: FusionTable[] = [];
      for (const file of shop.files) {
        tables.push(...(await readFusionTables(byteSourceFromBytes(new TextEncoder().encode(file.text), file.name))));
      }
      const table = (name: string): FusionTable => {
        const t = tables.find((x) => x.name === name);
        if (!t) throw new Error(`no demo table ${name}`);
        return t;
      };
      return { tables, truth: shop.truth, table };
    })();
    cache.set(key, found);
  }
  return found;
}
