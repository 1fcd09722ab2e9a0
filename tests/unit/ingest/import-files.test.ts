import type { DBCore } from 'dexie';
import { describe, expect, it } from 'vitest';
import { findDuplicateImports, importFilesJob } from '../../../src/lib/ingest';
import { runJob } from '../../../src/lib/jobs';
import { testDb } from '../helpers';

const csv = (rows: number) => ['id,amount,city', ...Array.from({ length: rows }, (_, i) => `${i},${i * 1.5},${['Berlin', 'Lyon', 'Porto'][i % 3]}`)].join('\n');
const file = (name: string, text: string) => new File([text], name);

function importJob(db: ReturnType<typeof testDb>, files: File[]) {
  return runJob(db, { kind: 'import-files', workspaceId: 'w', params: { workspaceId: 'w', files: files.map((f) => ({ name: f.name, sizeBytes: f.size })) } }, importFilesJob(db, files));
}

describe('import job', () => {
  it('stores each table with its profile, and recognises a second import of the same file', async () => {
    const db = testDb();
    const orders = file('orders.csv', csv(40_000));
    const outcome = await importJob(db, [orders, file('manual.pdf', '%PDF-1.4\n%binary')]);
    expect(outcome.status).toBe('done');
    const result = outcome.status === 'done' ? outcome.result : null;
    expect(result?.tables.map((t) => [t.name, t.rows])).toEqual([['orders.csv', 40_000]]);
    expect(result?.skipped.map((s) => s.name)).toEqual(['manual.pdf']);
    const source = (await db.sources.toArray())[0]!;
    expect(source.chunkCount).toBe(3);
    expect(source.profile?.rowCount).toBe(40_000);
    expect(source.profile?.columns.map((c) => [c.name, c.inference.type])).toEqual([
      ['id', expect.stringMatching(/identifier|integer/)],
      ['amount', 'decimal'], // named like money, and values with cents
      ['city', 'categorical'],
    ]);
    expect(await findDuplicateImports(db, 'w', [orders, file('other.csv', csv(3))])).toEqual([{ fileName: 'orders.csv', sourceName: 'orders.csv', importedAt: source.createdAt }]);
  });

  it('fails with quota-exceeded when storage runs out, rolls back the table and keeps earlier sources', async () => {
    const db = testDb();
    // The browser's own error, raised by IndexedDB once storage is full (armed below).
    let full = false;
    let writes = 0;
    db.use({
      stack: 'dbcore',
      name: 'quota',
      create: (down: DBCore): DBCore => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            mutate: (request) => {
              if (full && name === 'chunks' && request.type === 'add' && ++writes > 4) return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
              return table.mutate(request);
            },
          };
        },
      }),
    });
    expect((await importJob(db, [file('small.csv', csv(10))])).status).toBe('done');
    full = true;
    await expect(importJob(db, [file('big.csv', csv(100_000))])).rejects.toMatchObject({ code: 'quota-exceeded' });
    expect((await db.sources.toArray()).map((s) => s.name)).toEqual(['small.csv']);
    const small = (await db.sources.toArray())[0]!;
    expect(await db.chunks.where('sourceId').notEqual(small.id).count()).toBe(0);
    const job = (await db.jobs.toArray()).find((j) => j.status === 'failed');
    expect(job?.error?.code).toBe('quota-exceeded');
    expect(job?.error?.message).toMatch(/ran out of storage/);
  });
});
