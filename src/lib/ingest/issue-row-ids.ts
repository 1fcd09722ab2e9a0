import { AppError } from '../errors';
import { DuplicateDetector, issueCellTest } from '../profile';
import { queryRowIds, type EdgeFuseDb, type FilterSpec, type QueryOptions, type SortSpec, type Source } from '../store';
import { readChunkColumns } from './read-chunk';

/**
 * The rows one quality issue of the source is about, as the grid's row ids: every affected
 * row, not only the examples the issue lists. Issues describe the cleaned view, so the test
 * reads the cells the grid shows. Repeated rows come from a duplicate scan over the chunks.
 */
export async function issueRowIds(db: EdgeFuseDb, source: Source, issueId: string, filters: readonly FilterSpec[], sort: SortSpec | null, options: QueryOptions): Promise<Int32Array> {
  const issue = source.issues.find((i) => i.id === issueId);
  if (!issue) throw new AppError('not-found', 'That issue is gone: the data or its cleaning changed. Look at the Quality tab again.', { issueId });
  if (issue.kind === 'duplicate-rows') {
    const detector = new DuplicateDetector(issue.fix?.op === 'drop-duplicates' ? issue.fix.columns : null);
    for (let index = 0; index < source.chunkCount; index++) detector.add(await readChunkColumns(db, source, index));
    const repeated = new Set(detector.result().rows);
    const ids = await queryRowIds(db, source.id, filters, sort, options);
    return ids.filter((row) => repeated.has(row));
  }
  const profile = (source.cleanProfile ?? source.profile)?.columns.find((c) => c.name === issue.column);
  const column = source.columns.findIndex((c) => c.name === issue.column);
  const test = profile ? issueCellTest(issue, profile, Date.now()) : null;
  if (!test || column === -1) throw new AppError('unsupported', 'The rows of this issue cannot be listed; its examples are shown instead.', { issueId });
  return queryRowIds(db, source.id, filters, sort, { ...options, rowTest: { column, test } });
}
