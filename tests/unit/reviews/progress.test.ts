import { describe, expect, it } from 'vitest';
import { phasedProgress, type ReviewProgress } from '../../../src/lib/reviews/progress';

describe('phasedProgress', () => {
  it('fills each phase’s share of one bar, in order, by cost', () => {
    const seen: ReviewProgress[] = [];
    const phase = phasedProgress((p) => seen.push(p), [1, 3, 0, 4]);
    phase(0)!({ done: 1, total: 2, unit: 'x', message: 'a' });
    phase(0)!({ done: 2, total: 2, unit: 'x', message: 'a' });
    phase(1)!({ done: 0, total: 10, unit: 'steps', message: 'b' }); // a new phase starts where the last ended
    phase(1)!({ done: 5, total: 10, unit: 'steps', message: 'b' });
    phase(2)!({ done: 1, total: 1, unit: 'x', message: 'free' }); // costs nothing: no jump
    phase(3)!({ done: 4, total: 4, unit: 'x', message: 'd' });
    expect(seen.map((p) => p.done)).toEqual([63, 125, 125, 313, 500, 1000]);
    expect(seen.every((p) => p.total === 1000)).toBe(true);
    expect(seen.map((p) => p.message)).toEqual(['a', 'a', 'b', 'b', 'free', 'd']);
  });

  it('reports nothing when nobody listens', () => {
    expect(phasedProgress(undefined, [1, 2])(0)).toBeUndefined();
  });
});
