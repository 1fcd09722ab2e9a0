// Cells decoded from a stored chunk are slices of the chunk's one long string. What a profile
// keeps (top values, the type sample, exact counts) must not keep those chunk strings alive,
// or a long import holds every chunk a kept value came from.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ColumnProfiler, decodeBatch, encodedBatch } from '../../../src/lib/profile';
import { ownString } from '../../../src/lib/profile/own-string';
import { encodeColumn } from '../../../src/lib/store';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('ownString', () => {
  it('is the same text', () => {
    for (const text of ['', 'short', 'user123456@example.com', 'x'.repeat(1000)]) expect(ownString(text)).toBe(text);
  });

  it('lets a profile keep values without keeping the chunks they were cut from', () => {
    const profiler = new ColumnProfiler('email');
    const chunkRows = 16_384;
    const chunks = 60; // ~1.2 MB of text each: ~70 MB of chunk strings in all
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let c = 0; c < chunks; c++) {
      const cells = Array.from({ length: chunkRows }, (_, i) => `customer-${c}-${i}-${'x'.repeat(40)}@example.com`);
      const batch = decodeBatch(encodedBatch(['email'], [cells], [encodeColumn(cells)], c * chunkRows, chunkRows));
      profiler.addRows(batch.columns[0]!, batch.rowIndex);
    }
    gc();
    const kept = (process.memoryUsage().heapUsed - before) / 1e6;
    expect(profiler.result().count).toBe(chunks * chunkRows);
    // The sketches themselves take a few MB; pinned chunks would be tens.
    expect(kept).toBeLessThan(20);
  });
});
