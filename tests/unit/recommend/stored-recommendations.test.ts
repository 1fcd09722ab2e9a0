import { describe, expect, it } from 'vitest';
import { againstPopularity, bestPerMetric, findItems, findUsers, itemLabel, metricColumns, protocolDescription, reasonText, type ModelReport, type StoredEvaluation, type StoredItem, type StoredUser } from '../../../src/lib/recommend';

// Browsing a stored recommend finding on the Discover page: the comparison table's columns and
// best cells, the verdict against popularity, and finding customers and items.

const ranked = (model: string, hr: number, ndcg: number, ndcgSe: number, coverage: number, popularityPercentile: number, baseline = false): ModelReport => ({ model, baseline, ranking: { hr, ndcg, mrr: ndcg, hrSe: 0.01, ndcgSe }, coverage, popularityPercentile, trainMs: 1 });

const evaluation = (protocol: StoredEvaluation['protocol'], models: ModelReport[]): StoredEvaluation => ({
  protocol, k: 10, seed: 1, dedupe: 'one interaction per (user, item): mean rating, count of repeats, time of first occurrence',
  data: { users: 1406, items: 400, interactions: 11210, train: 9960, test: 1250, evaluatedUsers: 1250 }, models, best: models[0]!.model,
});

const lastOut = evaluation('leave-last-out', [
  ranked('popularity', 0.16, 0.083, 0.006, 0.08, 0.99, true),
  ranked('item-knn', 0.23, 0.156, 0.009, 0.67, 0.95, true),
  ranked('als', 0.27, 0.149, 0.008, 0.13, 0.97),
  ranked('als-text', 0.13, 0.0985, 0.008, 0.9, 0.72),
  ranked('sasrec', 0.1, 0.07, 0.007, 0.9, 0.72),
]);

describe('stored recommendations', () => {
  it('names each protocol\'s figures and which way is better', () => {
    expect(metricColumns('leave-last-out', 10).map((c) => `${c.label} ${c.better}`)).toEqual(['HR@10 higher', 'NDCG@10 higher', 'MRR higher', 'coverage@10 higher', 'popularity bias lower']);
    expect(metricColumns('random-80-20', 5).map((c) => c.key)).toEqual(['rmse', 'mae', 'coverage', 'popularityPercentile']);
    expect(protocolDescription(lastOut)).toMatch(/^leave-last-out: .*1,250 customers.*ALL 400 items \(full ranking, no sampled negatives\); HR@10, NDCG@10$/);
  });

  it('highlights the best model of each figure, ties included', () => {
    const best = bestPerMetric(lastOut.models, metricColumns('leave-last-out', 10));
    expect([...best['hr']!]).toEqual(['als']);
    expect([...best['ndcg']!]).toEqual(['item-knn']);
    expect([...best['coverage']!]).toEqual(['als-text', 'sasrec']);
    expect([...best['popularityPercentile']!]).toEqual(['als-text', 'sasrec']);
  });

  it('says which models beat popularity, and which clearly (beyond two standard errors)', () => {
    expect(againstPopularity(lastOut).map((v) => [v.model, v.beats, v.clearly])).toEqual([['als', true, true], ['als-text', true, false], ['sasrec', false, false]]);
    const ratings = evaluation('random-80-20', [
      { model: 'popularity', baseline: true, rmse: 1.1, rmseSe: 0.02, coverage: 0.1, popularityPercentile: 0.9, trainMs: 1 },
      { model: 'biased-mf', baseline: false, rmse: 0.9, rmseSe: 0.02, coverage: 0.5, popularityPercentile: 0.6, trainMs: 1 },
    ]);
    const [mf] = againstPopularity(ratings);
    expect(mf).toMatchObject({ model: 'biased-mf', beats: true, clearly: true });
    expect(mf!.gain).toBeCloseTo(0.2, 6);
  });

  it('words reasons with item names, and finds customers and items', () => {
    const items: StoredItem[] = [{ id: 'P-0001', name: 'Assam Tea' }, { id: 'P-0002', name: null }];
    expect(itemLabel(items, 0)).toBe('Assam Tea (P-0001)');
    expect(reasonText({ item: 1, source: 'co-occurrence', similarity: 0.3 }, items)).toBe('because you liked P-0002');
    expect(reasonText({ item: 0, source: 'text', similarity: 0.912 }, items)).toBe('text like Assam Tea (P-0001) (0.91)');
    const user = (id: string): StoredUser => ({ id, interactions: 1, history: [0], recommendations: [] });
    const users = [user('C-00012'), user('C-00120'), user('C-00300')];
    expect(findUsers(users, '0012').map((u) => u.id)).toEqual(['C-00012', 'C-00120']);
    expect(findUsers(users, '', 2)).toHaveLength(2);
    expect(findItems(items, 'assam')).toEqual([0]);
    expect(findItems(items, 'p-000')).toEqual([0, 1]);
  });
});
