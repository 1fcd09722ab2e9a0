// supplier_catalogue.csv: the same products as the shop, named by a supplier who never saw our skus:
// abbreviated, reordered, re-cased, mistyped, with units rewritten and costs in mixed money formats.
// Some rows are products the shop does not sell, so a matcher must also learn to say "no match".
import { toCsv } from './csv-write';
import { formatMoney, round2, type MoneyStyle } from './money';
import { subcategories } from './product-vocabulary';
import { inventTitle, sizeFactor, type Product } from './products';
import type { Random } from './random';
import { typo } from './typos';

// Phrase -> what suppliers write instead. Matched case-sensitively against our own Title Case titles.
const abbreviations: Readonly<Record<string, readonly string[]>> = {
  Organic: ['Org.', 'ORG', 'Bio'], Coffee: ['Cof.', 'Coff'], Chocolate: ['Choc.', 'Choc'],
  'Fair Trade': ['FT', 'Fairtrade'], 'Stainless Steel': ['SS', 'St. Steel', 'Inox'],
  'Medium Roast': ['Med. Roast', 'Medium'], 'Dark Roast': ['Dark', 'Dk Roast'], 'Light Roast': ['Light', 'Lt Roast'],
  Espresso: ['Esp.', 'Espr'], Capsules: ['Caps', 'Pods'], 'Green Tea': ['Grn Tea', 'Green'],
  'Loose Leaf': ['Loose', 'LL'], 'Tea Bags': ['Bags', 'TB'], 'T-Shirt': ['Tee', 'T Shirt'],
  'Double Wall': ['DW'], 'Borosilicate Glass': ['Boro Glass'], Colombian: ['Colombia', 'Col.'],
  Ethiopian: ['Ethiopia', 'Eth.'], Brazilian: ['Brazil'], Kenyan: ['Kenya'], Guatemalan: ['Guatemala'],
  Peruvian: ['Peru'], Honduran: ['Honduras'], Rwandan: ['Rwanda'], Sumatran: ['Sumatra'],
  'Costa Rican': ['Costa Rica'], Ceremonial: ['Cer.'], 'Single Origin': ['SO', 'Single Orig.'],
  Recycled: ['Rec.'], Cotton: ['Ctn'], 'Matte Black': ['Black Matte', 'Blk'], 'Heather Grey': ['Heather Gray'],
  'Pack of 3': ['3-Pack', '3pk'], 'Pack of 2': ['2-Pack', '2pk'], Herbal: ['Herb.'], Hoodie: ['Hoody', 'Hooded Sweat'],
  Grinder: ['Mill'], 'Honey Roasted': ['Honey Rst'], Decaf: ['Decaffeinated', 'DECAF'],
};

function rewriteUnit(random: Random, token: string): string {
  const mass = /^(\d+(?:\.\d+)?)(g|kg)$/.exec(token);
  if (mass) {
    const grams = Number(mass[1]) * (mass[2] === 'kg' ? 1000 : 1);
    return random.pick([`${grams} g`, `${grams / 1000}KG`, `${grams}gr`, `${grams}G`]);
  }
  const volume = /^(\d+(?:\.\d+)?)(ml|L)$/.exec(token);
  if (volume) {
    const ml = Number(volume[1]) * (volume[2] === 'L' ? 1000 : 1);
    return random.pick([`${ml} ml`, `${ml / 1000}L`, `${ml / 10}cl`, `${ml}ML`]);
  }
  const count = /^x(\d+)$/.exec(token);
  if (count) return random.pick([`${count[1]} pcs`, `${count[1]}x`, `${count[1]} ct`, `(${count[1]})`]);
  return token;
}

