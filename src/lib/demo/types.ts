// Public types of the demo shop. DemoTruth is plain JSON so it can cross a worker boundary, be written as
// ground_truth.json by the CLI, and be diffed in tests.

export interface DemoOptions {
  /** PRNG seed; the same seed gives byte-identical files. Default 42. */
  seed?: number;
  /** Multiplies every row count (customers, products, orders, reviews, searches). Default 1. */
  scale?: number;
}

export const demoMediaTypes = ['text/csv', 'application/json', 'application/x-ndjson'] as const;
export type DemoMediaType = (typeof demoMediaTypes)[number];

export interface DemoFile {
  name: string;
  mediaType: DemoMediaType;
  text: string;
  /** One or two sentences for the UI's file list. */
  description: string;
}

export interface DemoShop {
  files: DemoFile[];
  truth: DemoTruth;
}

export const demoCardinalities = ['1:1', '1:n', 'n:1', 'n:m'] as const;
export type DemoCardinality = (typeof demoCardinalities)[number];

/**
 * How the two columns' values line up: `exact` as written; `normalised` after trimming, case-folding and
 * re-padding ids (orders.CustomerID holds `12` and `c-00012` for `C-00012`); `fuzzy` only by similarity.
 */
export const demoKeyMatches = ['exact', 'normalised', 'fuzzy'] as const;
export type DemoKeyMatch = (typeof demoKeyMatches)[number];

export interface DemoRelationship {
  fromFile: string;
  fromColumn: string;
  toFile: string;
  toColumn: string;
  /** Read left to right: `n:1` means many fromFile rows point at one toFile row. */
  cardinality: DemoCardinality;
  keyMatch: DemoKeyMatch;
}

export const demoMainCategories = ['Coffee', 'Tea', 'Snacks', 'Kitchenware', 'Apparel'] as const;
export type DemoMainCategory = (typeof demoMainCategories)[number];

/** Hidden behavioural segments; not a column anywhere (customers.csv `segment` is an unrelated marketing tier). */
export const demoSegments = ['coffee-lover', 'tea-drinker', 'snacker', 'gift-shopper'] as const;
export type DemoSegment = (typeof demoSegments)[number];

export const demoAspects = ['price', 'delivery', 'quality', 'taste', 'fit', 'service', 'packaging'] as const;
export type DemoAspect = (typeof demoAspects)[number];

export interface DemoBundle {
  skus: string[];
  /** Share of orders into which the whole bundle was planted (before ordinary co-purchases). */
  plantedRate: number;
}

export interface DemoTruth {
  seed: number;
  scale: number;
  relationships: DemoRelationship[];
  /** Each inner list is one person registered under several customer_ids; the first is the original. */
  duplicateCustomers: string[][];
  /** supplier_catalogue.csv data row index (0 = first row after the header) -> products.sku, null if unsold. */
  supplierMatches: (string | null)[];
  /** order_ids whose row appears more than once, verbatim, in orders.csv. */
  duplicateOrderRows: string[];
  bundles: DemoBundle[];
  /** One product whose reviews in one month (`YYYY-MM`) turn into delivery complaints. */
  deliverySpike: { sku: string; month: string; aspect: DemoAspect; extraReviews: number };
  seasonality: {
    /** Relative order rate Monday..Sunday. */
    weekdayWeights: number[];
    /** Calendar month (1-12) with the highest order rate. */
    peakMonth: number;
    /** The planted anomalous week, Monday..Sunday as ISO dates, and its order-rate multiplier. */
    anomalyWeek: { start: string; end: string; multiplier: number };
  };
  segments: {
    /** Share of each segment's order lines that falls in each main category. */
    preferences: Record<DemoSegment, Record<DemoMainCategory, number>>;
    byCustomer: Record<string, DemoSegment>;
  };
  reviews: {
    /** review_ids whose stars disagree with their text (label noise, on purpose). */
    noisyLabels: string[];
    labelNoiseRate: number;
  };
  /** Orders from US customers are billed in USD at this rate; order_lines.unit_price is always EUR. */
  usdPerEur: number;
}
