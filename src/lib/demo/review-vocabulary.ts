// Words reviewers use, per aspect and polarity. review-text.ts combines them with a small sentence grammar,
// so texts vary in thousands of ways while sentiment still follows the words.
// `{noun}` is the product's noun ("beans", "grinder"); `{be}` is is/are or was/were to agree with it.
import type { DemoAspect, DemoMainCategory } from './types';

export interface AspectWords {
  /** What the sentence is about. */
  subjects: readonly string[];
  /** Predicates after "is/was": "rich", "far too bitter". */
  positive: readonly string[];
  negative: readonly string[];
  /** Whole clauses, no final punctuation. */
  positiveClauses: readonly string[];
  negativeClauses: readonly string[];
}

const price: AspectWords = {
  subjects: ['the price', 'the value for money', 'the price point', 'the price tag'],
  positive: ['fair', 'reasonable', 'great value', 'a bargain', 'spot on', 'very competitive'],
  negative: ['steep', 'too high', 'a rip-off', 'overpriced', 'hard to justify', 'ridiculous'],
  positiveClauses: ['worth every cent', 'great value for money', 'cheaper than anywhere else I looked',
    'you get a lot for the money', 'the price is right', 'good value even without a discount'],
  negativeClauses: ['way too expensive for what you get', 'not worth the money', 'you can get the same for half the price',
    'the price went up again and the quality did not', 'overpriced for what it is', 'I felt ripped off'],
};

const delivery: AspectWords = {
  subjects: ['delivery', 'shipping', 'the courier', 'the parcel', 'dispatch'],
  positive: ['fast', 'quick', 'on time', 'speedy', 'prompt', 'super quick', 'faster than promised'],
  negative: ['slow', 'late', 'delayed', 'a nightmare', 'painfully slow', 'a total mess', 'very late'],
  positiveClauses: ['arrived the next day', 'it came in two days', 'arrived earlier than expected',
    'shipping was quick and tracking worked', 'it was on my doorstep within 48 hours', 'delivered right on time'],
  negativeClauses: ['it took almost three weeks to arrive', 'the parcel was stuck in a depot for ten days',
    'tracking said delivered but nothing came', 'the courier left it in the rain', 'it arrived a week late',
    'I had to chase the delivery twice', 'delivery was delayed again and again', 'it never arrived the first time'],
};

const service: AspectWords = {
  subjects: ['customer service', 'the support team', 'the seller', 'the shop', 'the team'],
  positive: ['helpful', 'friendly', 'responsive', 'quick to reply', 'lovely', 'very accommodating'],
  negative: ['unhelpful', 'rude', 'unreachable', 'slow to respond', 'useless', 'dismissive'],
  positiveClauses: ['they answered my question within an hour', 'they sorted out a problem right away',
    'a handwritten note was in the box', 'they replaced it without any fuss'],
  negativeClauses: ['nobody answered my emails', 'they refused to refund me', 'I waited a week for a reply',
    'support just sent a copy-paste answer', 'they blamed the courier and did nothing'],
};

const packaging: AspectWords = {
  subjects: ['the packaging', 'the box', 'the bag', 'the wrapping', 'the seal'],
  positive: ['neat', 'recyclable', 'secure', 'nicely done', 'plastic free', 'really pretty', 'sturdy'],
  negative: ['damaged', 'torn', 'excessive', 'crushed', 'flimsy', 'wasteful', 'ripped open'],
  positiveClauses: ['everything was packed carefully', 'it came in lovely recyclable packaging',
    'the box was well padded', 'the resealable bag keeps it fresh'],
  negativeClauses: ['the box was crushed on arrival', 'the bag had split open', 'so much plastic for one item',
    'the seal was broken when it arrived', 'it came loose in a huge box with no padding'],
};

