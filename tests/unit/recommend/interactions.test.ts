import { describe, expect, it } from 'vitest';
import { buildInteractions, byItem, byUser, coldItemSplit, leaveLastOut, randomSplit, topK } from '../../../src/lib/recommend';
import { tasteGroups, groupText } from './planted';

// Interactions from table columns (the de-duplication policy, ids, times), the protocols'
// splits, and top-k selection against a sort.

describe('interactions', () => {
  it('merges repeated (user, item) rows: mean rating, count, time of the first occurrence', () => {
    const { interactions: d, report } = buildInteractions({
      user: ['a', 'a', 'b', 'a', null, 'b'],
      item: ['x', 'y', 'x', 'x', 'x', 'z'],
      rating: [4, 2, 5, 2, 3, 'n/a'],
      time: ['2024-01-03', '2024-01-01', '2024-01-02', '2024-01-05', '2024-01-01', '2024-01-09'],
    });
    expect(report).toMatchObject({ rowsRead: 6, rowsDropped: 2, duplicatesMerged: 1, timeSource: 'column' });
    expect(d.userIds).toEqual(['a', 'b']);
    expect(d.itemIds).toEqual(['x', 'y']);
    // Sorted by user, then time: a's y (Jan 1) before a's x (first seen Jan 3).
    expect(Array.from(d.user)).toEqual([0, 0, 1]);
    expect(Array.from(d.item)).toEqual([1, 0, 0]);
    expect(Array.from(d.rating!)).toEqual([2, 3, 5]);
    expect(Array.from(d.count)).toEqual([1, 2, 1]);
    expect(d.time[1]).toBe(Date.UTC(2024, 0, 3));
  });

  it('uses row order as time without a time column, reads ids as the fusion domain does, and ranks catalogue items', () => {
    const { interactions: d, report } = buildInteractions({ user: ['C-00012', 'c-00012', ' 12', 'C-00013'], item: ['P-1', 'P-2', 'P-3', 'P-1'] }, { normaliseIds: true, catalogue: ['P-9'] });
    expect(report.timeSource).toBe('row order');
    expect(d.userIds).toHaveLength(2);
    expect(d.itemIds).toContain('P-9');
    expect(d.userIds).toEqual(['C-00012', 'C-00013']); // shown as first written
    expect(Array.from(d.time)).toEqual([0, 1, 2, 3]);
    expect(d.rating).toBeNull();
    const plain = buildInteractions({ user: ['C-00012', 'c-00012'], item: ['x', 'x'] }).interactions;
    expect(plain.userIds).toEqual(['C-00012', 'c-00012']);
  });

  it('indexes by user in time order and by item', () => {
    const { data } = tasteGroups({ users: 20 });
    const users = byUser(data);
    const items = byItem(data);
    expect(users.offsets.at(-1)).toBe(data.user.length);
    expect(items.offsets.at(-1)).toBe(data.user.length);
    for (let u = 0; u < 20; u++) for (let p = users.offsets[u]! + 1; p < users.offsets[u + 1]!; p++) expect(data.time[users.row[p]!]).toBeGreaterThanOrEqual(data.time[users.row[p - 1]!]!);
  });
});

describe('protocols', () => {
  it('leave-last-out holds out each user’s latest item; users with one interaction stay in train', () => {
    const { interactions: d } = buildInteractions({ user: ['a', 'a', 'a', 'b', 'c', 'c'], item: ['x', 'y', 'z', 'x', 'z', 'y'], time: [3, 1, 2, 1, 5, 4] });
    const { train, test } = leaveLastOut(d);
    expect(Array.from(test.user, (u) => d.userIds[u])).toEqual(['a', 'c']);
    expect(Array.from(test.item, (i) => d.itemIds[i])).toEqual(['x', 'z']);
    expect(train.user.length).toBe(4);
    expect(Array.from(train.user, (u) => d.userIds[u])).toContain('b');
  });

  it('random-80-20 is seeded and near 20%; cold-items hides all of an item’s interactions', () => {
    const { data, groupOf } = tasteGroups();
    const a = randomSplit(data, 0.2, 1);
    expect(Array.from(randomSplit(data, 0.2, 1).test.item)).toEqual(Array.from(a.test.item));
    expect(a.test.user.length / data.user.length).toBeGreaterThan(0.17);
    expect(a.test.user.length / data.user.length).toBeLessThan(0.23);
    const cold = coldItemSplit(data, groupText(data, groupOf), 0.2, 1);
    const coldCount = cold.cold.reduce((n, c) => n + c, 0);
    expect(coldCount).toBeGreaterThan(3);
    for (const i of cold.train.item) expect(cold.cold[i]).toBe(0);
    for (const i of cold.test.item) expect(cold.cold[i]).toBe(1);
  });
});

describe('topK', () => {
  it('returns the k best in order, ties to the lower index, never -Infinity', () => {
    const scores = Float32Array.from([0.5, 2, -Infinity, 2, 7, 0.5, 1, -3]);
    expect(Array.from(topK(scores, 4))).toEqual([4, 1, 3, 6]);
    expect(Array.from(topK(Float32Array.from([-Infinity, 1]), 5))).toEqual([1]);
    const random = Float32Array.from({ length: 500 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const sorted = Array.from(random.keys()).sort((a, b) => random[b]! - random[a]! || a - b);
    expect(Array.from(topK(random, 25))).toEqual(sorted.slice(0, 25));
  });
});
