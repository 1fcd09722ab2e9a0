import { describe, expect, it } from 'vitest';
import { joinKey } from '../../../../src/lib/fusion/warehouse';

describe('joinKey', () => {
  it('folds the spellings of one id together under normalised matching', () => {
    const spellings = ['C-00012', 'c-00012', ' C-00012', 'C-00012 ', '12', 12, 'C_12', 'C 012'];
    expect(new Set(spellings.map((s) => joinKey(s, 'normalised')))).toEqual(new Set(['12']));
  });

  it('keeps other ids apart', () => {
    expect(joinKey('C-00012', 'normalised')).not.toBe(joinKey('C-00120', 'normalised'));
    expect(joinKey('O-100001', 'normalised')).toBe('100001');
    expect(joinKey('C-00000', 'normalised')).toBe('0');
    expect(joinKey('Anna.Smith@Example.com ', 'normalised')).toBe('anna.smith@example.com');
    expect(joinKey('SKU-12-B', 'normalised')).toBe('sku-12-b');
  });

  it('joins exact keys as written', () => {
    expect(joinKey('C-00012', 'exact')).toBe('C-00012');
    expect(joinKey('c-00012', 'exact')).not.toBe(joinKey('C-00012', 'exact'));
    expect(joinKey(12, 'exact')).toBe('12');
  });

  it('has no key for missing cells', () => {
    for (const missing of [null, '', '  ', 'N/A', 'null']) {
      expect(joinKey(missing, 'exact')).toBeNull();
      expect(joinKey(missing, 'normalised')).toBeNull();
    }
  });
});
