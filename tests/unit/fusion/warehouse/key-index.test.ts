import { describe, expect, it } from 'vitest';
import { KeyIndex } from '../../../../src/lib/fusion/warehouse/key-index';
import { smallTable } from './fixtures';

describe('KeyIndex', () => {
  const orders = smallTable('orders', { id: { values: ['O-1', 'O-2', 'O-1', 'O-3', null] } });

  it('folds verbatim duplicate keys into one group led by the first row', () => {
    const index = new KeyIndex(orders, 'id', 'exact');
    expect(index.groups).toEqual([[0, 2], [1], [3], [4]]);
    expect(index.keyOf(index.groupOf[2]!)).toBe('O-1');
    expect(index.foldedRows).toBe(1);
  });

  it('merges rows entity resolution grouped, and finds the group by any of their keys', () => {
    const customers = smallTable('customers', { id: { values: ['C-1', 'C-2', 'C-3', 'C-4'] } });
    const index = new KeyIndex(customers, 'id', 'exact', Int32Array.from([7, -1, 7, 9]));
    expect(index.groups).toEqual([[0, 2], [1], [3]]);
    expect(index.lookup('C-3', 'exact')).toBe(index.lookup('C-1', 'exact'));
    expect(index.keyOf(index.lookup('c-00003', 'normalised'))).toBe('C-1');
    expect(index.lookup('C-9', 'exact')).toBe(-1);
  });
});
