import { describe, expect, it } from 'vitest';
import { readStoreTables } from '../../../src/lib/fusion/read-store-tables';
import { importFilesJob } from '../../../src/lib/ingest';
import { runJob } from '../../../src/lib/jobs';
import { push, emptyHistory } from '../../../src/lib/profile';
import { updateSource } from '../../../src/lib/store';
import { testDb } from '../helpers';

describe('fusion tables from the store', () => {
  it('reads what the user sees: cleaning applied, dropped rows numbered as stored, overrides win', async () => {
    const db = testDb();
    const text = ['customer_id,city', 'C-1, Berlin', 'C-2,Lyon', 'C-2,Lyon', 'C-3,Porto'].join('\n');
    const files = [new File([text], 'customers.csv')];
    await runJob(db, { kind: 'import-files', workspaceId: 'w', params: { workspaceId: 'w', files: [] } }, importFilesJob(db, files));
    const source = (await db.sources.toArray())[0]!;
    let history = push(emptyHistory(), { op: 'drop-duplicates', columns: null });
    history = push(history, { op: 'trim', column: 'city' });
    await updateSource(db, source.id, { history, overrides: { city: { role: 'country' } } });

    const [table] = await readStoreTables(db, 'w');
    expect(table?.rowCount).toBe(3);
    expect([...(table?.rowIds ?? [])]).toEqual([0, 1, 3]);
    expect(table?.columns.map((c) => [c.name, c.role])).toEqual([['customer_id', 'customer-id'], ['city', 'country']]);
    expect(table?.columns[1]?.values).toEqual(['Berlin', 'Lyon', 'Porto']);
  });
});
