import { describe, expect, it } from 'vitest';
import { phasedProgress } from '../../../src/lib/recommend/progress';

describe('phasedProgress', () => {
  it('fills each phase’s share of one bar in order, nested phases included', () => {
    const seen: [number, string][] = [];
    const phase = phasedProgress((done, total, message) => seen.push([done / total, message]), [1, 3]);
    phase(0)!(1, 2, 'first half-way');
    const inner = phasedProgress(phase(1), [1, 1]);
    inner(0)!(0, 10, 'second begins');
    inner(1)!(5, 10, 'second, inner half-way');
    phase(1)!(7, 5, 'past the end stays at the end');
    expect(seen).toEqual([[0.125, 'first half-way'], [0.25, 'second begins'], [0.813, 'second, inner half-way'], [1, 'past the end stays at the end']]);
  });

  it('reports nothing without a reporter', () => {
    expect(phasedProgress(undefined, [1])(0)).toBeUndefined();
  });
});
