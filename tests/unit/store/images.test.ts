import { describe, expect, it } from 'vitest';
import { findImageColumn, imageKey } from '../../../src/lib/store';

describe('image links', () => {
  it('keys images by stem, whatever the folder, extension or case', () => {
    expect(imageKey('photos/P-1.PNG')).toBe('p-1');
    expect(imageKey('P-1')).toBe('p-1');
    expect(imageKey('archive.v2')).toBe('archive.v2');
  });

  it('finds the column whose cells name the most images', () => {
    const keys = new Set(['p-1', 'p-2']);
    const rows = [
      ['O-1', 'P-1', 'img/p-1.jpg'],
      ['O-2', 'P-2', null],
      ['O-3', 'P-3', 'P-9.png'],
    ];
    expect(findImageColumn(rows, keys)).toEqual({ column: 1, matches: 2 });
    expect(findImageColumn(rows, new Set())).toBeNull();
    expect(findImageColumn([['x', 'y']], keys)).toBeNull();
  });
});
