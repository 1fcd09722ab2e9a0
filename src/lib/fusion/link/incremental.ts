// Linking new records without a full rerun: they are prepared against the stored statistics,
// probe the stored blocking index, and are scored with the fitted model, so each new record gets
// exactly the candidates and probabilities a full run with that model would give it. Each new
// record then joins the entity of its best match, if that match clears the threshold.
import type { FusionTable } from '../types';
import { bestMatchPerRow } from './cluster';
import { comparePairs, linkShape, prepareLeft, type LinkResult } from './link-tables';
import { createTick } from '../../jobs/tick';
import { scorePairs } from './score';
import type { LinkEmbeddings, PairTable } from './types';

export interface IncrementalResult {
  /** Pairs of new records (a = row of `records`) with indexed rows (b). */
  pairs: PairTable;
  /** Per new record: the pair index of its best match at or above the threshold, or -1. */
  bestPair: Int32Array;
  /** Per new record: the existing entity its best match belongs to, or -1 (none, or a singleton). */
  entity: Int32Array;
}

export async function linkNewRecords(
  result: LinkResult, records: FusionTable,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number, message: string) => void; embeddings?: LinkEmbeddings } = {},
): Promise<IncrementalResult> {
  const { state } = result;
  const tick = createTick(options);
  const probing = prepareLeft(records, state.settings, state.stats, options.embeddings?.left);
  const pairs = await comparePairs(state, probing, records.rowCount, false, tick);
  scorePairs(pairs, result.model, linkShape(state));
  const bestPair = bestMatchPerRow(pairs, state.settings.threshold, records.rowCount);
  // Indexed rows are the right side, or the table itself when deduping.
  const side = state.dedupe ? 0 : 1;
  const entityOfRow = new Map<number, number>();
  for (const e of result.entities) for (const m of e.members) if (m.side === side) entityOfRow.set(m.row, e.id);
  const entity = Int32Array.from(bestPair, (i) => (i === -1 ? -1 : entityOfRow.get(pairs.b[i]!) ?? -1));
  return { pairs, bestPair, entity };
}
