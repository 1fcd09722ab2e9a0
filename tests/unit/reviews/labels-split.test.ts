import { describe, expect, it } from 'vitest';
import { formatLabelMap, labelsOf, parseLabelMap, starLabelMap, suggestLabelMap } from '../../../src/lib/reviews/labels';
import { capTrainingRows, randomSplit, splitFromColumn, stratifiedSplit } from '../../../src/lib/reviews/split';

describe('labels', () => {
  it('parses and formats a label map; refuses overlaps, backwards ranges and one class', () => {
    const rules = parseLabelMap(' 1-2 : negative, 3:neutral ,4-5:positive');
    expect(rules).toEqual(starLabelMap);
    expect(formatLabelMap(rules)).toBe('1-2:negative,3:neutral,4-5:positive');
    expect(parseLabelMap('1:bad,2:bad,3-5:good').map((r) => r.label)).toEqual(['bad', 'bad', 'good']);
    expect(() => parseLabelMap('1-3:negative,3-5:positive')).toThrow(/overlap/);
    expect(() => parseLabelMap('3-1:negative,4:positive')).toThrow(/backwards/);
    expect(() => parseLabelMap('1-5:all')).toThrow(/two classes/);
    expect(() => parseLabelMap('low:negative')).toThrow(/form/);
  });

  it('maps ratings through rules in the map order, counting values no rule covers', () => {
    const labels = labelsOf([5, 1, 3, null, 2.5, '4', 'n/a'], parseLabelMap('1-2:negative,3:neutral,4-5:positive'));
    expect(labels.classes).toEqual(['negative', 'neutral', 'positive']);
    expect(Array.from(labels.targets)).toEqual([2, 0, 1, -1, -1, 2, -1]);
    expect(labels.unmapped).toBe(2);
  });

  it('takes a label column as it is, classes in natural order', () => {
    const labels = labelsOf(['spam', 'ham', ' ham ', null, ''], null);
    expect(labels.classes).toEqual(['ham', 'spam']);
    expect(Array.from(labels.targets)).toEqual([1, 0, 0, -1, -1]);
    expect(labelsOf(['10', '2', '1'], null).classes).toEqual(['1', '2', '10']);
  });

  it('suggests the star map only for whole ratings with at least three values', () => {
    expect(suggestLabelMap([1, 5, 3, 4, null])).toEqual(starLabelMap);
    expect(suggestLabelMap([1, 10, 7])?.map((r) => `${r.min}-${r.max}`)).toEqual(['1-4', '5-6', '7-10']);
    expect(suggestLabelMap([1, 2, 1])).toBeNull();
    expect(suggestLabelMap(['spam', 'ham', 'x'])).toBeNull();
    expect(suggestLabelMap([1.5, 2, 3])).toBeNull();
  });
});

describe('splits', () => {
  const targets = Int32Array.from({ length: 100 }, (_, i) => (i < 80 ? 0 : i < 95 ? 1 : 2));

  it('stratified: each class keeps its share, every labelled row lands once, seeded', () => {
    const { kept, held } = stratifiedSplit(targets, 0.2, 3);
    const count = (rows: Int32Array, k: number) => Array.from(rows).filter((r) => targets[r] === k).length;
    expect([count(held, 0), count(held, 1), count(held, 2)]).toEqual([16, 3, 1]);
    expect([...kept, ...held].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(stratifiedSplit(targets, 0.2, 3)).toEqual({ kept, held });
    expect(Array.from(stratifiedSplit(targets, 0.2, 4).held)).not.toEqual(Array.from(held));
  });

  it('random split: test, then validation from train within its cap; unlabelled rows left out', () => {
    const withGaps = Int32Array.from(targets, (t, i) => (i % 10 === 9 ? -1 : t));
    const split = randomSplit(withGaps, { testFraction: 0.25, validationFraction: 0.5, maxValidationRows: 10, seed: 1 });
    const all = [...split.train, ...split.validation, ...split.test];
    expect(new Set(all).size).toBe(90);
    expect(all.every((r) => withGaps[r]! >= 0)).toBe(true);
    expect(split.validation.length).toBeLessThanOrEqual(11);
    expect(split.validation.length).toBeGreaterThanOrEqual(9);
  });

  it('from a column: train/test words in any case, validation taken from train when absent', () => {
    const values = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 'Test' : i === 1 ? null : 'train'));
    const labels = Int32Array.from({ length: 40 }, (_, i) => i % 2);
    const split = splitFromColumn(values, labels, { validationFraction: 0.1 });
    expect(split.test.length).toBe(10);
    expect(split.train.length + split.validation.length).toBe(29);
    expect(split.validation.length).toBeGreaterThan(0);
    const explicit = splitFromColumn(['train', 'dev', 'test', 'train'], Int32Array.from([0, 1, 0, 1]));
    expect(Array.from(explicit.validation)).toEqual([1]);
    expect(() => splitFromColumn(['train', 'later', 'test'], Int32Array.from([0, 1, 0]))).toThrow(/later/);
    expect(() => splitFromColumn(['train', 'train'], Int32Array.from([0, 1]))).toThrow(/both train and test/);
  });
});

describe('training cap', () => {
  // 3,000 rows of 3 classes, as the demo reviews: 2,161 train, 240 validation, 599 test.
  const targets = Int32Array.from({ length: 3000 }, (_, i) => i % 3);
  const split = randomSplit(targets, { seed: 1 });
  const classesOf = (rows: Int32Array) => new Set(Array.from(rows, (r) => targets[r]));

  it('counts validation rows in the cap, so a small cap still leaves most rows to train on', () => {
    expect(split.validation.length).toBeGreaterThan(200);
    const capped = capTrainingRows(split, targets, 120, 3);
    expect(capped.train.length + capped.validation.length).toBeGreaterThanOrEqual(117);
    expect(capped.train.length + capped.validation.length).toBeLessThanOrEqual(123);
    expect(capped.validation.length).toBeLessThanOrEqual(36 + 2);
    expect(capped.train.length).toBeGreaterThan(80);
    // Samples of the same parts, every class in each, test untouched.
    expect(Array.from(capped.train).every((r) => split.train.includes(r))).toBe(true);
    expect(Array.from(capped.validation).every((r) => split.validation.includes(r))).toBe(true);
    expect(classesOf(capped.train).size).toBe(3);
    expect(classesOf(capped.validation).size).toBe(3);
    expect(capped.test).toBe(split.test);
  });

  it('keeps validation whole when it fits in 30% of the cap, and leaves a split under the cap alone', () => {
    const capped = capTrainingRows(split, targets, 1000, 3);
    expect(capped.validation).toBe(split.validation);
    expect(Math.abs(capped.train.length - (1000 - split.validation.length))).toBeLessThanOrEqual(2);
    expect(capTrainingRows(split, targets, 5000, 3)).toBe(split);
  });
});
