// Type inference for one column from a sample of its cells (the head of the column plus a
// reservoir of later cells, see sample.ts) and its name. Each cell is classified on its own
// (value-kind.ts); the column's type is the family that covers at least 80% of them, refined by
// rules that matter in real exports: zero-padded or fixed-width digit strings and `P-0042`-like
// codes are identifiers, numeric columns named `*_id` or `*id` are identifiers, `1/0` is boolean
// only in a column that is clearly boolean, money marks or a money name make a decimal. Values
// that repeat heavily are categories, whether they look like codes (`spam-2`) or run to several
// words (`LOS ANGELES - LUCKY`), unless the name says they are keys.
import { cellText, isMissing } from './cell-text';
import { detectDateFormat, type DateDetection } from './date-detect';
import { idNameStrength, isBoolName, isEntityName, isMoneyName, isPhoneName, nameTokens } from './names';
import { detectDecimalSeparator, parseNumberCell } from './parse-number';
import { classifyValue, familyOf, type ValueKind } from './value-kind';
import type { CellValue } from '../store';
import type { DecimalSeparator, FamilyShare, InferredType, SampleStats, TypeInference, ValueFamily } from './types';

/** Share of cells a family must cover to decide the column's type. */
const decisive = 0.8;
/** Above this share of consistent cells a column is not reported as mixed. */
const consistentEnough = 0.95;

/**
 * Code-like values that are few, each seen about 20 times or more in the sample: a category
 * (`spam-2`). Stricter than for words, because keys in a fact table repeat too; they run to
 * more values than this, or are named as keys.
 */
function codesRepeatLikeCategory(distinct: number, distinctRatio: number): boolean {
  return distinct <= 50 && distinctRatio < 0.05;
}

interface Tally {
  n: number;
  kinds: Map<ValueKind, number>;
  families: Map<ValueFamily, number>;
  distinct: number;
  meanLength: number;
  meanWords: number;
  numericMin: number | null;
  numericMax: number | null;
  maxDecimals: number;
  currencies: Map<string, number>;
  /** Widths of cells that are pure digit strings. */
  digitWidths: Map<number, number>;
  digitStrings: number;
}

