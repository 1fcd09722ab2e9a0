// products.json: a catalogue of nested documents built from the title patterns in product-vocabulary.ts.
// Each product also carries hidden traits (popularity, quality) that drive orders and review stars.
import { descriptionNotes, subcategories, type SubcategorySpec } from './product-vocabulary';
import { must, type Random } from './random';
import type { DemoMainCategory } from './types';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface Product {
  sku: string;
  title: string;
  main: DemoMainCategory;
  sub: string;
  /** What a reviewer calls it ("beans", "french press"), lower case. */
  noun: string;
  nounPlural: boolean;
  /** EUR. */
  price: number;
  slots: Record<string, string>;
  /** Relative demand; Zipf-like, so a few products sell most. */
  popularity: number;
  /** Latent quality, roughly N(0.3, 0.8); shifts review stars. */
  quality: number;
}

// Slots that say how much you get: bigger sizes cost more.
const sizeSlots = ['weight', 'capacity', 'count'] as const;

/** Fills a pattern; optional slots are left out about half the time. */
export function fillPattern(random: Random, spec: SubcategorySpec): { title: string; slots: Record<string, string> } {
  const slots: Record<string, string> = {};
  const title = spec.pattern
    .replace(/\{(\w+)(\??)\}/g, (_, name: string, optional: string) => {
      if (optional === '?' && random.chance(0.5)) return '';
      const value = random.pick(must(spec.slots[name], `slot ${name}`));
      slots[name] = value;
      return value;
    })
    .replace(/\s+/g, ' ')
    .trim();
  return { title, slots };
}

/** A title not in `taken` (compared case-insensitively); a suffix is the fallback once patterns run dry. */
export function inventTitle(random: Random, spec: SubcategorySpec, taken: Set<string>): ReturnType<typeof fillPattern> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const made = fillPattern(random, spec);
    if (!taken.has(made.title.toLowerCase())) {
      taken.add(made.title.toLowerCase());
      return made;
    }
  }
  const made = fillPattern(random, spec);
  for (let n = 2; ; n++) {
    const title = `${made.title} Edition ${n}`;
    if (!taken.has(title.toLowerCase())) {
      taken.add(title.toLowerCase());
      return { title, slots: made.slots };
    }
  }
}

/** Price multiplier for the chosen size; kettles and mugs cost little more when bigger, coffee much more. */
export function sizeFactor(spec: SubcategorySpec, slots: Record<string, string>): number {
  const step = spec.main === 'Kitchenware' ? 0.2 : 0.7;
  let factor = 1;
  for (const name of sizeSlots) {
    const value = slots[name];
    const options = spec.slots[name];
    if (value !== undefined && options !== undefined) factor *= 1 + step * options.indexOf(value);
  }
  return factor;
}

export const nounOf = (spec: SubcategorySpec, slots: Record<string, string>): string =>
  spec.noun.replace(/\{(\w+)\}/g, (_, name: string) => slots[name] ?? name).toLowerCase();

export function generateProducts(random: Random, count: number): Product[] {
  const taken = new Set<string>();
  const products: Product[] = [];
  for (let i = 0; i < count; i++) {
    const spec = random.weighted(subcategories, subcategories.map((s) => s.share));
    const { title, slots } = inventTitle(random, spec, taken);
    const raw = random.float(spec.price[0], spec.price[1]) * sizeFactor(spec, slots);
    const noun = nounOf(spec, slots);
    products.push({
      sku: '',
      title,
      main: spec.main,
      sub: spec.sub,
      noun,
      nounPlural: /(s|i)$/.test(noun) && !noun.endsWith('press'),
      price: Math.floor(raw) + random.pick([0.99, 0.49, 0.9, 0.5]),
      slots,
      popularity: 0,
      quality: random.normal(0.3, 0.8),
    });
  }
  // Skus are assigned after a shuffle so categories interleave, as they do in a real catalogue export.
  const shuffled = random.shuffle(products);
  shuffled.forEach((p, i) => {
    p.sku = `P-${String(i + 1).padStart(4, '0')}`;
  });
  const ranks = random.shuffle(shuffled.map((_, i) => i));
  shuffled.forEach((p, i) => {
    p.popularity = 1 / Math.pow(must(ranks[i], 'rank') + 4, 0.9);
  });
  return shuffled;
}

function amountOf(value: string): number {
  const n = Number.parseFloat(value.replace(/[^\d.]/g, ''));
  if (Number.isNaN(n)) return 1; // "Single Pair"
  if (/kg$|L$/.test(value)) return n * 1000;
  return n;
}

