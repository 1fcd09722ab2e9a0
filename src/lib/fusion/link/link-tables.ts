// The top-level run: prepare both sides, index the right one, probe it with every left row,
// compare the candidates, fit the model (u from random pairs, m by EM sessions, lambda by a fixed point), score, and
// cluster. Linking two tables and deduping one are the same run with right = left and each pair
// listed once (a < b). The state it returns is what incremental linking and labelling reuse.
import type { FusionTable } from '../types';
import { buildBlockingIndex, probe, probeScratch, type BlockingIndex } from './blocking-index';
import { clusterPairs } from './cluster';
import { initialM } from './em';
import { trainModel } from './train-model';
import { estimateU } from './estimate-u';
import { PairBuilder, concatPairs } from './pair-table';
import { columnValues, emptyStatistics, prepareField, type FieldStatistics, type PreparedField } from './prepare';
import { createTick, type Tick } from '../../jobs/tick';
import { scorePairs, type OneMatchPerLeftRow } from './score';
import { levelLabels } from './compare-field';
import type { Entity, LinkModel, LinkOptions, LinkSettings, LinkStats, PairLabel, PairTable } from './types';

/** What a run keeps for later: prepared sides, corpus statistics and the blocking index. Held in
 *  the worker's memory (Maps and typed arrays, structured-cloneable) rather than stored. */
export interface LinkState {
  settings: LinkSettings;
  dedupe: boolean;
  left: PreparedField[];
  right: PreparedField[];
  stats: FieldStatistics[];
  index: BlockingIndex;
  leftRows: number;
  rightRows: number;
}

export interface LinkResult {
  mode: 'link' | 'dedupe';
  model: LinkModel;
  pairs: PairTable;
  entities: Entity[];
  labels: PairLabel[];
  stats: LinkStats;
  state: LinkState;
}

/** Rows probed between progress ticks. */
const probeChunk = 512;
/** Each labelled pair weighs as much as this many unlabelled ones in EM. */
export const labelWeight = 20;

/** Prepares the left rows of `table` against the state's statistics (new ids for unseen tokens). */
export function prepareLeft(table: FusionTable, settings: LinkSettings, stats: FieldStatistics[], embeddings?: Float32Array[]): PreparedField[] {
  return settings.comparisons.map((c, f) => prepareField(columnValues(table, c.left), c, stats[f]!, false, embeddings));
}

/** Candidate pairs of every probing row against the index, compared on every field. */
export async function comparePairs(state: LinkState, probing: PreparedField[], rows: number, dedupe: boolean, tick: Tick): Promise<PairTable> {
  const { settings, index } = state;
  const builder = new PairBuilder(settings.comparisons.length, Math.max(1024, rows * 8));
  const scratch = probeScratch(index);
  for (let a = 0; a < rows; a++) {
    if (a % probeChunk === 0) await tick(a, rows, 'Comparing candidate pairs');
    const candidates = probe(index, probing, a, dedupe ? a : -1, settings.maxCandidatesPerRow, scratch);
    for (let k = 0; k < candidates.length; k++) builder.add(a, candidates[k]!, settings.comparisons, probing, state.right, state.stats);
  }
  await tick(rows, rows, 'Comparing candidate pairs');
  return builder.build();
}

/** Labelled pairs blocking did not find are compared and appended; returns pair index -> label. */
export function withLabelledPairs(state: LinkState, pairs: PairTable, labels: readonly PairLabel[]): { pairs: PairTable; labelled: Map<number, boolean> } {
  const key = (a: number, b: number): number => a * state.rightRows + b;
  const wanted = new Map<number, boolean>();
  for (const l of labels) {
    const [a, b] = state.dedupe && l.a > l.b ? [l.b, l.a] : [l.a, l.b];
    wanted.set(key(a, b), l.match);
  }
  const labelled = new Map<number, boolean>();
  if (wanted.size === 0) return { pairs, labelled };
  for (let i = 0; i < pairs.count; i++) {
    const match = wanted.get(key(pairs.a[i]!, pairs.b[i]!));
    if (match !== undefined) { labelled.set(i, match); wanted.delete(key(pairs.a[i]!, pairs.b[i]!)); }
  }
  if (wanted.size === 0) return { pairs, labelled };
  const extra = new PairBuilder(pairs.fieldCount, wanted.size);
  for (const k of wanted.keys()) extra.add(Math.floor(k / state.rightRows), k % state.rightRows, state.settings.comparisons, state.left, state.right, state.stats);
  let next = pairs.count;
  for (const match of wanted.values()) labelled.set(next++, match);
  return { pairs: concatPairs(pairs, extra.build()), labelled };
}

