import { AppError, invariant } from '../errors';
import type { NamedArrays } from '../ml/models';
import type { Attribution } from './attributions';
import { argmaxRows } from './metrics';
import type { TextClassifier } from './text-classifier';

// An ensemble of seeds: the same fine-tuning run n times with different seeds (head
// initialisation, batch order, dropout masks), and the runs' probabilities averaged. With few
// labels one run's result depends on its seed; the average is steadier, and the spread of the
// single runs shows how much luck there was.

/** The mean of n row-major [N, K] probability arrays. */
export function averageProbabilities(runs: readonly ArrayLike<number>[]): Float32Array {
  const out = new Float32Array(runs[0]?.length ?? 0);
  for (const run of runs) for (let i = 0; i < out.length; i++) out[i]! += (run[i] as number) / runs.length;
  return out;
}

/** One predict over several seeds' predicts (a classifier's, or a stored model's members): their probabilities averaged. */
export function predictAveraged(seeds: readonly Pick<TextClassifier, 'predict'>[]): TextClassifier['predict'] {
  return async (texts, options) => {
    const runs: Float32Array[] = [];
    for (const seed of seeds) runs.push(await seed.predict(texts, options));
    return averageProbabilities(runs);
  };
}

/** Where seed s's weights sit in an ensemble's stored weights: `seed1/head.w`, `seed2/head.w`, … */
const seedPrefix = (s: number) => `seed${s + 1}/`;

/** Each seed's weights of an ensemble's stored weights (as `exportTrained` wrote them), in seed order. */
export function seedWeights(named: NamedArrays, seeds: number): NamedArrays[] {
  if (seeds <= 1) return [named];
  const out: NamedArrays[] = Array.from({ length: seeds }, () => ({}));
  for (const [name, array] of Object.entries(named)) {
    const s = Number(/^seed(\d+)\//.exec(name)?.[1]) - 1;
    if (!(s >= 0 && s < seeds)) throw new AppError('input-malformed', `The weights name "${name}", which belongs to none of the ensemble's ${seeds} seeds.`, { name });
    out[s]![name.slice(seedPrefix(s).length)] = array;
  }
  return out;
}

/**
 * The ensemble's attribution of one text from its seeds' attributions of the same class.
 * Integrated gradients are linear in the function explained, so the mean of the seeds' scores
 * is exactly the attribution of the ensemble's (averaged) probability, completeness included.
 */
export function averageAttributions(runs: readonly Attribution[]): Attribution {
  const [first] = runs;
  invariant(first && runs.every((r) => r.target === first.target && r.tokens.length === first.tokens.length && r.words.length === first.words.length), 'averageAttributions needs attributions of one class over the same tokens.');
  const mean = (of: (r: Attribution) => number) => runs.reduce((s, r) => s + of(r), 0) / runs.length;
  return {
    target: first.target,
    probabilities: first.probabilities.map((_, k) => mean((r) => r.probabilities[k]!)),
    tokens: first.tokens.map((t, i) => ({ ...t, score: mean((r) => r.tokens[i]!.score) })),
    words: first.words.map((w, i) => ({ ...w, score: mean((r) => r.words[i]!.score) })),
    output: mean((r) => r.output),
    baselineOutput: mean((r) => r.baselineOutput),
    gap: mean((r) => r.gap),
  };
}

/**
 * One classifier over several seeds' classifiers: predict averages them; the exported weights
 * hold every seed's (prefixed), so a stored ensemble predicts as the evaluated one did; explain
 * attributes the ensemble's call (each seed explains that class, the scores averaged). The
 * config is the first seed's.
 */
export function seedEnsemble(classifiers: readonly TextClassifier[]): TextClassifier {
  const first = classifiers[0];
  invariant(first, 'seedEnsemble needs at least one classifier.');
  if (classifiers.length === 1) return first;
  const predict = predictAveraged(classifiers);
  return {
    classCount: first.classCount,
    config: first.config,
    seeds: classifiers.length,
    predict,
    async exportTrained() {
      const named: NamedArrays = {};
      for (const [s, c] of classifiers.entries()) for (const [name, array] of Object.entries(await c.exportTrained())) named[seedPrefix(s) + name] = array;
      return named;
    },
    async explain(texts, { onProgress, ...options } = {}) {
      const calls = options.targets ?? Array.from(argmaxRows(await predict(texts, options.signal ? { signal: options.signal } : {}), first.classCount));
      const runs: Attribution[][] = [];
      for (const [s, c] of classifiers.entries()) {
        runs.push(await c.explain(texts, {
          ...options, targets: calls,
          ...(onProgress && { onProgress: (p) => onProgress({ ...p, done: s * texts.length + p.done, total: classifiers.length * texts.length }) }),
        }));
      }
      return texts.map((_, i) => averageAttributions(runs.map((run) => run[i]!)));
    },
    summary: {
      ...first.summary,
      probeSeconds: classifiers.reduce((s, c) => s + c.summary.probeSeconds, 0),
      trainSeconds: classifiers.reduce((s, c) => s + c.summary.trainSeconds, 0),
    },
    dispose: () => classifiers.forEach((c) => c.dispose()),
  };
}