const generalTags: Readonly<Record<DemoMainCategory, readonly string[]>> = {
  Coffee: ['bestseller', 'new', 'gift idea', 'staff pick', 'limited'],
  Tea: ['bestseller', 'new', 'gift idea', 'calming', 'limited'],
  Snacks: ['vegan', 'gluten free', 'gift idea', 'bestseller', 'palm oil free'],
  Kitchenware: ['bestseller', 'gift idea', 'plastic free', 'new'],
  Apparel: ['unisex', 'new', 'gift idea', 'limited'],
};
const apparelSizes = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];

function attributesOf(random: Random, p: Product): { [key: string]: Json } {
  const attributes: { [key: string]: Json } = {};
  const tags: string[] = [];
  for (const [name, value] of Object.entries(p.slots)) {
    if (name === 'tag') tags.push(value.toLowerCase());
    else if (name === 'weight') attributes['weight_g'] = amountOf(value);
    else if (name === 'capacity') attributes['capacity_ml'] = amountOf(value);
    else if (name === 'count') attributes['count'] = amountOf(value);
    else attributes[name] = value;
  }
  for (const tag of random.shuffle(generalTags[p.main]).slice(0, random.int(0, 2))) tags.push(tag);
  // Tags are absent on some documents rather than empty: real catalogues are inconsistent that way.
  if (tags.length > 0 || random.chance(0.5)) attributes['tags'] = tags;
  if (p.main === 'Apparel' && p.sub !== 'Socks') {
    const from = random.int(0, 2);
    attributes['sizes'] = apparelSizes.slice(from, from + random.int(3, 4));
  }
  if (p.main === 'Kitchenware') {
    attributes['dishwasher_safe'] = random.chance(0.6);
    if (random.chance(0.35)) {
      attributes['dimensions_cm'] = { w: random.int(8, 25), h: random.int(8, 35), d: random.int(8, 25) };
    }
  }
  if (p.main === 'Coffee') {
    attributes['caffeinated'] = p.slots['tag'] !== 'Decaf' && p.slots['blend'] !== 'Decaffeinato';
  }
  return attributes;
}

function describe(random: Random, p: Product): string {
  const notes = random.shuffle(descriptionNotes[p.main]);
  const [a = '', b = ''] = notes;
  const origin = p.slots['origin'];
  const sentences: string[] = [];
  switch (p.main) {
    case 'Coffee':
      sentences.push(origin !== undefined
        ? random.pick([`Sourced from smallholder farms in the ${origin} highlands.`,
          `A ${origin.toLowerCase()} coffee roasted in small batches.`])
        : 'Our house blend, roasted every week.');
      sentences.push(random.pick([`Expect notes of ${a} and ${b}.`, `In the cup: ${a}, ${b} and a long finish.`]));
      break;
    case 'Tea':
      sentences.push(random.pick([`Hand-picked leaves with hints of ${a}.`, `A bright cup with ${a} and ${b}.`,
        `Steep for three minutes and enjoy notes of ${a}.`]));
      break;
    case 'Snacks':
      sentences.push(random.pick([`Baked in small batches with ${a}.`, `A little treat with ${a} and ${b}.`,
        'Perfect with an afternoon coffee.']));
      break;
    case 'Kitchenware':
      sentences.push(random.pick([`Made for ${a}.`, `Built to last and made for ${a}.`,
        `A sturdy companion for ${a}.`]));
      break;
    case 'Apparel':
      sentences.push(random.pick([`Made for ${a} and ${b}.`, `Relaxed fit, made for ${a}.`,
        'Printed with water-based inks.']));
      break;
  }
  const extras = ['Ships in plastic-free packaging.', 'Makes a great gift.', 'A customer favourite.',
    'Limited stock.', `Part of our ${p.sub.toLowerCase()} range.`, 'Free delivery over €40.'];
  for (const extra of random.shuffle(extras).slice(0, random.int(0, 2))) sentences.push(extra);
  return sentences.join(' ');
}

/** The catalogue as a JSON array; a few documents omit or mistype fields, as exports from old systems do. */
export function productsJson(random: Random, products: readonly Product[]): string {
  const docs = products.map((p) => {
    const doc: { [key: string]: Json } = {
      sku: p.sku,
      title: p.title,
      category: { main: p.main, sub: p.sub },
      // ~2% write the amount as a string: a mixed-type field for the profiler to notice.
      price: { amount: random.chance(0.02) ? p.price.toFixed(2) : p.price, currency: 'EUR' },
      attributes: attributesOf(random, p),
    };
    const roll = random.next();
    if (roll >= 0.05) doc['description'] = describe(random, p);
    else if (roll >= 0.03) doc['description'] = '';
    doc['active'] = !random.chance(0.04);
    return doc;
  });
  return JSON.stringify(docs, null, 2) + '\n';
}
