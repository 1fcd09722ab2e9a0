import { describe, expect, it } from 'vitest';
import { averageProbabilities, seedEnsemble } from '../../../src/lib/reviews/seed-ensemble';
import { fineTuneDefaults, type TextClassifier } from '../../../src/lib/reviews/text-classifier';

/** A stand-in classifier that gives every text the same probabilities. */
function fixed(probabilities: number[], disposed: string[], name: string): TextClassifier {
  return {
    classCount: probabilities.length,
    config: { ...fineTuneDefaults, seed: disposed.length },
    predict: async (texts) => Float32Array.from(texts.flatMap(() => probabilities)),
    exportTrained: async () => ({ [name]: { shape: [1], values: Float32Array.of(1) } }),
    explain: async () => [],
    summary: { steps: 3, stopped: 'steps', bestStep: 3, bestValLoss: 0.5, probeC: 1, trainedParameters: 10, probeSeconds: 1, trainSeconds: 2 },
    dispose: () => disposed.push(name),
  };
}

describe('seed ensemble', () => {
  it('averages probabilities row by row', () => {
    const mean = averageProbabilities([Float32Array.of(0.2, 0.8, 1, 0), Float32Array.of(0.6, 0.4, 0, 1)]);
    expect(Array.from(mean, (x) => Number(x.toFixed(6)))).toEqual([0.4, 0.6, 0.5, 0.5]);
    expect(averageProbabilities([Float32Array.of(0.3, 0.7)])).toEqual(Float32Array.of(0.3, 0.7));
  });

  it('predicts the mean of its seeds, exports the first, sums the time and disposes every one', async () => {
    const disposed: string[] = [];
    const ensemble = seedEnsemble([fixed([0.9, 0.1], disposed, 'a'), fixed([0.5, 0.5], disposed, 'b')]);
    const p = await ensemble.predict(['x', 'y']);
    expect(Array.from(p, (x) => Number(x.toFixed(6)))).toEqual([0.7, 0.3, 0.7, 0.3]);
    expect(Object.keys(await ensemble.exportTrained())).toEqual(['a']);
    expect(ensemble.summary.trainSeconds).toBe(4);
    ensemble.dispose();
    expect(disposed).toEqual(['a', 'b']);
    const single = fixed([1, 0], [], 'c');
    expect(seedEnsemble([single])).toBe(single);
  });
});
