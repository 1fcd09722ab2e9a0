import { describe, expect, it } from 'vitest';
import { catalogueColumns, formatGain, foundBy, sampleJudgements, searchInputs, tuningGain, type Judgement, type LiveHit, type SearchTable } from '../../../src/lib/search';

// The Search tab's pure helpers: which tables and columns it preselects from the columns' roles,
// which retriever found a hit, the gain of fine-tuning, and the seeded sample of queries.

/** A table whose roles come from overrides (no profile), as the user would set them. */
function table(id: string, columns: [name: string, role: string, type?: 'string' | 'integer'][]): SearchTable {
  return {
    id, name: id, profile: null, cleanProfile: null,
    columns: columns.map(([name, , type]) => ({ name, type: type ?? 'string', nullCount: 0 })),
    overrides: Object.fromEntries(columns.map(([name, role]) => [name, { role }])),
  };
}

const products = table('products.json', [['sku', 'product-id'], ['title', 'title'], ['category.main', 'category'], ['category.sub', 'category'], ['price', 'price', 'integer'], ['description', 'description']]);
const reviews = table('reviews.ndjson', [['review_id', 'none'], ['product', 'product-id'], ['customer', 'customer-id'], ['title', 'title'], ['text', 'review-text']]);
const orderLines = table('order_lines.csv', [['order_id', 'order-id'], ['product_sku', 'product-id']]);
const log = table('search_log.csv', [['timestamp', 'event-time'], ['query', 'query-text'], ['clicked_product', 'product-id']]);

describe('search inputs from roles', () => {
  it('picks the catalogue over reviews and order lines, and the search log, whatever their order', () => {
    const picked = searchInputs([reviews, orderLines, log, products]);
    expect(picked.catalogue).toEqual({
      tableId: 'products.json', keyColumn: 'sku',
      textColumns: ['title', 'description', 'category.main', 'category.sub'],
      denseColumns: ['title', 'category.main', 'category.sub'],
    });
    expect(picked.log).toEqual({ tableId: 'search_log.csv', queryColumn: 'query', clickedColumn: 'clicked_product' });
  });

  it('finds nothing without a product key and a title or description', () => {
    expect(searchInputs([orderLines])).toEqual({ catalogue: null, log: null });
    // Reviews alone still serve (product + title): better than nothing to search.
    expect(searchInputs([reviews]).catalogue?.tableId).toBe('reviews.ndjson');
  });

  it('falls back to every text column when no column has a text role, and the encoder reads what BM25 reads', () => {
    const bare = table('items.csv', [['code', 'none'], ['label', 'none'], ['qty', 'none', 'integer'], ['notes', 'none']]);
    expect(catalogueColumns(bare)).toEqual({ keyColumn: 'code', textColumns: ['label', 'notes'], denseColumns: ['label', 'notes'] });
    const onlyDescription = table('d.csv', [['sku', 'product-id'], ['description', 'description']]);
    expect(catalogueColumns(onlyDescription).denseColumns).toEqual(['description']);
  });

  it('reads a corpus’s free text before its categories, with both retrievers', () => {
    // Brown corpus docs.csv: `text` is long free text, `category` one of 15 genres.
    const docs = table('docs.csv', [['id', 'product-id'], ['category', 'category'], ['text', 'review-text']]);
    expect(catalogueColumns(docs)).toEqual({ keyColumn: 'id', textColumns: ['text', 'category'], denseColumns: ['text'] });
    // No role on `text`: the profile's free-text type is enough.
    const profiled = table('docs.csv', [['id', 'none'], ['category', 'category'], ['text', 'none']]);
    profiled.profile = { rowCount: 500, columns: [{ name: 'text', inference: { type: 'text' } }] } as unknown as SearchTable['profile'];
    expect(catalogueColumns(profiled)).toEqual({ keyColumn: 'id', textColumns: ['text', 'category'], denseColumns: ['text'] });
  });
});

describe('live hits and gains', () => {
  const hit = (bm25: number | null, dense: number | null): LiveHit => ({ key: 'P', text: 'p', score: 0.1, ranks: { bm25, dense } });

  it('says which retriever ranked a hybrid hit within the shown places', () => {
    expect(foundBy(hit(1, 4), 10)).toEqual(['bm25', 'dense']);
    expect(foundBy(hit(2, 37), 10)).toEqual(['bm25']);
    expect(foundBy(hit(null, 3), 10)).toEqual(['dense']);
    expect(foundBy(hit(11, null), 10)).toEqual([]);
  });

  it('computes and signs the gain of fine-tuning', () => {
    const s = (mrr: number) => ({ mrr, 'ndcg@10': mrr + 0.1, 'recall@10': mrr + 0.2 });
    const scores = { bm25: s(0.6), dense: s(0.4), hybrid: s(0.5) };
    expect(tuningGain({ scores, fineTuned: null })).toBeNull();
    const gain = tuningGain({ scores, fineTuned: { scores: { dense: s(0.45), hybrid: s(0.48) } } as never })!;
    expect(gain.dense.mrr).toBeCloseTo(0.05, 10);
    expect(gain.hybrid['ndcg@10']).toBeCloseTo(-0.02, 10);
    expect([formatGain(0.0214), formatGain(-0.004), formatGain(0.00004)]).toEqual(['+0.021', '−0.004', '±0']);
  });
});

describe('query sample', () => {
  const judgements: Judgement[] = Array.from({ length: 50 }, (_, i) => ({ query: `q${i}`, rows: Int32Array.of(i), gains: Float32Array.of(1) }));

  it('is a seeded subset of the asked size, the same whatever the input order', () => {
    const a = sampleJudgements(judgements, 12, 1);
    const b = sampleJudgements([...judgements].reverse(), 12, 1);
    expect(a).toHaveLength(12);
    expect(new Set(a.map((j) => j.query)).size).toBe(12);
    expect(a.map((j) => j.query)).toEqual(b.map((j) => j.query));
    expect(sampleJudgements(judgements, 12, 2).map((j) => j.query)).not.toEqual(a.map((j) => j.query));
    // Not simply the first queries in text order.
    expect(a.map((j) => j.query)).not.toEqual([...judgements].map((j) => j.query).sort().slice(0, 12));
  });

  it('keeps every query when there are no more than asked', () => {
    expect(sampleJudgements(judgements.slice(0, 5), 12, 1)).toHaveLength(5);
  });
});