/** Pairs a full comparison would have made. */
export const possiblePairs = (state: LinkState): number => (state.dedupe ? (state.leftRows * (state.leftRows - 1)) / 2 : state.leftRows * state.rightRows);

/** Fits m and lambda from `start` (u fixed), with labelled pairs' posteriors pinned. */
export function fitModel(state: LinkState, pairs: PairTable, labelled: ReadonlyMap<number, boolean>, start: LinkModel): LinkModel {
  return trainModel(state.settings.comparisons, pairs, start, {
    iterations: state.settings.emIterations, possiblePairs: Math.max(1, possiblePairs(state)),
    smallerSide: Math.min(state.leftRows, state.rightRows), labelled, labelWeight, link: linkShape(state),
  });
}

/** How pairs of this run are scored: a link lets each left row's candidates compete for one match. */
export const linkShape = (state: LinkState): OneMatchPerLeftRow | undefined => (state.dedupe ? undefined : { rightRows: state.rightRows });

/** Labelled pairs score as the user said. */
export function pinLabels(pairs: PairTable, labelled: ReadonlyMap<number, boolean>): void {
  for (const [i, match] of labelled) pairs.probability[i] = match ? 1 : 0;
}

export async function linkTables(left: FusionTable, right: FusionTable | null, settings: LinkSettings, options: LinkOptions = {}): Promise<LinkResult> {
  const started = performance.now();
  const tick = createTick(options);
  const dedupe = right === null;
  const indexed = right ?? left;
  const { comparisons } = settings;
  await tick(0, 1, 'Preparing fields');
  const stats = comparisons.map(() => emptyStatistics());
  const rightEmbeddings = dedupe ? options.embeddings?.left : options.embeddings?.right;
  const rightFields = comparisons.map((c, f) => prepareField(columnValues(indexed, c.right), c, stats[f]!, true, rightEmbeddings));
  const leftFields = dedupe ? rightFields : prepareLeft(left, settings, stats, options.embeddings?.left);
  await tick(0, 1, 'Building the blocking index');
  const index = buildBlockingIndex(settings.blocking, comparisons, rightFields, indexed.rowCount);
  const state: LinkState = {
    settings, dedupe, left: leftFields, right: rightFields, stats, index, leftRows: left.rowCount, rightRows: indexed.rowCount,
  };
  const compared = await comparePairs(state, leftFields, left.rowCount, dedupe, tick);
  const labels = options.labels ?? [];
  const { pairs, labelled } = withLabelledPairs(state, compared, labels);
  let model = options.model;
  if (!model) {
    await tick(0, 1, 'Estimating the model');
    const u = estimateU(comparisons, leftFields, rightFields, left.rowCount, indexed.rowCount, settings.randomPairs, settings.seed, dedupe);
    // Start as if a tenth of the smaller side had a match.
    const lambda = Math.min(0.5, (0.1 * Math.min(left.rowCount, indexed.rowCount)) / Math.max(1, possiblePairs(state)));
    const start: LinkModel = {
      lambda, iterations: 0, converged: false,
      fields: comparisons.map((c, f) => ({ name: c.name, levels: levelLabels(c), m: initialM(c), u: u[f]! })),
    };
    model = fitModel(state, pairs, labelled, start);
  }
  scorePairs(pairs, model, linkShape(state));
  pinLabels(pairs, labelled);
  const entities = clusterPairs(pairs, settings.threshold, settings.maxClusterSize, dedupe, left.rowCount, indexed.rowCount);
  await tick(1, 1, 'Done');
  return {
    mode: dedupe ? 'dedupe' : 'link',
    model,
    pairs,
    entities,
    labels: [...labels],
    stats: {
      mode: dedupe ? 'dedupe' : 'link', leftRows: left.rowCount, rightRows: indexed.rowCount, pairsCompared: pairs.count,
      blocks: index.blocks, randomPairs: options.model ? 0 : settings.randomPairs, elapsedMs: performance.now() - started,
    },
    state,
  };
}

