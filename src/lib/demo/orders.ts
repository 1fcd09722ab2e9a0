// The order book as a model: who bought what, when. Files are written from it in order-files.ts.
// Customers are drawn by activity among those already signed up; products by the customer's segment
// preferences and product popularity; bundles are planted on top.
import { bundleCompletion, bundleRate } from './bundles';
import type { Customer } from './customers';
import type { Product } from './products';
import { cumulative, must, type Random } from './random';
import { sampleDay, sampleTimeOfDay, type Seasonality } from './seasonality';
import { segmentPreferences } from './segments';
import { lastOrderDay } from './timeline';
import { demoMainCategories, type DemoMainCategory } from './types';

export const orderStatuses = ['delivered', 'shipped', 'processing', 'cancelled', 'returned'] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const orderChannels = ['web', 'mobile app', 'marketplace', 'phone'] as const;
export type OrderChannel = (typeof orderChannels)[number];

export interface OrderLine {
  product: Product;
  quantity: number;
  /** EUR, after any line discount. */
  unitPrice: number;
}

export interface Order {
  id: string;
  day: number;
  seconds: number;
  customer: Customer;
  status: OrderStatus;
  channel: OrderChannel;
  lines: OrderLine[];
}

export interface OrderPlan {
  count: number;
  customers: readonly Customer[];
  products: readonly Product[];
  bundles: readonly Product[][];
  seasonality: Seasonality;
}

/** Picks, among customers sorted by signup, one who had signed up by `day`, weighted by activity. */
function customerPicker(random: Random, customers: readonly Customer[]): (day: number) => Customer {
  const cum = cumulative(customers.map((c) => c.activity));
  const signups = customers.map((c) => c.signupDay);
  return (day) => {
    // k = number of customers with signupDay <= day.
    let lo = 0;
    let hi = signups.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((signups[mid] ?? 0) <= day) lo = mid + 1;
      else hi = mid;
    }
    const k = Math.max(1, lo);
    const u = random.next() * (cum[k - 1] ?? 0);
    lo = 0;
    hi = k - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cum[mid] ?? 0) > u) hi = mid;
      else lo = mid + 1;
    }
    return must(customers[lo], 'customer');
  };
}

/** Per main category, its products and a popularity table to draw from. */
function productPicker(random: Random, products: readonly Product[]): (main: DemoMainCategory) => Product | undefined {
  const byMain = new Map<DemoMainCategory, { items: Product[]; cum: Float64Array }>();
  for (const main of demoMainCategories) {
    const items = products.filter((p) => p.main === main);
    byMain.set(main, { items, cum: cumulative(items.map((p) => p.popularity)) });
  }
  return (main) => {
    const entry = byMain.get(main);
    if (entry === undefined || entry.items.length === 0) return undefined;
    return entry.items[random.fromCumulative(entry.cum)];
  };
}

function statusFor(random: Random, day: number): OrderStatus {
  if (lastOrderDay - day < 7) return random.weighted(['processing', 'shipped'] as const, [0.4, 0.6]);
  return random.weighted(['delivered', 'cancelled', 'returned', 'shipped'] as const, [0.9, 0.045, 0.04, 0.015]);
}

function lineFor(random: Random, product: Product): OrderLine {
  const quantity = random.weighted([1, 2, 3, 4, 6], [0.72, 0.18, 0.06, 0.03, 0.01]);
  const discounted = random.chance(0.1);
  const unitPrice = discounted ? Math.round(product.price * 90) / 100 : product.price;
  return { product, quantity, unitPrice };
}

export function generateOrders(random: Random, plan: OrderPlan): Order[] {
  const pickCustomer = customerPicker(random, plan.customers);
  const pickProduct = productPicker(random, plan.products);
  const bundleOf = new Map<string, readonly Product[]>();
  for (const bundle of plan.bundles) for (const p of bundle) bundleOf.set(p.sku, bundle);

  const orders: Order[] = [];
  for (let i = 0; i < plan.count; i++) {
    const day = sampleDay(random, plan.seasonality);
    const customer = pickCustomer(day);
    const prefs = segmentPreferences[customer.segment];
    const lineCount = random.weighted([1, 2, 3, 4, 5, 6], [0.35, 0.3, 0.18, 0.1, 0.05, 0.02]);
    const chosen = new Map<string, Product>();
    const add = (p: Product): void => {
      chosen.set(p.sku, p);
    };
    for (let k = 0, tries = 0; k < lineCount && tries < lineCount * 4; tries++) {
      const main = random.weighted(demoMainCategories, demoMainCategories.map((m) => prefs[m]));
      const product = pickProduct(main);
      if (product === undefined || chosen.has(product.sku)) continue;
      add(product);
      k++;
      const bundle = bundleOf.get(product.sku);
      if (bundle !== undefined && random.chance(bundleCompletion)) bundle.forEach(add);
    }
    for (const bundle of plan.bundles) if (random.chance(bundleRate)) bundle.forEach(add);
    orders.push({
      id: '',
      day,
      seconds: sampleTimeOfDay(random),
      customer,
      status: statusFor(random, day),
      channel: random.weighted(orderChannels, [0.55, 0.3, 0.1, 0.05]),
      lines: [...chosen.values()].map((p) => lineFor(random, p)),
    });
  }
  // Ids follow time, as an order-number sequence would.
  orders.sort((a, b) => a.day - b.day || a.seconds - b.seconds);
  orders.forEach((o, i) => {
    o.id = `O-${100_001 + i}`;
  });
  return orders;
}

/** Order total in EUR (the shop's currency), from the true line values. */
export const orderTotalEur = (order: Order): number =>
  Math.round(order.lines.reduce((sum, l) => sum + l.quantity * l.unitPrice * 100, 0)) / 100;
