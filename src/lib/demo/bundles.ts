// Products bought together on purpose (pattern (a) in the truth): market-basket analysis should find
// these rules with high lift, above the noise of ordinary co-purchases.
import type { Product } from './products';
import type { Random } from './random';

/** Share of orders into which a whole bundle is planted. */
export const bundleRate = 0.025;
/** When one bundle item is bought anyway, chance that the rest come along. */
export const bundleCompletion = 0.35;

// Each recipe names subcategories and a preferred noun, so bundles make sense to a person reading them.
const recipes: readonly (readonly { sub: string; prefer?: RegExp }[])[] = [
  [{ sub: 'Beans' }, { sub: 'Grinders' }, { sub: 'Filters' }],
  [{ sub: 'Matcha' }, { sub: 'Tea Accessories', prefer: /matcha/ }],
  [{ sub: 'Capsules' }, { sub: 'Biscuits', prefer: /biscotti|amaretti/ }],
];

export function planBundles(random: Random, products: readonly Product[]): Product[][] {
  const bundles: Product[][] = [];
  const used = new Set<string>();
  for (const recipe of recipes) {
    const bundle: Product[] = [];
    for (const { sub, prefer } of recipe) {
      const inSub = products.filter((p) => p.sub === sub && !used.has(p.sku));
      const preferred = prefer === undefined ? [] : inSub.filter((p) => prefer.test(p.noun));
      const pool = preferred.length > 0 ? preferred : inSub;
      if (pool.length === 0) break;
      const chosen = random.pick(pool);
      bundle.push(chosen);
      used.add(chosen.sku);
    }
    // At tiny scales a subcategory may be empty; a one-item "bundle" would be meaningless.
    if (bundle.length === recipe.length) bundles.push(bundle);
  }
  return bundles;
}
