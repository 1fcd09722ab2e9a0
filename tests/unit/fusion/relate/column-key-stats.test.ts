import { describe, expect, it } from 'vitest';
import { columnKeyStats, defaultRelateOptions, isKeyLike } from '../../../../src/lib/fusion/relate';
import { column, randomInts, range } from './fixtures';

const stats = (values: Parameters<typeof column>[3], type: Parameters<typeof column>[1] = 'identifier') =>
  columnKeyStats({ name: 't.csv', rowCount: values.length }, column('c', type, 'none', values), defaultRelateOptions);

describe('candidate keys', () => {
  const pick = randomInts(3);

  it('takes a unique, filled id column as a key', () => {
    const s = stats(range(1000, (i) => `C-${String(i + 1).padStart(5, '0')}`));
    expect(s).toMatchObject({ nonNull: 1000, nullRate: 0, idPrefix: 'c', uniqueness: 1, idRange: { min: 1, max: 1000 } });
    expect(s.normalised.complete).toBe(true);
    expect(isKeyLike(s, defaultRelateOptions)).toBe(true);
  });

  it('tolerates a few duplicate rows, as exports have', () => {
    const s = stats(range(1000, (i) => `O-${i < 990 ? i : i - 10}`));
    expect(s.uniqueness).toBeCloseTo(0.99, 3);
    expect(isKeyLike(s, defaultRelateOptions)).toBe(true);
  });

  it('counts case and padding variants of one id once', () => {
    const s = stats(['C-00012', 'c-00012', '12', 'C-00013']);
    expect(s.raw.distinct).toBe(4);
    expect(s.normalised.distinct).toBe(2);
  });

  it('refuses repeating, sparse, small or measure columns', () => {
    expect(isKeyLike(stats(range(1000, () => `C-${pick(300)}`)), defaultRelateOptions)).toBe(false);
    expect(isKeyLike(stats(range(1000, (i) => (i % 3 === 0 ? `C-${i}` : null))), defaultRelateOptions)).toBe(false);
    expect(isKeyLike(stats(range(5, (i) => i + 1), 'integer'), defaultRelateOptions)).toBe(false);
    expect(isKeyLike(stats(range(1000, (i) => i + 0.5), 'decimal'), defaultRelateOptions)).toBe(false);
  });

  it('counts blanks as missing and words for name-like text', () => {
    const s = stats(['Emma Taylor', '  ', null, 'Max Martin'], 'text');
    expect(s.nonNull).toBe(2);
    expect(s.nullRate).toBe(0.5);
    expect(s.meanWords).toBe(2);
    expect(s.idPrefix).toBeNull();
  });

  it('switches to a sketch past the exact limit', () => {
    const s = columnKeyStats({ name: 't', rowCount: 60_000 }, column('id', 'integer', 'none', range(60_000, (i) => i)), { exactLimit: 50_000, sketchSize: 512 });
    expect(s.raw.complete).toBe(false);
    expect(s.raw.hashes.length).toBe(512);
    expect(s.raw.distinct).toBe(60_000);
  });
});