/** One supplier's spelling of a product title. */
export function mangleTitle(random: Random, title: string, slots: Record<string, string>): string {
  let name = title;
  // Move a modifier (tag, roast, colour, material) to the front or back: "Organic Colombian Coffee Beans".
  const movable = ['tag', 'roast', 'colour', 'material', 'origin'].flatMap((k) => slots[k] ?? []);
  if (movable.length > 0 && random.chance(0.5)) {
    const phrase = random.pick(movable);
    if (name.includes(phrase)) {
      const rest = name.replace(phrase, '').replace(/\s+/g, ' ').trim();
      name = random.chance(0.6) ? `${phrase} ${rest}` : `${rest} ${phrase}`;
    }
  }
  for (const [phrase, options] of Object.entries(abbreviations)) {
    if (name.includes(phrase) && random.chance(0.45)) name = name.replace(phrase, random.pick(options));
  }
  name = name.split(' ').map((t) => (random.chance(0.6) ? rewriteUnit(random, t) : t)).join(' ');
  if (random.chance(0.3)) {
    const words = name.split(' ');
    const i = random.int(0, words.length - 1);
    words[i] = typo(random, words[i] ?? '');
    name = words.join(' ');
  }
  if (random.chance(0.15)) {
    // Ledger style: "COFFEE BEANS, COLOMBIAN, 500G" – commas inside a field, so the CSV needs quoting.
    const words = name.split(' ');
    const cut = random.int(1, Math.max(1, words.length - 1));
    name = `${words.slice(cut).join(' ')}, ${words.slice(0, cut).join(' ')}`;
  }
  const caseRoll = random.next();
  if (caseRoll < 0.4) return name.toUpperCase();
  if (caseRoll < 0.55) return name.toLowerCase();
  return name;
}

const notes = ['', '', '', '', '', '', '', '', 'Discontinued, last batch', 'New harvest\nPrices valid until 31.12.',
  'Price incl. 5% discount', 'Ships from Rotterdam', 'Minimum 2 cartons', 'Seasonal item',
  'Replaces item 4411\n(see "spring list")'];

const moneyStyles: readonly MoneyStyle[] = ['eur-continental', 'eur-suffix', 'eur-code', 'usd', 'eur-symbol'];

export interface SupplierCatalogue {
  text: string;
  /** Data row index -> sku, or null for a product the shop does not sell. */
  matches: (string | null)[];
}

export function supplierCatalogue(random: Random, products: readonly Product[], usdPerEur: number): SupplierCatalogue {
  const taken = new Set(products.map((p) => p.title.toLowerCase()));
  const listed = random.shuffle(products).slice(0, Math.round(products.length * 0.62));
  const entries: { title: string; slots: Record<string, string>; price: number; main: string; sku: string | null }[] =
    listed.map((p) => ({ title: p.title, slots: p.slots, price: p.price, main: p.main, sku: p.sku }));
  const unsoldCount = Math.round(listed.length * 0.2);
  for (let i = 0; i < unsoldCount; i++) {
    const spec = random.weighted(subcategories, subcategories.map((s) => s.share));
    const { title, slots } = inventTitle(random, spec, taken);
    const price = random.float(spec.price[0], spec.price[1]) * sizeFactor(spec, slots);
    entries.push({ title, slots, price, main: spec.main, sku: null });
  }
  const rows = random.shuffle(entries);
  const itemNumbers = random.shuffle(rows.map((_, i) => 10_000 + i * 7 + random.int(0, 6)));
  const csvRows = rows.map((entry, i) => {
    const consumable = entry.main !== 'Kitchenware' && entry.main !== 'Apparel';
    // Trade packs up to pallets, so costs run into the thousands and thousands separators appear.
    const pack = consumable ? random.pick([1, 1, 6, 12, 24, 48, 144, 288]) : random.pick([1, 1, 4, 10, 24, 50]);
    const costEur = round2(entry.price * random.float(0.38, 0.62) * pack);
    const style = random.weighted(moneyStyles, [0.3, 0.2, 0.15, 0.15, 0.2]);
    const cost = style === 'usd' ? round2(costEur * usdPerEur) : costEur;
    return [
      `SUP-${itemNumbers[i] ?? i}`,
      mangleTitle(random, entry.title, entry.slots),
      pack,
      formatMoney(cost, style),
      random.pick([1, 1, 2, 5, 10]),
      random.pick(notes),
    ];
  });
  return {
    text: toCsv(['supplier_item_no', 'product_name', 'pack_size', 'cost', 'min_order_qty', 'notes'], csvRows),
    matches: rows.map((e) => e.sku),
  };
}
