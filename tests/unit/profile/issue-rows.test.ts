import { describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../../src/lib/demo';
import { byteSourceFromBytes, readTables } from '../../../src/lib/ingest';
import { batchFromRecords, DuplicateDetector, issueCellTest, QualityScanner, statFamily, TableProfiler, type ColumnBatch } from '../../../src/lib/profile';

// The grid's "all affected rows" filter must find exactly the rows each issue counts: every
// issue of every demo file, its test run over every row, against the issue's own count.
describe('issue row tests', () => {
  it('find as many rows as each quality issue of the demo shop counts', async () => {
    const now = Date.UTC(2026, 0, 1);
    let checked = 0;
    for (const file of generateDemoShop({ seed: 42 }).files) {
      for await (const entry of readTables(byteSourceFromBytes(new TextEncoder().encode(file.text), file.name))) {
        if (entry.kind !== 'table') continue;
        const batches: ColumnBatch[] = [];
        const profiler = new TableProfiler();
        let rowStart = 0;
        await entry.parse(async (records) => {
          const batch = batchFromRecords(records, rowStart);
          profiler.add(batch);
          batches.push(batch);
          rowStart += records.length;
        });
        const profile = profiler.result();
        const scanner = new QualityScanner(profile, { now });
        const duplicates = new DuplicateDetector();
        for (const batch of batches) {
          scanner.add(batch);
          duplicates.add(batch);
        }
        for (const issue of scanner.issues(duplicates.result())) {
          const column = profile.columns.find((c) => c.name === issue.column);
          if (!column) continue;
          // Text columns' "mixed types" count is an estimate from the inference sample.
          if (issue.kind === 'mixed-types' && statFamily(column.inference.type) === 'text') continue;
          const test = issueCellTest(issue, column, now);
          expect(test, `${file.name} ${issue.id}`).not.toBeNull();
          let rows = 0;
          const hits = new Set<number>();
          for (const batch of batches) {
            const values = batch.columns[batch.names.indexOf(column.name)] ?? [];
            values.forEach((value, i) => {
              if (!test!(value)) return;
              rows++;
              hits.add(batch.rowIndex[i]!);
            });
          }
          for (const row of issue.exampleRows) expect(hits.has(row), `${file.name} ${issue.id} example row ${row}`).toBe(true);
          // Outlier counts are the quantile sketch's estimate (ties at a fence move it): the grid counts exactly.
          if (issue.kind !== 'outliers') expect(rows, `${file.name} ${issue.id}: ${issue.message}`).toBe(issue.count);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(15);
  });
});
