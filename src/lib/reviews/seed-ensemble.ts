import { invariant } from '../errors';
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

/**
 * One classifier over several seeds' classifiers: predict averages them; explanations, the
 * exported weights and the config are the first seed's (a stored model holds one set of weights).
 */
export function seedEnsemble(classifiers: readonly TextClassifier[]): TextClassifier {
  const first = classifiers[0];
  invariant(first, 'seedEnsemble needs at least one classifier.');
  if (classifiers.length === 1) return first;
  return {
    classCount: first.classCount,
    config: first.config,
    async predict(texts, options) {
      const runs: Float32Array[] = [];
      for (const c of classifiers) runs.push(await c.predict(texts, options));
      return averageProbabilities(runs);
    },
    exportTrained: () => first.exportTrained(),
    explain: (texts, options) => first.explain(texts, options),
    summary: {
      ...first.summary,
      probeSeconds: classifiers.reduce((s, c) => s + c.summary.probeSeconds, 0),
      trainSeconds: classifiers.reduce((s, c) => s + c.summary.trainSeconds, 0),
    },
    dispose: () => classifiers.forEach((c) => c.dispose()),
  };
}
