import { describe, expect, it } from 'vitest';
import type { Attribution } from '../../../src/lib/reviews/attributions';
import { averageAttributions, averageProbabilities, seedEnsemble, seedWeights } from '../../../src/lib/reviews/seed-ensemble';
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

  it('predicts the mean of its seeds, exports every seed\'s weights, sums the time and disposes every one', async () => {
    const disposed: string[] = [];
    const ensemble = seedEnsemble([fixed([0.9, 0.1], disposed, 'a'), fixed([0.5, 0.5], disposed, 'b')]);
    const p = await ensemble.predict(['x', 'y']);
    expect(Array.from(p, (x) => Number(x.toFixed(6)))).toEqual([0.7, 0.3, 0.7, 0.3]);
    const exported = await ensemble.exportTrained();
    expect(Object.keys(exported)).toEqual(['seed1/a', 'seed2/b']);
    expect(ensemble.seeds).toBe(2);
    // Split back per seed under the names each seed's model has.
    expect(seedWeights(exported, 2).map((w) => Object.keys(w))).toEqual([['a'], ['b']]);
    expect(() => seedWeights({ 'seed3/a': exported['seed1/a']! }, 2)).toThrow(/none of the ensemble's 2 seeds/);
    expect(ensemble.summary.trainSeconds).toBe(4);
    ensemble.dispose();
    expect(disposed).toEqual(['a', 'b']);
    const single = fixed([1, 0], [], 'c');
    expect(seedEnsemble([single])).toBe(single);
  });

  it('explains the ensemble\'s call: every seed attributes that class and the scores are averaged', async () => {
    // Seed a calls class 0 surely, seed b class 1 mildly: the ensemble calls 0 (0.55), so b must explain class 0, not its own call.
    const asked: (readonly number[] | undefined)[] = [];
    const member = (probabilities: number[], score: number, name: string): TextClassifier => ({
      ...fixed(probabilities, [], name),
      explain: async (texts, options) => {
        asked.push(options?.targets);
        return texts.map((text, i): Attribution => {
          const target = options?.targets?.[i] ?? 0;
          const p = probabilities[target]!;
          return {
            target, probabilities, output: p, baselineOutput: 0.5, gap: p - 0.5 - 2 * score,
            tokens: [{ text, start: 0, end: text.length, score }, { text: '!', start: text.length, end: text.length + 1, score }],
            words: [{ text, start: 0, end: text.length + 1, score: 2 * score }],
          };
        });
      },
    });
    const ensemble = seedEnsemble([member([0.9, 0.1], 0.2, 'a'), member([0.2, 0.8], -0.1, 'b')]);
    const [explained] = await ensemble.explain(['fine']);
    expect(asked).toEqual([[0], [0]]);
    expect(explained!.target).toBe(0);
    expect(explained!.probabilities.map((x) => Number(x.toFixed(6)))).toEqual([0.55, 0.45]);
    expect(explained!.tokens.map((t) => Number(t.score.toFixed(6)))).toEqual([0.05, 0.05]);
    expect(Number(explained!.words[0]!.score.toFixed(6))).toBe(0.1);
    expect(Number(explained!.output.toFixed(6))).toBe(0.55);
    // Completeness carries over: scores + gap = output − baseline, as for each seed.
    expect(explained!.words[0]!.score + explained!.gap).toBeCloseTo(explained!.output - explained!.baselineOutput, 10);
    expect(() => averageAttributions([explained!, { ...explained!, target: 1 }])).toThrow();
  });
});
