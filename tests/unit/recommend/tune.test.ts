import { describe, expect, it } from 'vitest';
import { againstBaselines, coordinateSearch, evaluate, pairedSe, tunedSettings, type ModelReport, type StoredEvaluation } from '../../../src/lib/recommend';
import { tasteGroups } from './planted';

// Tuning: the coordinate search against a known score surface, the verdicts against every
// baseline (by more than one standard error), and tuned ALS on planted tastes.

describe('coordinateSearch', () => {
  it('walks the steps greedily, looks around the best with function steps, and never fits a setting twice', async () => {
    const fitted: string[] = [];
    // Best at λ = 60, α = 5 on the ridge λ/α = 12.
    const score = async (c: { lambda: number; alpha: number }) => {
      fitted.push(`${c.lambda}/${c.alpha}`);
      return -((c.lambda / c.alpha - 12) ** 2) - (c.alpha - 5) ** 2 / 10;
    };
    const result = await coordinateSearch({ lambda: 20, alpha: 10 }, [
      { lambda: [20, 40, 80, 160] },
      (best) => [5, 20].map((alpha) => ({ alpha, lambda: (best.lambda * alpha) / best.alpha })),
      (best) => [0.75, 1.5].map((f) => ({ lambda: best.lambda * f })),
    ], score);
    // λ 160 (ratio 16) loses to 80 (ratio 8)? |16-12| = |8-12|: the first stays (ties keep the incumbent).
    expect(fitted).toEqual(['20/10', '40/10', '80/10', '160/10', '40/5', '160/20', '30/5', '60/5']);
    expect(result.best).toEqual({ lambda: 60, alpha: 5 });
    expect(result.fits).toBe(8);
    expect(result.score).toBeCloseTo(0, 12);
  });
});

const model = (name: string, baseline: boolean, ndcg: number, hr: number, se = 0.01): ModelReport => ({ model: name, baseline, ranking: { hr, ndcg, mrr: 0, hrSe: se, ndcgSe: se }, coverage: 0, popularityPercentile: 0, trainMs: 0 });

describe('againstBaselines', () => {
  const evaluation = (models: ModelReport[]): StoredEvaluation => ({ protocol: 'leave-last-out', k: 10, seed: 1, dedupe: 'x' as StoredEvaluation['dedupe'], data: { users: 1, items: 1, interactions: 1, train: 1, test: 1, evaluatedUsers: 1 }, models, best: 'a' });

  it('needs more than one standard error of the difference over every baseline, on NDCG and HR', () => {
    const verdicts = againstBaselines(evaluation([
      model('popularity', true, 0.08, 0.16), model('item-knn', true, 0.156, 0.23),
      model('clear', false, 0.18, 0.27), // +0.024 and +0.04 over item-kNN, SE of the difference 0.0141
      model('close', false, 0.165, 0.27), // +0.009 NDCG over item-kNN: within one SE
      model('worse', false, 0.15, 0.2),
    ]));
    expect(verdicts.map((v) => [v.model, v.beatsAll, v.figures.filter((f) => f.beatsAll).map((f) => f.label)])).toEqual([['clear', true, ['NDCG@10', 'HR@10']], ['close', false, ['HR@10']], ['worse', false, []]]);
    const close = verdicts[1]!.figures[0]!.margins;
    expect(close.map((m) => m.baseline)).toEqual(['popularity', 'item-knn']);
    expect(close[1]!.gain).toBeCloseTo(0.009, 9);
    expect(close[1]!.se).toBeCloseTo(Math.SQRT2 * 0.01, 9);
  });

  it('uses the paired standard error where the report has one', () => {
    // +0.009 NDCG over item-kNN: within the independent SE (0.0141), beyond a paired SE of 0.006.
    const close = { ...model('close', false, 0.165, 0.27), paired: [{ baseline: 'popularity', hrSe: 0.01, ndcgSe: 0.008 }, { baseline: 'item-knn', hrSe: 0.01, ndcgSe: 0.006 }] };
    const [verdict] = againstBaselines(evaluation([model('popularity', true, 0.08, 0.16), model('item-knn', true, 0.156, 0.23), close]));
    expect(verdict!.figures[0]!.margins.map((m) => [m.baseline, m.se, m.paired])).toEqual([['popularity', 0.008, true], ['item-knn', 0.006, true]]);
    expect(verdict!.beatsAll).toBe(true);
  });

  it('ratings: lower RMSE than every baseline', () => {
    const rated = (name: string, baseline: boolean, rmse: number): ModelReport => ({ model: name, baseline, rmse, mae: rmse, rmseSe: 0.005, coverage: 0, popularityPercentile: 0, trainMs: 0 });
    const verdicts = againstBaselines({ ...evaluation([rated('popularity', true, 1.22), rated('biases', true, 1.1985), rated('item-knn', true, 1.1962), rated('svd++', false, 1.1846), rated('biased-mf', false, 1.2002)]), protocol: 'random-80-20' });
    expect(verdicts.map((v) => [v.model, v.beatsAll])).toEqual([['svd++', true], ['biased-mf', false]]);
    expect(verdicts[0]!.figures.map((f) => f.label)).toEqual(['RMSE']);
  });
});

