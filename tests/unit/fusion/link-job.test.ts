import { describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../../src/lib/demo';
import { createFusionApi } from '../../../src/lib/fusion/api';
import { acceptedEntities, listLinkRuns, updateLinkRun } from '../../../src/lib/fusion/link-store';
import { readStoreTables } from '../../../src/lib/fusion/read-store-tables';
import { importFilesJob } from '../../../src/lib/ingest';
import { runJob } from '../../../src/lib/jobs';
import { push, emptyHistory } from '../../../src/lib/profile';
import { updateSource } from '../../../src/lib/store';
import { testDb } from '../helpers';

// The app's entity-resolution job over sources in IndexedDB: a dedupe run, its report, a label,
// accepting it for the warehouse, and linking a new source against it without starting over.

async function importText(db: ReturnType<typeof testDb>, name: string, text: string) {
  const files = [new File([text], name)];
  await runJob(db, { kind: 'import-files', workspaceId: 'w', params: { workspaceId: 'w', files: [] } }, importFilesJob(db, files));
  return (await db.sources.toArray()).find((s) => s.name === name)!;
}

describe('link job', () => {
  it('dedupes a source, reports, learns from a label, feeds the warehouse, and extends to a new source', async () => {
    const db = testDb();
    const lines = generateDemoShop({ seed: 3, scale: 0.3 }).files.find((f) => f.name === 'customers.csv')!.text.trim().split(/\r?\n/);
    const [header, ...rows] = lines;
    const customers = await importText(db, 'customers.csv', [header, ...rows.slice(0, 500)].join('\n'));
    // A later export: 40 of the same people again (new ids) and 60 new ones.
    const later = [...rows.slice(100, 140), ...rows.slice(500, 560)].map((r, i) => r.replace(/^[^,]+/, `N-${i}`));
    const newcomers = await importText(db, 'new_customers.csv', [header, ...later].join('\n'));
    const api = createFusionApi(db);

    const outcome = await api.linkEntities({ workspaceId: 'w', leftSourceId: customers.id, rightSourceId: null }, {});
    expect(outcome.status).toBe('done');
    const runId = outcome.status === 'done' ? outcome.result.runId : '';
    const report = await api.linkReport(runId, 0.5);
    expect(report.mode).toBe('dedupe');
    expect(report.point.expectedPrecision).toBeGreaterThan(0.5);
    expect(report.comparisons.map((c) => c.left)).toContain('name');
    expect(report.toLabel.length).toBeGreaterThan(0);
    expect(report.golden.length).toBe(Math.min(5, report.entities));

    const asked = report.toLabel[0]!;
    await api.labelPairs(runId, [{ a: asked.a, b: asked.b, match: true }]);
    const after = await api.linkReport(runId, 0.5);
    expect(after.labels).toBe(1);
    expect((await db.linkRuns.get(runId))?.labels).toEqual([{ a: asked.a, b: asked.b, match: true }]);

    // Accepted, the run gives the warehouse one entity id per duplicate group.
    await updateLinkRun(db, runId, { accepted: true, threshold: 0.5 });
    const tables = await readStoreTables(db, 'w');
    const [assignment] = await acceptedEntities(db, 'w', tables);
    expect(assignment?.table).toBe('customers.csv');
    expect(assignment?.entityOfRow.length).toBe(500);

    // The new export, against the accepted run: model and index reused; its repeated people found.
    const extended = await api.linkEntities({ workspaceId: 'w', leftSourceId: newcomers.id, rightSourceId: customers.id, extendsRunId: runId }, {});
    expect(extended.status).toBe('done');
    const newRun = (await listLinkRuns(db, 'w')).find((r) => r.left.sourceId === newcomers.id)!;
    expect(newRun.right?.sourceId).toBe(customers.id);
    expect(newRun.stats.randomPairs).toBe(0);
    let found = 0;
    for (let i = 0; i < newRun.pairs.count; i++) {
      if (newRun.pairs.probability[i]! >= 0.5 && newRun.pairs.a[i]! < 40 && newRun.pairs.b[i] === 100 + newRun.pairs.a[i]!) found++;
    }
    expect(found).toBeGreaterThanOrEqual(36);

    // A cleaning step moves rows: the accepted run no longer fits and is left out, with a note.
    await updateSource(db, customers.id, { history: push(emptyHistory(), { op: 'drop-duplicates', columns: null }) });
    const notes: string[] = [];
    expect(await acceptedEntities(db, 'w', await readStoreTables(db, 'w'), notes)).toEqual([]);
    expect(notes[0]).toMatch(/changed since/);
  }, 60_000);
});
