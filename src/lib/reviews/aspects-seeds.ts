// The aspects shoppers write about, as seed keyword lists: a sentence is about an aspect when it
// holds one of its keywords (a word, or a phrase of words in a row). Users can replace or extend
// the list; `description` is what embedding similarity compares sentences with, when sentence
// vectors are given. Inflected forms are listed, not stemmed: a stemmer would fold "ship" into
// "shipment" but also "fits" into "fit" and "fitted" into "fitting" in ways hard to predict.

export interface AspectDefinition {
  name: string;
  /** A sentence that says what the aspect is about, for embedding similarity. */
  description: string;
  /** Lower-case words or phrases; a phrase matches its words in a row. */
  keywords: readonly string[];
}

export const defaultAspects: readonly AspectDefinition[] = Object.freeze([
  {
    name: 'price',
    description: 'The price of the product and whether it is good value for money.',
    keywords: ['price', 'prices', 'priced', 'pricey', 'pricing', 'cost', 'costs', 'costly', 'expensive', 'overpriced', 'affordable', 'bargain', 'value', 'money', 'cheaper', 'discount', 'deal', 'rip-off', 'ripped off', 'worth it', 'worth every'],
  },
  {
    name: 'delivery',
    description: 'Delivery and shipping: how fast the parcel arrived and how the courier handled it.',
    keywords: ['delivery', 'deliveries', 'delivered', 'deliver', 'shipping', 'shipped', 'shipment', 'ship', 'courier', 'parcel', 'parcels', 'postage', 'post', 'posted', 'arrive', 'arrived', 'arrival', 'arrives', 'dispatch', 'dispatched', 'tracking', 'transit', 'depot', 'doorstep', 'came in'],
  },
  {
    name: 'quality',
    description: 'The quality of the product: how well it is made, its materials and how long it lasts.',
    keywords: ['quality', 'build', 'built', 'made', 'material', 'materials', 'durable', 'sturdy', 'flimsy', 'broke', 'broken', 'crack', 'cracked', 'defect', 'defective', 'faulty', 'fabric', 'stitching', 'seam', 'seams', 'finish', 'finished', 'lasts', 'last for', 'wash', 'washes', 'handle', 'lid', 'leaks', 'leaky', 'batch', 'consistent', 'inconsistent'],
  },
  {
    name: 'taste',
    description: 'How the food or drink tastes and smells: its flavour, aroma, freshness and texture.',
    keywords: ['taste', 'tastes', 'tasted', 'tasty', 'tasteless', 'flavour', 'flavours', 'flavor', 'flavors', 'flavourless', 'aroma', 'smell', 'smells', 'aftertaste', 'bitter', 'sweet', 'sour', 'stale', 'fresh', 'freshness', 'delicious', 'texture', 'crunchy', 'bland', 'roast', 'roasted', 'brew', 'brews', 'cup', 'espresso', 'crema'],
  },
  {
    name: 'size',
    description: 'Size and fit: whether it fits, runs small or large, and its dimensions or capacity.',
    keywords: ['size', 'sizes', 'sizing', 'fit', 'fits', 'fitted', 'fitting', 'small', 'smaller', 'big', 'bigger', 'large', 'larger', 'tight', 'baggy', 'length', 'sleeves', 'capacity', 'dimensions', 'compact', 'bulky', 'tiny', 'size chart', 'true to size'],
  },
  {
    name: 'service',
    description: 'Customer service: how the seller and support team answered and solved problems.',
    keywords: ['service', 'support', 'seller', 'shop', 'staff', 'team', 'customer service', 'reply', 'replied', 'replies', 'response', 'responded', 'respond', 'answered', 'answer', 'email', 'emails', 'contacted', 'refund', 'refunded', 'replaced', 'replacement', 'complaint'],
  },
  {
    name: 'packaging',
    description: 'Packaging: the box, wrapping, seal and padding the product came in.',
    keywords: ['packaging', 'packaged', 'packed', 'packing', 'box', 'boxes', 'wrapping', 'wrapped', 'seal', 'sealed', 'resealable', 'padding', 'padded', 'plastic', 'recyclable', 'tin', 'container', 'bubble wrap'],
  },
]);