function tally(present: readonly CellValue[], decimal: DecimalSeparator, dates: DateDetection): Tally {
  const kinds = new Map<ValueKind, number>();
  const families = new Map<ValueFamily, number>();
  const distinct = new Set<string>();
  const currencies = new Map<string, number>();
  const digitWidths = new Map<number, number>();
  let lengthSum = 0;
  let wordSum = 0;
  let numericMin: number | null = null;
  let numericMax: number | null = null;
  let maxDecimals = 0;
  let digitStrings = 0;
  for (const value of present) {
    const kind = classifyValue(value, decimal);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    const family = familyOf(kind, dates.options.epoch);
    families.set(family, (families.get(family) ?? 0) + 1);
    const text = (cellText(value) ?? '').trim();
    distinct.add(text);
    lengthSum += text.length;
    wordSum += text.split(/\s+/).length;
    if (/^\d+$/.test(text)) {
      digitStrings++;
      digitWidths.set(text.length, (digitWidths.get(text.length) ?? 0) + 1);
    }
    if (family !== 'number') continue;
    const parsed = parseNumberCell(value, decimal);
    if (parsed === null) continue;
    numericMin = numericMin === null ? parsed.value : Math.min(numericMin, parsed.value);
    numericMax = numericMax === null ? parsed.value : Math.max(numericMax, parsed.value);
    maxDecimals = Math.max(maxDecimals, parsed.decimals);
    if (parsed.currency) currencies.set(parsed.currency, (currencies.get(parsed.currency) ?? 0) + 1);
  }
  const n = present.length;
  return {
    n, kinds, families, distinct: distinct.size, meanLength: lengthSum / n, meanWords: wordSum / n,
    numericMin, numericMax, maxDecimals, currencies, digitWidths, digitStrings,
  };
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

interface Decision {
  type: InferredType;
  because: string;
}

/** Numbers: identifiers by name or shape first, then money, then integer vs float. */
function decideNumeric(t: Tally, name: string, tokens: readonly string[], distinctRatio: number): Decision {
  const count = (k: ValueKind): number => t.kinds.get(k) ?? 0;
  const [width = 0, atWidth = 0] = [...t.digitWidths].sort((a, b) => b[1] - a[1])[0] ?? [];
  const fixedWidth = t.digitStrings >= 0.9 * t.n && atWidth >= 0.9 * t.digitStrings;
  const idName = idNameStrength(tokens);
  const integers = count('integer') + count('binary-digit') + count('epoch') + count('zero-padded');
  if (idName === 'strong' && integers >= 0.9 * t.n) {
    return { type: 'identifier', because: `name "${name}" says identifier; ${pct(distinctRatio)} distinct whole numbers` };
  }
  // `number` alone may be a count; `order_number`, `customer_no` name an entity's key, which
  // repeats wherever the table refers to it (order lines).
  if (idName === 'weak' && integers >= 0.9 * t.n && (distinctRatio >= 0.9 || isEntityName(tokens))) {
    return { type: 'identifier', because: `name "${name}" and ${pct(distinctRatio)} distinct values suggest an identifier` };
  }
  if (fixedWidth && width >= 6 && distinctRatio >= 0.9) {
    return { type: 'identifier', because: `${pct(distinctRatio)} distinct fixed-width ${width}-digit values` };
  }
  // Seven digits or more, all of one width, repeating: a key in a fact table (a household
  // 2100016 buying again), not a measure, whose mean would mean nothing. Cents are excepted.
  if (fixedWidth && width >= 7 && integers >= 0.9 * t.n && !isMoneyName(tokens)) {
    return { type: 'identifier', because: `fixed-width ${width}-digit whole numbers, ${pct(distinctRatio)} distinct` };
  }
  const money = count('money');
  if (money >= 0.2 * t.n) return { type: 'decimal', because: `${pct(money / t.n)} of values carry a currency` };
  if (isMoneyName(tokens) && t.maxDecimals <= 2) {
    return { type: 'decimal', because: `name "${name}" says money; at most two decimals` };
  }
  if (count('number') === 0 && count('percent') === 0 && money === 0) {
    return { type: 'integer', because: 'whole numbers' };
  }
  return { type: 'float', because: count('percent') > 0 ? 'numbers and percentages' : 'numbers with decimals' };
}

/** Text that is neither numbers nor dates: codes, categories or free text. */
function decideString(t: Tally, distinctRatio: number): Decision {
  const code = t.families.get('code') ?? 0;
  if (code >= 0.5 * t.n && distinctRatio >= 0.5) return { type: 'identifier', because: `${pct(code / t.n)} code-like values` };
  // Categories repeat and stay few, whatever the sample size; short single tokens (brands,
  // tags) may be many. Titles and queries repeat too, but run to hundreds of multi-word values.
  const categorical = t.distinct <= 1
    || (t.distinct <= 20 && distinctRatio <= 0.7 && t.meanWords <= 5)
    || (t.meanWords <= 4 && ((t.distinct <= 150 && distinctRatio <= 0.5) || distinctRatio <= 0.1))
    || (t.meanWords <= 1.5 && distinctRatio <= 0.5 && t.distinct <= 1000)
    // Store names like `LOS ANGELES - LUCKY`, 88 of them over 5,555 weeks: words, but few and
    // each repeated many times. Free text (reviews, titles, queries) is far more varied.
    || (t.distinct <= 200 && distinctRatio <= 0.05);
  if (categorical) {
    return { type: 'categorical', because: `${t.distinct} distinct values (${pct(distinctRatio)} of the sample)` };
  }
  return { type: 'text', because: `free text, ${t.meanWords.toFixed(1)} words on average` };
}

function decide(t: Tally, name: string, tokens: readonly string[], dates: DateDetection): Decision {
  const share = (f: ValueFamily): number => (t.families.get(f) ?? 0) / t.n;
  const distinctRatio = t.distinct / t.n;
  const words = t.kinds.get('boolean-word') ?? 0;
  const boolish = words + (t.kinds.get('binary-digit') ?? 0);
  if (boolish >= 0.95 * t.n && (words > 0 || isBoolName(tokens))) {
    return { type: 'boolean', because: words > 0 ? 'yes/no, true/false or 1/0 values' : `0/1 values and name "${name}"` };
  }
  if (share('image') >= decisive) return { type: 'image-reference', because: `${pct(share('image'))} image files or URLs` };
  if (share('email') >= decisive) return { type: 'email', because: `${pct(share('email'))} email addresses` };
  if (share('url') + share('image') >= decisive) return { type: 'url', because: `${pct(share('url'))} URLs` };
  if (share('date') >= decisive) {
    const type = dates.timeShare >= 0.5 ? 'datetime' : 'date';
    const formats = dates.formats.slice(0, 3).map((f) => f.value).join(', ');
    return { type, because: `${pct(share('date'))} dates (${formats})` };
  }
  // Zip codes and zero-padded ids: digit strings of one width, some with leading zeros.
  const zeroPadded = t.kinds.get('zero-padded') ?? 0;
  const [width = 0, atWidth = 0] = [...t.digitWidths].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (zeroPadded > 0 && width >= 3 && t.digitStrings >= 0.9 * t.n && atWidth >= 0.9 * t.digitStrings) {
    return { type: 'identifier', because: `fixed-width ${width}-digit values with leading zeros` };
  }
  const code = share('code');
  if (code >= decisive || (code >= 0.5 && code + share('number') >= 0.9)) {
    // `easy-ham-1`, `spam-2`: five folders over 6,046 e-mails are a category. A `store` or
    // `product_code` that repeats as much is still a key into another table.
    if (codesRepeatLikeCategory(t.distinct, distinctRatio) && idNameStrength(tokens) === null && !isEntityName(tokens)) {
      return { type: 'categorical', because: `${t.distinct} distinct code-like values (${pct(distinctRatio)} of the sample)` };
    }
    return { type: 'identifier', because: `${pct(code)} code-like values` };
  }
  if (share('number') >= decisive) return decideNumeric(t, name, tokens, distinctRatio);
  if (share('phone') >= decisive || (isPhoneName(tokens) && share('phone') >= 0.5)) {
    return { type: 'phone', because: `${pct(share('phone'))} phone numbers` };
  }
  return decideString(t, distinctRatio);
}

/** Families a value of each type may hold without making the column mixed. */
function consistentFamilies(type: InferredType): readonly ValueFamily[] {
  switch (type) {
    case 'integer': case 'float': case 'decimal': return ['number'];
    case 'boolean': return ['boolean'];
    case 'date': case 'datetime': return ['date'];
    case 'identifier': return ['code', 'number'];
    case 'email': return ['email'];
    case 'url': return ['url', 'image'];
    case 'image-reference': return ['image'];
    case 'phone': return ['phone', 'number'];
    case 'categorical': case 'text': return ['string', 'code'];
    case 'empty': return [];
  }
}

function emptyInference(): TypeInference {
  return {
    type: 'empty', confidence: 1, mixed: false, shares: [],
    parse: { decimal: '.', currency: null, dateFormat: null, dayFirst: false, epoch: false },
    dateFormats: [], ambiguousDates: false,
    stats: { values: 0, distinct: 0, distinctRatio: 0, meanLength: 0, meanWords: 0, numericMin: null, numericMax: null },
    because: 'no values',
  };
}

/** Infers a column's type from its name and a sample of its cells (missing cells are skipped). */
export function inferType(name: string, values: readonly CellValue[]): TypeInference {
  const present = values.filter((v) => !isMissing(v));
  if (present.length === 0) return emptyInference();
  const tokens = nameTokens(name);
  const { decimal } = detectDecimalSeparator(present);
  const dates = detectDateFormat(present, name);
  const t = tally(present, decimal, dates);
  const decision = decide(t, name, tokens, dates);
  const isBooleanType = decision.type === 'boolean';
  const consistent = isBooleanType
    ? (t.kinds.get('boolean-word') ?? 0) + (t.kinds.get('binary-digit') ?? 0)
    : consistentFamilies(decision.type).reduce((sum, f) => sum + (t.families.get(f) ?? 0), 0);
  const confidence = Math.round((consistent / t.n) * 10_000) / 10_000;
  const shares: FamilyShare[] = [...t.families]
    .map(([family, count]) => ({ family, share: Math.round((count / t.n) * 10_000) / 10_000 }))
    .sort((a, b) => b.share - a.share || (a.family < b.family ? -1 : 1));
  const isDate = decision.type === 'date' || decision.type === 'datetime';
  const currency = [...t.currencies].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  // Rounded: these are descriptions of a sample, and stored profiles should not carry float noise.
  const round = (x: number): number => Math.round(x * 10_000) / 10_000;
  const stats: SampleStats = {
    values: t.n, distinct: t.distinct, distinctRatio: round(t.distinct / t.n), meanLength: round(t.meanLength),
    meanWords: round(t.meanWords), numericMin: t.numericMin, numericMax: t.numericMax,
  };
  return {
    type: decision.type,
    confidence,
    mixed: confidence < consistentEnough,
    shares,
    parse: {
      decimal,
      currency,
      dateFormat: isDate ? (dates.formats[0]?.value ?? null) : null,
      dayFirst: dates.options.dayFirst,
      epoch: isDate && dates.options.epoch,
    },
    dateFormats: isDate ? dates.formats : [],
    ambiguousDates: isDate && dates.ambiguous,
    stats,
    because: decision.because,
  };
}
