import { expect, it } from 'vitest';
import { analyseAspects } from '../../../src/lib/reviews/aspects';
import { monitorSentiment } from '../../../src/lib/reviews/monitor';
import { defaultShop } from '../demo/shop-fixture';

// The demo shop plants one pattern for review analysis: a burst of delivery complaints about one
// product in one month (truth.deliverySpike). Monitoring must raise it as its top alert, from the
// star ratings and, with no ratings, from the lexicon's sentiment of the texts; aspects must name
// delivery as what drives that product's negative reviews.

interface DemoReview {
  product: string;
  stars: number;
  text: string;
  created_at: string;
}

it('finds the demo\'s planted delivery spike: monitoring (stars and text) and aspects', async () => {
  const { shop, reviews, products } = defaultShop();
  const spike = shop.truth.deliverySpike;
  const rows = reviews as unknown as DemoReview[];
  const categoryOf = new Map((products as { sku: string; category: { main: string } }[]).map((p) => [p.sku, p.category.main]));
  const columns = { times: rows.map((r) => r.created_at), product: rows.map((r) => r.product), category: rows.map((r) => categoryOf.get(r.product)) };

  const byStars = monitorSentiment({ ...columns, negative: rows.map((r) => (r.stars <= 2 ? 1 : 0)) });
  const aspects = await analyseAspects({ texts: rows.map((r) => r.text), product: columns.product, category: columns.category });
  const reviewScores = new Float64Array(rows.length);
  aspects.scores.forEach((score, s) => (reviewScores[aspects.sentences.review[s]!]! += score));
  const byText = monitorSentiment({ ...columns, negative: Array.from(reviewScores, (score) => (score < 0 ? 1 : 0)) });

  for (const [how, result] of [['stars', byStars], ['text', byText]] as const) {
    const top = result.alerts[0]!;
    console.log(`demo monitor (${how}): ${result.alerts.length} alerts; top ${top.level} ${top.group} ${top.period} ${top.negatives}/${top.reviews} negative vs baseline ${(top.baselineRate * 100).toFixed(0)}%, z ${top.z.toFixed(1)}`);
    expect([top.level, top.group, top.period]).toEqual(['product', spike.sku, spike.month]);
    // anything else alerting is the spike seen from its category or the whole shop
    expect(result.alerts.every((a) => a.period === spike.month)).toBe(true);
  }
  const drivers = aspects.drivers.filter((d) => d.level === 'product' && d.group === spike.sku);
  console.log(`demo aspects: ${spike.sku} drivers ${drivers.map((d) => `${d.aspect} ${d.negatives}/${d.sentences} z ${d.z.toFixed(1)}`).join(', ')}; ${aspects.drivers.length} drivers in all`);
  expect(drivers.map((d) => d.aspect)).toEqual([spike.aspect]);
});