describe('pairedSe', () => {
  it('is the standard error of the mean difference, against a naive computation', () => {
    const a = Float32Array.from([1, 0, 0.5, 0.25, 1, 0]);
    const b = Float32Array.from([0.5, 0, 0.5, 0, 1, 0.25]);
    const d = Array.from(a, (x, i) => x - b[i]!);
    const mean = d.reduce((s, x) => s + x, 0) / d.length;
    const variance = d.reduce((s, x) => s + (x - mean) ** 2, 0) / (d.length - 1);
    expect(pairedSe(a, b)).toBeCloseTo(Math.sqrt(variance / d.length), 6);
    // Two models that move together: the paired SE is far below the independent one.
    expect(pairedSe(Float32Array.from([1, 0, 1, 0]), Float32Array.from([1, 0, 1, 0]))).toBe(0);
  });
});

describe('tunedSettings', () => {
  it('names the chosen values of a tuned model, and nothing for an untuned one', () => {
    const als = { ...model('als-text', false, 0.2, 0.3), notes: { factors: 32, regularization: 80, alpha: 10, epochs: 12, popularityWeighting: 0.5, textWeight: 20, tuned: 'on a validation split carved from train', validationNdcg: 0.15591, fits: 22 } };
    expect(tunedSettings(als, 10)).toBe('λ=80, α=10, β=0.5, 32 factors, text weight μ=20 (22 fits; validation NDCG@10 0.156)');
    expect(tunedSettings({ ...als, notes: { factors: 32, regularization: 80 } }, 10)).toBeNull();
  });
});

describe('tuned ALS on planted tastes', () => {
  it('chooses its settings on validation, reports them, and does clearly better than its defaults', async () => {
    // Sparse histories (5 per customer) over 100 items: the defaults (64 factors, λ = 20) overfit.
    const { data } = tasteGroups({ users: 300, perUser: 5, itemsPerGroup: 25 });
    const [fixed, tuned] = await Promise.all([false, true].map((tune) => evaluate(data, { protocol: 'leave-last-out', tune, models: ['item-knn', 'als'] })));
    const ndcg = (report: typeof tuned, name: string) => report!.models.find((m) => m.model === name)!.ranking!.ndcg;
    console.log(JSON.stringify(tuned!.models.map((m) => [m.model, m.ranking, m.notes])));
    const als = tuned!.models.find((m) => m.model === 'als')!;
    expect(als.notes).toMatchObject({ tuned: 'on a validation split carved from train' });
    expect(als.notes!['fits']).toBeGreaterThanOrEqual(10);
    expect(als.notes!['fits']).toBeLessThanOrEqual(15);
    expect(fixed!.models.find((m) => m.model === 'als')!.notes!['tuned']).toBeUndefined();
    expect(ndcg(tuned, 'als')).toBeGreaterThan(ndcg(fixed, 'als') + 0.04);
    expect(ndcg(tuned, 'als')).toBeGreaterThan(ndcg(tuned, 'item-knn'));
    const [verdict] = againstBaselines(tuned!);
    // Each model row carries its paired errors against both baselines, and the verdict uses them.
    expect(als.paired?.map((p) => p.baseline)).toEqual(['popularity', 'item-knn']);
    expect(verdict!.figures[0]!.margins.every((m) => m.paired)).toBe(true);
    expect(verdict!.figures[0]!.margins[0]!.gain).toBeGreaterThan(3 * verdict!.figures[0]!.margins[0]!.se);
  });
});
