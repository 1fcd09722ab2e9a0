import type { EdgeFuseDb } from './db';
import { newId } from './db';
import type { FindingRecord } from './types';

// Findings: what a discovery analysis produced, kept so the Discover page shows it after a
// reload and the user can compare runs. Results are plain JSON (figures, tables, evidence); the
// models behind them live in the registry.

export async function saveFinding(db: EdgeFuseDb, finding: Omit<FindingRecord, 'id' | 'createdAt'>): Promise<FindingRecord> {
  const record: FindingRecord = { ...finding, id: newId(), createdAt: Date.now() };
  await db.findings.add(record);
  return record;
}

/** The newest finding of a kind in a workspace, or null. */
export async function latestFinding(db: EdgeFuseDb, workspaceId: string, kind: string): Promise<FindingRecord | null> {
  const all = await db.findings.where('[workspaceId+kind]').equals([workspaceId, kind]).sortBy('createdAt');
  return all.at(-1) ?? null;
}
