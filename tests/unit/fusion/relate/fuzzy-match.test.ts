import { describe, expect, it } from 'vitest';
import { fuzzyContainment, fuzzyWords } from '../../../../src/lib/fusion/relate';

const titles = [
  'Organic Colombian Coffee Beans 500g', 'Assam Black Tea Pyramid Bags 100g', 'Ceramic Mug 450ml Copper',
  'Stainless Steel Gooseneck Kettle 1L', 'Dark Chocolate Sea Salt 100g', 'Dried Figs Whole 250g',
  'Matcha Powder Ceremonial 30g', 'Recycled Cotton Tote Bag Natural', 'Espresso Capsules x50', 'Green Tea Loose Leaf 250g',
];

describe('fuzzyContainment', () => {
  it('splits words at punctuation and between digits and letters', () => {
    expect(fuzzyWords('COFFEE BEANS, COLOMBIAN, 500G')).toEqual(['coffee', 'beans', 'colombian', '500', 'g']);
  });

  it('matches re-cased, reordered and misspelt names to their titles', () => {
    const supplier = ['ORGANIC COLOMBIAN COFFEE BEANS 500 G', 'assam black tea pyramid bags 100g', 'Ceramic Mug 450ML Coper',
      'GOOSENECK KETTLE 1L, STAINLESS STEEL', 'dark chocolate sea salt 100 g', 'Dried Figs Whole 250gr'];
    const result = fuzzyContainment(supplier, titles, 0.6);
    expect(result.containment).toBe(1);
    expect(result.matches.map((m) => m.to)).toEqual(titles.slice(0, 6));
    expect(result.reverseContainment).toBeCloseTo(0.6, 5);
  });

  it('finds no match for unrelated text', () => {
    const people = ['Emma Taylor', 'Maximilian Colombo', 'Charlotte Tanaka', 'Liam O\'Brien'];
    expect(fuzzyContainment(people, titles, 0.6).containment).toBe(0);
  });
});