const tasteCoffee: AspectWords = {
  subjects: ['the flavour', 'the taste', 'the aroma', 'the crema', 'the aftertaste', 'the {noun}'],
  positive: ['rich', 'smooth', 'full-bodied', 'chocolatey', 'well balanced', 'fragrant', 'delicious', 'fresh',
    'nutty', 'lovely'],
  negative: ['bitter', 'stale', 'burnt', 'sour', 'flat', 'watery', 'bland', 'harsh', 'acidic', 'musty'],
  positiveClauses: ['it makes a cracking espresso', 'the crema is thick and lasts', 'you can taste how fresh it is',
    'it tastes like proper café coffee', 'my morning cup has never been better'],
  negativeClauses: ['it tastes like it was roasted a year ago', 'no amount of milk fixes the taste',
    'it leaves a burnt taste in your mouth', 'the roast date was months old', 'it tastes of cardboard'],
};

const tasteTea: AspectWords = {
  subjects: ['the flavour', 'the taste', 'the aroma', 'the aftertaste', 'the {noun}', 'the brew'],
  positive: ['fragrant', 'delicate', 'smooth', 'refreshing', 'floral', 'delicious', 'fresh', 'mellow', 'vibrant'],
  negative: ['bitter', 'dusty', 'weak', 'bland', 'stale', 'artificial', 'flavourless', 'musty', 'harsh'],
  positiveClauses: ['it brews a beautiful cup', 'the leaves unfurl nicely', 'you can steep it twice',
    'it is my new afternoon ritual', 'the smell when you open the tin is amazing'],
  negativeClauses: ['it tastes like dust', 'the leaves were mostly broken bits', 'it turns bitter in seconds',
    'there is barely any flavour', 'it smells of the plastic bag'],
};

const tasteSnacks: AspectWords = {
  subjects: ['the flavour', 'the taste', 'the texture', 'the {noun}'],
  positive: ['delicious', 'crunchy', 'moreish', 'fresh', 'perfectly sweet', 'addictive', 'tasty', 'lovely'],
  negative: ['stale', 'too sweet', 'soggy', 'bland', 'rancid', 'chalky', 'dry', 'tasteless'],
  positiveClauses: ['the whole pack was gone in a day', 'they go perfectly with coffee', 'my kids love them',
    'you can taste the quality of the ingredients'],
  negativeClauses: ['half of it went in the bin', 'it tasted like it was past its date', 'it was melted into one lump',
    'it has a weird chemical aftertaste'],
};

const qualityConsumable: AspectWords = {
  subjects: ['the quality', 'the {noun}', 'the batch', 'the freshness'],
  positive: ['excellent', 'consistent', 'top notch', 'high quality', 'superb', 'great'],
  negative: ['inconsistent', 'poor', 'disappointing', 'below par', 'awful', 'mediocre'],
  positiveClauses: ['every bag has been just as good', 'the quality is consistently high',
    'you can tell they care about sourcing'],
  negativeClauses: ['the quality has gone downhill', 'this batch was nothing like the last one',
    'it looks nothing like the photos'],
};

const qualityKitchen: AspectWords = {
  subjects: ['the build quality', 'the {noun}', 'the lid', 'the handle', 'the material'],
  positive: ['solid', 'sturdy', 'well made', 'beautifully finished', 'durable', 'premium', 'robust'],
  negative: ['flimsy', 'wobbly', 'cheaply made', 'scratched', 'leaky', 'fragile', 'badly finished'],
  positiveClauses: ['it feels like it will last for years', 'it has survived daily use for months',
    'it looks great on the counter', 'it works exactly as it should'],
  negativeClauses: ['it broke after two weeks', 'the handle came off', 'it leaks every time',
    'it stopped working after a month', 'there was a crack straight out of the box'],
};

const qualityApparel: AspectWords = {
  subjects: ['the fabric', 'the {noun}', 'the stitching', 'the print', 'the material'],
  positive: ['soft', 'well stitched', 'good quality', 'thick', 'durable', 'comfy', 'lovely'],
  negative: ['thin', 'see-through', 'scratchy', 'badly stitched', 'cheap', 'itchy', 'rough'],
  positiveClauses: ['it still looks new after many washes', 'the print has not faded at all',
    'it gets compliments every time I wear it'],
  negativeClauses: ['it shrank after one wash', 'the print cracked after two washes', 'a seam came apart already',
    'the colour faded straight away'],
};

