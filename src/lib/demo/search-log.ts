// search_log.csv: site-search sessions. Queries are what people type: fragments of titles, typos,
// clipped words, bare category words; a click names the product they meant, or a neighbour, or nothing.
import { clock, isoDate } from './calendar';
import { toCsv, type CsvValue } from './csv-write';
import type { Product } from './products';
import { cumulative, must, type Random } from './random';
import { sampleDay, sampleTimeOfDay, type Seasonality } from './seasonality';
import { typo } from './typos';

const queryKinds = ['partial', 'full', 'noun', 'clipped', 'typo', 'category', 'attribute'] as const;
type QueryKind = (typeof queryKinds)[number];
const kindWeights = [0.33, 0.07, 0.15, 0.1, 0.15, 0.14, 0.06];

const broadQueries = ['gift for coffee lover', 'christmas gift', 'decaf', 'organic', 'vegan snacks', 'fair trade',
  'birthday present', 'office coffee', 'sale', 'new arrivals'];

function words(title: string): string[] {
  return title.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
}

function query(random: Random, kind: QueryKind, p: Product): string {
  const tokens = words(p.title);
  switch (kind) {
    case 'full':
      return tokens.join(' ');
    case 'partial': {
      const length = Math.min(tokens.length, random.int(1, 3));
      const from = random.int(0, tokens.length - length);
      return tokens.slice(from, from + length).join(' ');
    }
    case 'noun': {
      const qualifier = Object.values(p.slots)[0]?.toLowerCase();
      return qualifier !== undefined && !qualifier.includes(p.noun) ? `${qualifier} ${p.noun}` : p.noun;
    }
    case 'clipped':
      // People type prefixes and let autocomplete do the rest: "colom cof bea".
      return random
        .shuffle(tokens)
        .slice(0, random.int(2, 3))
        .map((t) => (t.length > 4 ? t.slice(0, random.int(3, Math.min(5, t.length - 1))) : t))
        .join(' ');
    case 'typo': {
      const base = query(random, 'partial', p).split(' ');
      // Typos land in words; a mistyped "500g" would be a different product, not a misspelling.
      const wordsOnly = base.flatMap((w, i) => (/^[a-z]{3,}$/.test(w) ? [i] : []));
      const i = wordsOnly.length > 0 ? random.pick(wordsOnly) : random.int(0, base.length - 1);
      base[i] = typo(random, base[i] ?? '');
      return base.join(' ');
    }
    case 'category':
      return random.chance(0.25) ? random.pick(broadQueries) : random.pick([p.sub.toLowerCase(), p.main.toLowerCase(),
        `${p.sub.toLowerCase()} ${p.main.toLowerCase()}`]);
    case 'attribute': {
      const size = p.slots['weight'] ?? p.slots['capacity'] ?? p.slots['count'] ?? p.slots['colour'];
      return size === undefined ? p.noun : `${p.noun} ${size.toLowerCase()}`;
    }
  }
}

export function searchLogCsv(random: Random, count: number, products: readonly Product[], seasonality: Seasonality): string {
  const cum = cumulative(products.map((p) => p.popularity));
  const bySub = new Map<string, Product[]>();
  for (const p of products) bySub.set(p.sub, [...(bySub.get(p.sub) ?? []), p]);
  const rows: CsvValue[][] = [];
  while (rows.length < count) {
    const day = sampleDay(random, seasonality);
    let seconds = sampleTimeOfDay(random);
    const session = `s-${Math.floor(random.next() * 0xffffffff).toString(16).padStart(8, '0')}`;
    const intended = must(products[random.fromCumulative(cum)], 'intended product');
    const neighbours = bySub.get(intended.sub) ?? [intended];
    const queryCount = random.weighted([1, 2, 3, 4], [0.45, 0.3, 0.15, 0.1]);
    for (let q = 0; q < queryCount && rows.length < count; q++) {
      // Later queries in a session are refinements: more specific, typos fixed, more likely to end in a click.
      const kind = q === 0 ? random.weighted(queryKinds, kindWeights) : random.pick(['partial', 'full', 'noun'] as const);
      const last = q === queryCount - 1;
      const broad = kind === 'category';
      const roll = random.next();
      let clicked = '';
      if (broad) clicked = roll < 0.45 ? random.pick(neighbours).sku : '';
      else if (roll < (last ? 0.62 : 0.3)) clicked = intended.sku;
      else if (roll < (last ? 0.74 : 0.38)) clicked = random.pick(neighbours).sku;
      const at = day + Math.floor(seconds / 86_400);
      rows.push([`${isoDate(at)} ${clock(seconds % 86_400)}`, session, query(random, kind, intended), clicked]);
      seconds += random.int(5, 120);
    }
  }
  return toCsv(['timestamp', 'session_id', 'query', 'clicked_product'], rows);
}
