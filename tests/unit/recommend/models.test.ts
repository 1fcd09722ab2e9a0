import { describe, expect, it } from 'vitest';
import { evaluate, type ModelReport } from '../../../src/lib/recommend';
import { groupText, plantedRatings, tasteGroups } from './planted';

// Quality on small generated data with planted structure: the models must find it where the
// popularity baseline cannot. Settings are fixed (no tuning) so the tests stay fast.

const figure = (models: ModelReport[], name: string) => models.find((m) => m.model === name)!;

describe('ranking under leave-last-out (full catalogue)', () => {
  it('item-kNN and ALS beat popularity on taste groups', async () => {
    const { data } = tasteGroups();
    const report = await evaluate(data, { protocol: 'leave-last-out', tune: false, models: ['item-knn', 'als'], settings: { knn: {}, als: { factors: 8, regularization: 1, epochs: 8 }, mf: {}, sasrec: {}, sasrecTrain: {} } });
    const [pop, knn, als] = ['popularity', 'item-knn', 'als'].map((n) => figure(report.models, n));
    console.log(JSON.stringify(report.models.map((m) => [m.model, m.ranking, m.coverage])));
    expect(report.protocol).toBe('leave-last-out');
    expect(report.data.evaluatedUsers).toBe(240);
    expect(knn!.ranking!.ndcg).toBeGreaterThan(pop!.ranking!.ndcg + 0.08);
    expect(als!.ranking!.ndcg).toBeGreaterThan(pop!.ranking!.ndcg + 0.08);
    expect(als!.coverage).toBeGreaterThan(pop!.coverage);
  });
});

describe('cancellation', () => {
  it('stops with an AbortError', async () => {
    const { data } = tasteGroups({ users: 40 });
    await expect(evaluate(data, { protocol: 'leave-last-out', tune: false, models: ['als'] }, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('ratings under random-80-20', () => {
  it('biased MF and SVD++ beat popularity (item means) and the biases on a planted rank-2 model', async () => {
    const data = plantedRatings();
    const report = await evaluate(data, { protocol: 'random-80-20', tune: false, models: ['biased-mf', 'svd++'], settings: { knn: {}, als: {}, mf: { factors: 4, epochs: 25, lr: 0.02 }, sasrec: {}, sasrecTrain: {} } });
    console.log(JSON.stringify(report.models.map((m) => [m.model, m.rmse, m.mae])));
    const [pop, biases, knn, mf, svdpp] = ['popularity', 'biases', 'item-knn', 'biased-mf', 'svd++'].map((n) => figure(report.models, n));
    expect(knn!.rmse!).toBeLessThan(pop!.rmse!);
    expect(mf!.rmse!).toBeLessThan(Math.min(pop!.rmse!, biases!.rmse!, knn!.rmse!) - 0.02);
    expect(svdpp!.rmse!).toBeLessThan(Math.min(pop!.rmse!, biases!.rmse!, knn!.rmse!) - 0.02);
  });
});

describe('cold start (cold-items)', () => {
  it('ranks items nobody has bought from their text, far above popularity', async () => {
    const { data, groupOf } = tasteGroups();
    const text = groupText(data, groupOf);
    const report = await evaluate(data, { protocol: 'leave-last-out', tune: false, models: [], coldShare: 0.25, settings: { knn: {}, als: { factors: 8, regularization: 1, epochs: 8, textWeight: 2 }, mf: {}, sasrec: {}, sasrecTrain: {} } }, { text });
    const cold = report.coldStart!;
    console.log(JSON.stringify(cold.models.map((m) => [m.model, m.ranking])), cold.coldItems, cold.cases);
    const [pop, textKnn, alsText] = ['popularity', 'text-knn', 'als-text'].map((n) => figure(cold.models, n));
    expect(cold.coldItems).toBeGreaterThan(5);
    // Every cold item ties under popularity: its figure is that of a random order (at least k/cold items).
    expect(pop!.ranking!.hr).toBeGreaterThanOrEqual(10 / cold.coldItems - 1e-9);
    expect(alsText!.ranking!.ndcg).toBeGreaterThan(pop!.ranking!.ndcg + 0.1);
    expect(textKnn!.ranking!.ndcg).toBeGreaterThan(pop!.ranking!.ndcg + 0.1);
  });
});
