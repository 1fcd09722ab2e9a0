// Behavioural segments drive which categories a customer buys from, so a clustering of customers by
// basket mix has a known answer (pattern (d) in the truth).
import type { DemoMainCategory, DemoSegment } from './types';

export const segmentShares: Record<DemoSegment, number> = {
  'coffee-lover': 0.38,
  'tea-drinker': 0.27,
  snacker: 0.2,
  'gift-shopper': 0.15,
};

// Each row sums to 1. The diagonals are strong but not exclusive, as real baskets are.
export const segmentPreferences: Record<DemoSegment, Record<DemoMainCategory, number>> = {
  'coffee-lover': { Coffee: 0.58, Tea: 0.05, Snacks: 0.12, Kitchenware: 0.2, Apparel: 0.05 },
  'tea-drinker': { Coffee: 0.06, Tea: 0.6, Snacks: 0.14, Kitchenware: 0.15, Apparel: 0.05 },
  snacker: { Coffee: 0.15, Tea: 0.12, Snacks: 0.6, Kitchenware: 0.05, Apparel: 0.08 },
  'gift-shopper': { Coffee: 0.1, Tea: 0.07, Snacks: 0.1, Kitchenware: 0.35, Apparel: 0.38 },
};
