import { describe, expect, it } from 'vitest';
import { detectIdPrefix, hashKeyText, keyHash, normaliseKey, prefixesCompatible, type KeyForm } from '../../../../src/lib/fusion/relate';

const raw: KeyForm = { normalised: false, idPrefix: null };
const text: KeyForm = { normalised: true, idPrefix: null };
const customerIds: KeyForm = { normalised: true, idPrefix: 'c' };

describe('normaliseKey', () => {
  it('reads C-00012, c-00012 and 12 as one customer id', () => {
    expect(['C-00012', 'c-00012', '12', ' C00012 ', 'C_012', 12].map((v) => normaliseKey(v, customerIds))).toEqual(['12', '12', '12', '12', '12', '12']);
  });

  it('keeps a prefix that is not the column\'s own, so id schemes do not merge', () => {
    expect(normaliseKey('X-00012', customerIds)).toBe('x12');
    expect(normaliseKey('C-00012', { normalised: true, idPrefix: '' })).toBe('c12');
  });

  it('keeps a single zero and ids without digits intact', () => {
    expect(normaliseKey('C-0000', customerIds)).toBe('0');
    expect(normaliseKey('unknown', customerIds)).toBe('unknown');
  });

  it('trims, collapses spaces and case-folds text, including non-ASCII letters', () => {
    expect(normaliseKey('  Müller   GmbH ', text)).toBe('müller gmbh');
    expect(normaliseKey('ÉCLAIR', text)).toBe('éclair');
  });

  it('leaves the raw form as written, numbers as their canonical text', () => {
    expect(normaliseKey(' C-00012', raw)).toBe(' C-00012');
    expect(normaliseKey(12, raw)).toBe(normaliseKey('12', raw));
    expect(normaliseKey(true, raw)).toBe('true');
  });

  it('treats missing and blank cells as no key', () => {
    expect(normaliseKey(null, text)).toBeNull();
    expect(normaliseKey('   ', text)).toBeNull();
    expect(keyHash('', raw)).toBe(-1);
  });

  it('hashes exactly what it would write', () => {
    const values = ['C-00012', '12', 'c-00012', '  Müller   GmbH ', 'x', 12, 0, false, 'P-0001'];
    for (const form of [raw, text, customerIds]) {
      for (const v of values) expect(keyHash(v, form)).toBe(hashKeyText(normaliseKey(v, form)!));
    }
    expect(keyHash('C-00012', customerIds)).toBe(keyHash(12, customerIds));
    expect(keyHash('C-00012', raw)).not.toBe(keyHash('12', raw));
  });
});

describe('detectIdPrefix', () => {
  it('finds the dominant prefix of an id column', () => {
    expect(detectIdPrefix(['C-00001', 'c-00002', '3', 'C-00004', null])).toBe('c');
    expect(detectIdPrefix([1, 2, 3, '0004'])).toBe('');
    expect(detectIdPrefix(['SUP-10016', 'SUP-11292'])).toBe('sup');
  });

  it('calls text, decimals and hex tokens not id-like', () => {
    expect(detectIdPrefix(['Emma Taylor', 'Max Martin'])).toBeNull();
    expect(detectIdPrefix(['12.50', '3.99'])).toBeNull();
    expect(detectIdPrefix(['s-6f680d1b', 's-66ccf04d'])).toBeNull();
  });

  it('compares normalised ids only between agreeing prefixes', () => {
    expect(prefixesCompatible('c', 'c')).toBe(true);
    expect(prefixesCompatible('c', '')).toBe(true);
    expect(prefixesCompatible('c', null)).toBe(true);
    expect(prefixesCompatible('c', 'p')).toBe(false);
  });
});
