// Active learning: ask the user about the pairs the model is least sure of, then refit with
// their answers. Uncertain means probability near 0.5; diverse means no two questions share a
// row or the same comparison vector, so each answer teaches something new.
import { clusterPairs } from './cluster';
import { fitModel, linkShape, pinLabels, withLabelledPairs, type LinkResult } from './link-tables';
import { scorePairs, explainPair } from './score';
import type { PairEvidence, PairLabel } from './types';

/** Up to `count` pairs to label, most uncertain first, with their evidence for the UI. */
export function pickPairsToLabel(result: LinkResult, count: number): PairEvidence[] {
  const { pairs } = result;
  const F = pairs.fieldCount;
  const done = new Set(result.labels.map((l) => `${l.a}/${l.b}`));
  const order = Array.from({ length: pairs.count }, (_, i) => i)
    .filter((i) => !done.has(`${pairs.a[i]}/${pairs.b[i]}`))
    .sort((x, y) => Math.abs(pairs.probability[x]! - 0.5) - Math.abs(pairs.probability[y]! - 0.5) || x - y);
  const usedRows = new Set<string>();
  const usedPatterns = new Set<string>();
  const picked: PairEvidence[] = [];
  for (const i of order) {
    if (picked.length >= count) break;
    const rowA = `a${pairs.a[i]}`;
    const rowB = `${result.mode === 'dedupe' ? 'a' : 'b'}${pairs.b[i]}`;
    const pattern = Array.from(pairs.levels.subarray(i * F, (i + 1) * F)).join(',');
    if (usedRows.has(rowA) || usedRows.has(rowB) || usedPatterns.has(pattern)) continue;
    usedRows.add(rowA);
    usedRows.add(rowB);
    usedPatterns.add(pattern);
    picked.push(explainPair(pairs, result.model, i));
  }
  return picked;
}

/**
 * A new result after the user's labels: EM again from the current model with labelled pairs'
 * posteriors fixed (each counting as many unlabelled pairs), every pair rescored and reclustered.
 * Labels accumulate: earlier ones are kept unless the same pair is labelled again.
 */
export function updateWithLabels(result: LinkResult, labels: readonly PairLabel[]): LinkResult {
  const merged = new Map<string, PairLabel>();
  for (const l of [...result.labels, ...labels]) merged.set(`${l.a}/${l.b}`, l);
  const all = [...merged.values()];
  const { state } = result;
  const { pairs, labelled } = withLabelledPairs(state, result.pairs, all);
  const scored = { ...pairs, weight: new Float32Array(pairs.count), probability: new Float32Array(pairs.count) };
  const model = fitModel(state, scored, labelled, result.model);
  scorePairs(scored, model, linkShape(state));
  pinLabels(scored, labelled);
  const { settings } = state;
  return {
    ...result,
    model,
    pairs: scored,
    labels: all,
    entities: clusterPairs(scored, settings.threshold, settings.maxClusterSize, state.dedupe, state.leftRows, state.rightRows),
    stats: { ...result.stats, pairsCompared: scored.count },
  };
}
