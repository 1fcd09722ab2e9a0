// Builds the whole demo shop: models first (customers, products, orders), then each file from its model,
// then the truth. Every part draws from its own derived random stream, so changing how one file is
// written leaves the others byte-identical.
import { AppError } from '../errors';
import { isoDate } from './calendar';
import { planBundles, bundleRate } from './bundles';
import { customersCsv, generateCustomers } from './customers';
import { orderLinesCsv, ordersCsv } from './order-files';
import { generateOrders } from './orders';
import { generateProducts, productsJson } from './products';
import { createRandom } from './random';
import { generateReviews, labelNoiseRate } from './reviews';
import { searchLogCsv } from './search-log';
import { anomalyMultiplier, planSeasonality, weekdayWeights } from './seasonality';
import { segmentPreferences } from './segments';
import { supplierCatalogue } from './supplier';
import type { DemoFile, DemoOptions, DemoRelationship, DemoSegment, DemoShop } from './types';

export const defaultSeed = 42;
/** Fixed so totals can be checked against line items; a demo has no business fetching live rates. */
const usdPerEur = 1.1;

// Row counts at scale 1; the minimums keep tiny scales meaningful (every category, some orders).
const baseCounts = { customers: 2000, products: 400, orders: 5000, reviews: 3000, searches: 4000 } as const;
const minCounts = { customers: 30, products: 40, orders: 60, reviews: 30, searches: 40 } as const;

const relationships: DemoRelationship[] = [
  { fromFile: 'orders.csv', fromColumn: 'CustomerID', toFile: 'customers.csv', toColumn: 'customer_id',
    cardinality: 'n:1', keyMatch: 'normalised' },
  { fromFile: 'order_lines.csv', fromColumn: 'order_id', toFile: 'orders.csv', toColumn: 'order_id',
    cardinality: 'n:1', keyMatch: 'exact' },
  { fromFile: 'order_lines.csv', fromColumn: 'product_sku', toFile: 'products.json', toColumn: 'sku',
    cardinality: 'n:1', keyMatch: 'exact' },
  { fromFile: 'reviews.ndjson', fromColumn: 'product', toFile: 'products.json', toColumn: 'sku',
    cardinality: 'n:1', keyMatch: 'exact' },
  { fromFile: 'reviews.ndjson', fromColumn: 'customer', toFile: 'customers.csv', toColumn: 'customer_id',
    cardinality: 'n:1', keyMatch: 'exact' },
  { fromFile: 'search_log.csv', fromColumn: 'clicked_product', toFile: 'products.json', toColumn: 'sku',
    cardinality: 'n:1', keyMatch: 'exact' },
  { fromFile: 'supplier_catalogue.csv', fromColumn: 'product_name', toFile: 'products.json', toColumn: 'title',
    cardinality: '1:1', keyMatch: 'fuzzy' },
];

function checkOptions(options: DemoOptions): { seed: number; scale: number } {
  const seed = options.seed ?? defaultSeed;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(seed)) {
    throw new AppError('input-malformed', `The demo seed must be a whole number, got ${seed}. Pick another seed.`, { seed });
  }
  if (!Number.isFinite(scale) || scale <= 0 || scale > 100) {
    throw new AppError('input-malformed', `The demo scale must be above 0 and at most 100, got ${scale}.`, { scale });
  }
  return { seed, scale };
}

export function generateDemoShop(options: DemoOptions = {}): DemoShop {
  const { seed, scale } = checkOptions(options);
  const count = (key: keyof typeof baseCounts): number => Math.max(minCounts[key], Math.round(baseCounts[key] * scale));
  const root = createRandom(seed);

  const { customers, clusters } = generateCustomers(root.derive('customers'), count('customers'));
  const products = generateProducts(root.derive('products'), count('products'));
  const seasonality = planSeasonality(root.derive('seasonality'));
  const bundles = planBundles(root.derive('bundles'), products);
  const orders = generateOrders(root.derive('orders'), {
    count: count('orders'), customers, products, bundles, seasonality,
  });
  const ordersFile = ordersCsv(root.derive('orders.csv'), orders, usdPerEur);
  const supplier = supplierCatalogue(root.derive('supplier'), products, usdPerEur);
  const reviews = generateReviews(root.derive('reviews'), count('reviews'), orders, customers);

  const files: DemoFile[] = [
    { name: 'customers.csv', mediaType: 'text/csv', text: customersCsv(root.derive('customers.csv'), customers),
      description: 'Registered customers. Some people registered twice; dates come in three formats.' },
    { name: 'products.json', mediaType: 'application/json', text: productsJson(root.derive('products.json'), products),
      description: 'The shop catalogue as nested JSON documents: category, price and attributes per product.' },
    { name: 'supplier_catalogue.csv', mediaType: 'text/csv', text: supplier.text,
      description: "A supplier's price list. It names products by title only, spelled its own way." },
    { name: 'orders.csv', mediaType: 'text/csv', text: ordersFile.text,
      description: 'Orders with customer, date, total, status and channel, as exported from the shop system.' },
    { name: 'order_lines.csv', mediaType: 'text/csv', text: orderLinesCsv(root.derive('order_lines.csv'), orders),
      description: 'What each order contained: product, quantity and unit price in EUR.' },
    { name: 'reviews.ndjson', mediaType: 'application/x-ndjson', text: reviews.text,
      description: 'Product reviews, one JSON object per line: stars, title, free text.' },
    { name: 'search_log.csv', mediaType: 'text/csv',
      text: searchLogCsv(root.derive('search_log.csv'), count('searches'), products, seasonality),
      description: 'Site-search queries by session, and the product clicked, if any.' },
  ];

  const byCustomer: Record<string, DemoSegment> = {};
  for (const c of customers) byCustomer[c.id] = c.segment;
  return {
    files,
    truth: {
      seed,
      scale,
      relationships,
      duplicateCustomers: clusters,
      supplierMatches: supplier.matches,
      duplicateOrderRows: ordersFile.duplicateIds,
      bundles: bundles.map((b) => ({ skus: b.map((p) => p.sku), plantedRate: bundleRate })),
      deliverySpike: { ...reviews.spike, aspect: 'delivery' },
      seasonality: {
        weekdayWeights: [...weekdayWeights],
        peakMonth: seasonality.peakMonth,
        anomalyWeek: {
          start: isoDate(seasonality.anomalyStartDay),
          end: isoDate(seasonality.anomalyStartDay + 6),
          multiplier: anomalyMultiplier,
        },
      },
      segments: { preferences: segmentPreferences, byCustomer },
      reviews: { noisyLabels: reviews.noisyIds, labelNoiseRate },
      usdPerEur,
    },
  };
}