const fitApparel: AspectWords = {
  subjects: ['the fit', 'the size', 'the sizing', 'the cut', 'the {noun}'],
  positive: ['true to size', 'comfortable', 'perfect', 'just right', 'flattering', 'spot on'],
  negative: ['too small', 'too tight', 'too big', 'uncomfortable', 'way off', 'boxy', 'too short'],
  positiveClauses: ['it fits like a glove', 'the size chart was accurate', 'it fits perfectly'],
  negativeClauses: ['I had to send it back for a bigger size', 'the size chart is completely wrong',
    'it fits like a tent', 'the sleeves are far too short'],
};

const fitKitchen: AspectWords = {
  subjects: ['the size', 'the capacity', 'the {noun}'],
  positive: ['just right', 'perfect', 'handy', 'compact', 'ideal', 'generous'],
  negative: ['too small', 'tiny', 'awkward', 'too bulky', 'smaller than pictured', 'impractical'],
  positiveClauses: ['it fits nicely in my small kitchen', 'it holds exactly what I need', 'it is the perfect size'],
  negativeClauses: ['it is much smaller than the photos suggest', 'it does not fit under my machine',
    'it barely holds one cup'],
};

/** The lexicon for an aspect as applied to a product category; undefined where the aspect doesn't apply. */
export function aspectWords(aspect: DemoAspect, main: DemoMainCategory): AspectWords | undefined {
  const consumable = main === 'Coffee' || main === 'Tea' || main === 'Snacks';
  switch (aspect) {
    case 'price':
      return price;
    case 'delivery':
      return delivery;
    case 'service':
      return service;
    case 'packaging':
      return packaging;
    case 'taste':
      return main === 'Coffee' ? tasteCoffee : main === 'Tea' ? tasteTea : main === 'Snacks' ? tasteSnacks : undefined;
    case 'quality':
      return consumable ? qualityConsumable : main === 'Kitchenware' ? qualityKitchen : qualityApparel;
    case 'fit':
      return main === 'Apparel' ? fitApparel : main === 'Kitchenware' ? fitKitchen : undefined;
  }
}

/** How often each aspect comes up, by category: taste dominates food reviews, fit dominates apparel. */
export const aspectWeights: Readonly<Record<DemoMainCategory, Partial<Record<DemoAspect, number>>>> = {
  Coffee: { taste: 4, quality: 1.5, price: 1.5, delivery: 1.2, packaging: 0.8, service: 0.5 },
  Tea: { taste: 4, quality: 1.5, price: 1.5, delivery: 1.2, packaging: 0.8, service: 0.5 },
  Snacks: { taste: 4, quality: 1, price: 1.5, delivery: 1.2, packaging: 1, service: 0.5 },
  Kitchenware: { quality: 4, fit: 1.5, price: 1.5, delivery: 1.2, packaging: 0.8, service: 0.7 },
  Apparel: { fit: 3, quality: 2.5, price: 1.5, delivery: 1.2, packaging: 0.6, service: 0.6 },
};

export const intensifiers = ['very', 'really', 'super', 'incredibly', 'extremely', 'quite', 'pretty', 'so',
  'absolutely', 'genuinely'] as const;
export const softeners = ['a bit', 'slightly', 'somewhat', 'a little', 'rather'] as const;
export const hedges = ['I think', 'Honestly,', 'To be fair,', 'I have to say', 'Overall,', "Maybe it's just me, but",
  'For what it is worth,', 'In my opinion', 'Tbh'] as const;
export const people = ['my husband', 'my wife', 'my partner', 'my dad', 'my mum', 'a colleague', 'my flatmate',
  'my sister', 'a friend', 'myself'] as const;
export const places = ['the supermarket', 'my local café', 'the big online stores', 'other shops', 'the market',
  'the brand I used before'] as const;
export const occasions = ['every morning', 'at the office', 'on weekends', 'after lunch', 'most days',
  'when friends come over'] as const;
