// The catalogue as data: each subcategory has a title pattern whose {slots} are filled from word lists.
// `{slot?}` may be left out. Slot values become the nested `attributes` of products.json, so titles and
// attributes agree, and supplier/search mangling has real tokens to abbreviate and reorder.
import type { DemoMainCategory } from './types';

export interface SubcategorySpec {
  main: DemoMainCategory;
  sub: string;
  pattern: string;
  slots: Readonly<Record<string, readonly string[]>>;
  /** Share of the catalogue. */
  share: number;
  /** EUR, for the smallest size; bigger sizes cost more. */
  price: readonly [number, number];
  /** What a reviewer calls it; `{kind}` etc. means "use that slot's value". */
  noun: string;
}

const coffeeOrigins = ['Colombian', 'Ethiopian', 'Brazilian', 'Kenyan', 'Guatemalan', 'Sumatran', 'Costa Rican',
  'Peruvian', 'Honduran', 'Rwandan'];
const roasts = ['Light Roast', 'Medium Roast', 'Dark Roast', 'Espresso Roast'];
const coffeeTags = ['Organic', 'Fair Trade', 'Decaf', 'Single Origin', 'Rainforest Alliance'];
const colours = ['Matte Black', 'White', 'Sage Green', 'Terracotta', 'Navy', 'Speckled Grey', 'Copper'];
const shirtColours = ['Navy', 'Black', 'White', 'Olive', 'Heather Grey', 'Burgundy', 'Sand'];
const prints = ['Coffee Lover', 'Espresso Yourself', 'But First Coffee', 'Tea Time', 'Keep Calm and Brew',
  'Bean There', 'Logo', 'Matcha Mood', 'Roast Master'];

