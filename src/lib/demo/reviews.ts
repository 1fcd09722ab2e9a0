// reviews.ndjson: reviews of delivered order lines, stars driven by product quality, text written by
// review-text.ts to match the stars, except for ~8% label noise. One product gets a burst of delivery
// complaints in one month (pattern (b) in the truth).
import { dayFromIso, isoDateTime, isoMonth } from './calendar';
import type { Customer } from './customers';
import type { Order } from './orders';
import type { Product } from './products';
import type { Random } from './random';
import { writeReview, type ReviewSubject, type TextPolarity } from './review-text';
import { sampleTimeOfDay } from './seasonality';
import { lastReviewDay } from './timeline';

export const labelNoiseRate = 0.08;

export interface ReviewsFile {
  text: string;
  noisyIds: string[];
  spike: { sku: string; month: string; extraReviews: number };
}

interface Draft {
  product: Product;
  customer: Customer;
  day: number;
  seconds: number;
  verified: boolean;
}

// J-shaped, like real review sites: many fives, a bump at one, few in between.
const baseStarWeights = [0.14, 0.09, 0.11, 0.24, 0.42];

function sampleStars(random: Random, quality: number): number {
  const weights = baseStarWeights.map((w, i) => w * Math.exp((quality * (i - 2)) / 1.5));
  return random.weighted([1, 2, 3, 4, 5], weights);
}

const polarityOf = (stars: number): TextPolarity => (stars >= 4 ? 'positive' : stars <= 2 ? 'negative' : 'mixed');

const qualifierSlots = ['origin', 'variety', 'flavour', 'blend', 'grade', 'colour', 'print', 'style'];

function subjectOf(p: Product): ReviewSubject {
  const slot = qualifierSlots.find((s) => p.slots[s] !== undefined);
  return {
    main: p.main,
    sub: p.sub,
    noun: p.noun,
    plural: p.nounPlural,
    kind: p.main === 'Coffee' ? 'coffee' : p.main === 'Tea' && p.sub !== 'Matcha' ? `${p.sub.toLowerCase()} tea`
      : p.sub.toLowerCase(),
    qualifier: slot === undefined ? undefined : p.slots[slot]?.toLowerCase(),
  };
}

export function generateReviews(
  random: Random,
  count: number,
  orders: readonly Order[],
  customers: readonly Customer[],
): ReviewsFile {
  const eligible: Draft[] = [];
  for (const order of orders) {
    if (order.status !== 'delivered' && order.status !== 'returned') continue;
    for (const line of order.lines) {
      const day = Math.min(lastReviewDay, order.day + random.int(2, 30));
      eligible.push({ product: line.product, customer: order.customer, day, seconds: 0, verified: true });
    }
  }
  // The spike product is a well-reviewed one, so the complaints stand out against its normal tone.
  const lineCounts = new Map<Product, number>();
  for (const d of eligible) lineCounts.set(d.product, (lineCounts.get(d.product) ?? 0) + 1);
  const popular = [...lineCounts.entries()].sort((a, b) => b[1] - a[1] || (a[0].sku < b[0].sku ? -1 : 1));
  const spikeProduct = random.pick(popular.slice(0, 10).map(([p]) => p));
  const spikeMonthStart = dayFromIso(`2024-${String(random.int(2, 10)).padStart(2, '0')}-01`);
  const spikeMonth = isoMonth(spikeMonthStart);
  const extraReviews = Math.max(5, Math.round(28 * (count / 3000)));

  const drafts = random.shuffle(eligible).slice(0, Math.max(0, count - extraReviews));
  const signedUp = customers.filter((c) => c.signupDay < spikeMonthStart);
  for (let i = 0; i < extraReviews; i++) {
    // Angry customers who didn't receive it (or bought elsewhere) write too: not all are verified buyers.
    drafts.push({
      product: spikeProduct,
      customer: random.pick(signedUp.length > 0 ? signedUp : customers),
      day: spikeMonthStart + random.int(0, 27),
      seconds: 0,
      verified: random.chance(0.6),
    });
  }
  for (const d of drafts) d.seconds = sampleTimeOfDay(random);
  drafts.sort((a, b) => a.day - b.day || a.seconds - b.seconds);

  const noisyIds: string[] = [];
  const lines = drafts.map((d, i) => {
    const id = `R-${String(i + 1).padStart(6, '0')}`;
    const inSpike = d.product === spikeProduct && isoMonth(d.day) === spikeMonth && random.chance(0.85);
    const stars = inSpike ? random.weighted([1, 2, 3, 4], [0.55, 0.3, 0.1, 0.05]) : sampleStars(random, d.product.quality);
    let polarity = polarityOf(stars);
    if (!inSpike && random.chance(labelNoiseRate)) {
      // Noise mostly inverts (a slip on the star widget); sometimes it blurs into a mixed text.
      polarity = polarity === 'mixed'
        ? random.pick(['positive', 'negative'] as const)
        : random.chance(0.75) ? (polarity === 'positive' ? 'negative' : 'positive') : 'mixed';
      noisyIds.push(id);
    }
    const written = writeReview(random, {
      product: subjectOf(d.product),
      polarity,
      ...(inSpike ? { focus: { aspect: 'delivery' as const, positive: false } } : {}),
    });
    const doc: Record<string, unknown> = {
      review_id: id,
      product: d.product.sku,
      customer: d.customer.id,
      stars,
      title: written.title,
      text: written.text,
      created_at: isoDateTime(d.day, d.seconds),
    };
    if (random.chance(0.4)) {
      const up = Math.floor(Math.abs(random.normal(0, 6)));
      doc['helpful'] = { up, down: Math.floor(up * random.float(0, 0.5)) };
    }
    if (!d.verified || random.chance(0.3)) doc['verified_purchase'] = d.verified;
    return JSON.stringify(doc);
  });
  return {
    text: lines.join('\n') + '\n',
    noisyIds,
    spike: { sku: spikeProduct.sku, month: spikeMonth, extraReviews },
  };
}