export const subcategories: readonly SubcategorySpec[] = [
  { main: 'Coffee', sub: 'Beans', pattern: '{origin} Coffee Beans {roast?} {tag?} {weight}', share: 0.09,
    price: [8, 16], noun: 'beans',
    slots: { origin: coffeeOrigins, roast: roasts, tag: coffeeTags, weight: ['250g', '500g', '1kg'] } },
  { main: 'Coffee', sub: 'Ground', pattern: '{origin} Ground Coffee {roast?} {tag?} {weight}', share: 0.06,
    price: [6, 12], noun: 'coffee',
    slots: { origin: coffeeOrigins, roast: roasts, tag: coffeeTags, weight: ['250g', '500g', '1kg'] } },
  { main: 'Coffee', sub: 'Capsules', pattern: '{blend} Espresso Capsules {tag?} {count}', share: 0.05,
    price: [3.5, 6], noun: 'capsules',
    slots: { blend: ['Intenso', 'Lungo', 'Ristretto', 'Crema', 'Decaffeinato', 'Classico', 'Forte', 'Napoli'],
      tag: ['Organic', 'Compostable', 'Fair Trade'], count: ['x10', 'x20', 'x50'] } },
  { main: 'Coffee', sub: 'Cold Brew', pattern: '{origin?} Cold Brew {form} {capacity}', share: 0.02,
    price: [7, 12], noun: 'cold brew',
    slots: { origin: coffeeOrigins, form: ['Concentrate', 'Coffee Bags', 'Ready to Drink'],
      capacity: ['500ml', '1L'] } },
  { main: 'Tea', sub: 'Black', pattern: '{origin} Black Tea {form} {weight}', share: 0.05,
    price: [5, 11], noun: 'tea',
    slots: { origin: ['Assam', 'Darjeeling', 'Ceylon', 'Earl Grey', 'English Breakfast', 'Lapsang Souchong',
      'Kenyan', 'Yunnan'], form: ['Loose Leaf', 'Bags', 'Pyramid Bags'], weight: ['100g', '250g'] } },
  { main: 'Tea', sub: 'Green', pattern: '{variety} Green Tea {tag?} {form?} {weight}', share: 0.05,
    price: [6, 14], noun: 'tea',
    slots: { variety: ['Sencha', 'Gyokuro', 'Genmaicha', 'Bancha', 'Jasmine', 'Dragon Well', 'Gunpowder'],
      tag: ['Organic', 'First Flush', 'Japanese', 'Chinese'], form: ['Loose Leaf', 'Bags'],
      weight: ['50g', '100g', '250g'] } },
  { main: 'Tea', sub: 'Herbal', pattern: '{flavour} Herbal Tea {tag?} {count}', share: 0.05,
    price: [3.5, 7], noun: 'tea',
    slots: { flavour: ['Chamomile', 'Peppermint', 'Rooibos', 'Hibiscus', 'Lemon Ginger', 'Lavender', 'Fennel',
      'Nettle', 'Wild Berry', 'Turmeric'], tag: ['Organic', 'Caffeine Free'], count: ['20 Bags', '40 Bags'] } },
  { main: 'Tea', sub: 'Matcha', pattern: '{grade} Matcha Powder {tag?} {weight}', share: 0.03,
    price: [12, 24], noun: 'matcha',
    slots: { grade: ['Ceremonial', 'Premium', 'Culinary', 'Daily', 'Uji'], tag: ['Organic', 'Japanese', 'Stone Ground'],
      weight: ['30g', '50g', '100g'] } },
  { main: 'Snacks', sub: 'Chocolate', pattern: '{cocoa} Chocolate {flavour?} {weight}', share: 0.07,
    price: [2.5, 5], noun: 'chocolate',
    slots: { cocoa: ['Dark 70%', 'Dark 85%', 'Dark 55%', 'Milk', 'White', 'Ruby', 'Oat Milk'],
      flavour: ['Sea Salt', 'Orange', 'Almond', 'Hazelnut', 'Raspberry', 'Chili', 'Caramel', 'Mint', 'Coffee Nib'],
      weight: ['80g', '100g', '200g'] } },
  { main: 'Snacks', sub: 'Biscuits', pattern: '{flavour} {kind} {weight}', share: 0.05,
    price: [3, 6], noun: '{kind}',
    slots: { flavour: ['Almond', 'Chocolate Chip', 'Butter', 'Oat', 'Lemon', 'Ginger', 'Cinnamon', 'Pistachio'],
      kind: ['Biscotti', 'Shortbread', 'Cookies', 'Amaretti', 'Stroopwafels'], weight: ['150g', '200g', '400g'] } },
  { main: 'Snacks', sub: 'Nuts', pattern: '{style} {nut} {flavour?} {weight}', share: 0.05,
    price: [3, 7], noun: '{nut}',
    slots: { style: ['Roasted', 'Salted', 'Raw', 'Honey Roasted', 'Smoked'],
      nut: ['Almonds', 'Cashews', 'Pistachios', 'Macadamias', 'Pecans', 'Mixed Nuts', 'Hazelnuts'],
      flavour: ['Rosemary', 'Chili Lime', 'Sea Salt', 'Paprika'], weight: ['150g', '300g', '500g'] } },
  { main: 'Snacks', sub: 'Dried Fruit', pattern: 'Dried {fruit} {form?} {tag?} {weight}', share: 0.04,
    price: [3, 6], noun: '{fruit}',
    slots: { fruit: ['Mango', 'Apricots', 'Figs', 'Cranberries', 'Dates', 'Apple Rings', 'Pineapple', 'Cherries'],
      form: ['Slices', 'Pieces', 'Whole'], tag: ['Organic', 'Unsulphured', 'No Added Sugar'],
      weight: ['150g', '250g', '500g'] } },
  { main: 'Kitchenware', sub: 'Grinders', pattern: '{style} {kind} Coffee Grinder {material?}', share: 0.03,
    price: [25, 160], noun: 'grinder',
    slots: { style: ['Manual', 'Electric', 'Compact', 'Hand'], kind: ['Burr', 'Conical Burr', 'Flat Burr', 'Blade'],
      material: ['Stainless Steel', 'Ceramic', 'Walnut Wood', 'Aluminium'] } },
  { main: 'Kitchenware', sub: 'Mugs', pattern: '{material} Mug {capacity} {colour}', share: 0.05,
    price: [9, 16], noun: 'mug',
    slots: { material: ['Ceramic', 'Enamel', 'Stoneware', 'Glass', 'Double Wall Glass', 'Porcelain'],
      capacity: ['250ml', '350ml', '450ml'], colour: colours } },
  { main: 'Kitchenware', sub: 'Kettles', pattern: '{style} Kettle {capacity} {colour}', share: 0.02,
    price: [35, 90], noun: 'kettle',
    slots: { style: ['Gooseneck', 'Electric Gooseneck', 'Stovetop', 'Temperature Control'],
      capacity: ['0.8L', '1L', '1.2L'], colour: ['Copper', 'Matte Black', 'Stainless Steel', 'White'] } },
  { main: 'Kitchenware', sub: 'Brewers', pattern: '{kind} {capacity?} {material}', share: 0.04,
    price: [18, 55], noun: '{kind}',
    slots: { kind: ['French Press', 'Pour Over Dripper', 'Moka Pot', 'Cold Brew Jar', 'Carafe', 'Teapot',
      'Siphon Brewer'], capacity: ['350ml', '600ml', '1L'],
      material: ['Glass', 'Stainless Steel', 'Ceramic', 'Borosilicate Glass', 'Cast Iron'] } },
  { main: 'Kitchenware', sub: 'Filters', pattern: '{kind} Coffee Filters {size} {count}', share: 0.02,
    price: [3, 8], noun: 'filters',
    slots: { kind: ['Paper', 'Unbleached Paper', 'Reusable Cloth', 'Stainless Mesh', 'Bamboo Paper'],
      size: ['Size 01', 'Size 02', 'Size 4'], count: ['x50', 'x100', 'x200'] } },
  { main: 'Kitchenware', sub: 'Tea Accessories', pattern: '{material} {kind} {colour?}', share: 0.03,
    price: [6, 30], noun: '{kind}',
    slots: { kind: ['Matcha Whisk', 'Tea Infuser', 'Tea Strainer', 'Matcha Bowl', 'Tea Tin', 'Whisk Holder'],
      material: ['Bamboo', 'Stainless Steel', 'Ceramic', 'Cast Iron', 'Tin'], colour: colours } },
  { main: 'Apparel', sub: 'T-Shirts', pattern: '{print} T-Shirt {material} {colour}', share: 0.06,
    price: [19, 29], noun: 'shirt',
    slots: { print: prints, material: ['Organic Cotton', 'Cotton', 'Recycled Cotton Blend'], colour: shirtColours } },
  { main: 'Apparel', sub: 'Hoodies', pattern: '{print} Hoodie {material?} {colour}', share: 0.04,
    price: [39, 59], noun: 'hoodie',
    slots: { print: prints, material: ['Organic Cotton', 'Fleece', 'Recycled Polyester'], colour: shirtColours } },
  { main: 'Apparel', sub: 'Caps', pattern: '{print} {kind} {colour}', share: 0.04,
    price: [15, 25], noun: '{kind}',
    slots: { print: prints, kind: ['Cap', 'Beanie', 'Bucket Hat', 'Snapback'], colour: shirtColours } },
  { main: 'Apparel', sub: 'Aprons', pattern: '{kind} Apron {material} {colour}', share: 0.03,
    price: [22, 45], noun: 'apron',
    slots: { kind: ['Barista', 'Chef', 'Bib', 'Cross Back'], material: ['Canvas', 'Denim', 'Linen', 'Waxed Cotton'],
      colour: ['Brown', 'Black', 'Olive', 'Indigo', 'Natural'] } },
  { main: 'Apparel', sub: 'Socks', pattern: '{print} Socks {count}', share: 0.03,
    price: [8, 12], noun: 'socks',
    slots: { print: prints, count: ['Single Pair', 'Pack of 2', 'Pack of 3'] } },
];

/** Tasting notes and selling points for descriptions, by main category. */
export const descriptionNotes: Readonly<Record<DemoMainCategory, readonly string[]>> = {
  Coffee: ['dark chocolate', 'caramel', 'citrus', 'red berries', 'toasted nuts', 'honey', 'stone fruit', 'spice',
    'brown sugar', 'jasmine'],
  Tea: ['malt', 'honey', 'fresh grass', 'citrus peel', 'seaweed', 'flowers', 'smoke', 'toasted rice', 'mint'],
  Snacks: ['sea salt', 'butter', 'vanilla', 'roasted almonds', 'dark cocoa', 'orange zest', 'cinnamon'],
  Kitchenware: ['everyday brewing', 'slow mornings', 'the office', 'camping trips', 'small kitchens'],
  Apparel: ['early shifts', 'weekend markets', 'the café counter', 'lazy Sundays', 'cold mornings'],
};
