// Semantic roles for commerce columns: which column is the customer id, the price, the review
// text. Evidence comes from three places, in order of weight: the column name (tokenised, with
// synonyms in several languages: `customer_id`, `CustomerID`, `cust`, `client`, `Kunde`), the
// inferred type, and value patterns (country names, "First Last" names). Values alone never
// make a rating: small whole numbers are as often brand or category indices (margarine's
// `choice` 1..10), so only a name makes one. The result is a ranked list with scores, so the UI
// can offer the runner-up when it is wrong.
import { nameTokens } from './names';
import { stringPattern } from './string-patterns';
import { countryNames } from './role-words';
import type { ColumnProfile, InferredType } from './types';

export const roles = [
  'customer-id', 'product-id', 'order-id', 'event-time', 'price', 'quantity', 'rating', 'review-text',
  'query-text', 'category', 'title', 'description', 'email', 'name', 'country', 'city', 'none',
] as const;
export type Role = (typeof roles)[number];

export interface RoleSuggestion {
  role: Role;
  /** 0..1; above 0.5 is a confident match. */
  score: number;
  because: string;
}

/** What role suggestion reads; a ColumnProfile has all of it. */
export type RoleInput = Pick<ColumnProfile, 'name' | 'inference' | 'topValues'>;

const customerWords = ['customer', 'cust', 'client', 'user', 'buyer', 'member', 'account', 'shopper', 'consumer', 'purchaser', 'kunde', 'kunden', 'cliente', 'usuario', 'utilisateur', 'klant'];
const productWords = ['product', 'prod', 'item', 'article', 'artikel', 'variant', 'produkt', 'producto', 'produit', 'prodotto', 'listing', 'offer', 'merchandise'];
const productCodes = ['sku', 'asin', 'ean', 'gtin', 'upc', 'isbn', 'mpn'];
const orderWords = ['order', 'orders', 'transaction', 'txn', 'invoice', 'purchase', 'basket', 'cart', 'receipt', 'bestellung', 'pedido', 'commande', 'ordine', 'checkout'];
const idWords = ['id', 'ids', 'uuid', 'guid', 'key', 'no', 'nr', 'num', 'number', 'code', 'ref', 'reference', 'pk', 'fk'];
const timeWords = ['date', 'time', 'timestamp', 'ts', 'datetime', 'created', 'updated', 'at', 'when', 'day', 'ordered', 'signup', 'registered', 'datum', 'fecha', 'zeit'];
const moneyWords = ['price', 'cost', 'amount', 'total', 'revenue', 'sales', 'subtotal', 'paid', 'spend', 'gmv', 'fee', 'preis', 'betrag', 'prix', 'montant', 'precio', 'importe', 'prezzo'];
/** Money a person earns or holds: a trait of the customer, never the price of what they buy. */
const earningsWords = ['income', 'incomes', 'salary', 'salaries', 'wage', 'wages', 'earnings', 'pension', 'wealth', 'einkommen', 'gehalt', 'lohn', 'salario', 'ingresos', 'revenu', 'salaire'];
const quantityWords = ['qty', 'quantity', 'quantities', 'units', 'pcs', 'pieces', 'pack', 'menge', 'anzahl', 'cantidad', 'quantite', 'quantita', 'count'];
const ratingWords = ['rating', 'ratings', 'stars', 'star', 'score', 'grade', 'rate', 'nps', 'sterne', 'bewertung', 'valoracion', 'puntuacion', 'note'];
const reviewWords = ['review', 'reviews', 'comment', 'comments', 'text', 'body', 'feedback', 'opinion', 'content', 'message', 'kommentar', 'rezension', 'avis', 'resena'];
const queryWords = ['query', 'queries', 'search', 'q', 'keyword', 'keywords', 'term', 'searchterm', 'suchbegriff', 'suche', 'busqueda', 'recherche'];
const categoryWords = ['category', 'categories', 'cat', 'type', 'group', 'segment', 'class', 'department', 'dept', 'genre', 'family', 'kategorie', 'categoria', 'categorie', 'tier', 'section', 'collection'];
// Not `label`: in exported data it is nearly always a class label (spam/ham), which as a title
// became an input of the review model.
const titleWords = ['title', 'headline', 'subject', 'titel', 'titulo', 'titre', 'titolo', 'heading'];
const descriptionWords = ['description', 'desc', 'details', 'summary', 'beschreibung', 'descripcion', 'about', 'blurb', 'overview'];
const emailWords = ['email', 'mail', 'e', 'emailaddress'];
const personWords = ['name', 'fullname', 'firstname', 'lastname', 'surname', 'first', 'last', 'vorname', 'nachname', 'nombre', 'nom', 'prenom', 'contact'];
const countryWords = ['country', 'countries', 'nation', 'land', 'pays', 'pais', 'paese', 'ctry', 'countrycode'];
const cityWords = ['city', 'town', 'ort', 'stadt', 'ciudad', 'ville', 'citta', 'locality', 'municipality'];

interface Evidence {
  tokens: string[];
  type: InferredType;
  input: RoleInput;
}

const hasAny = (tokens: readonly string[], words: readonly string[]): string | null => tokens.find((t) => words.includes(t)) ?? null;
const isIdType = (t: InferredType): boolean => t === 'identifier' || t === 'integer';
const isTextType = (t: InferredType): boolean => t === 'text' || t === 'categorical';

/** An entity id: entity word plus an id word (1.0), or entity word and id-like values (0.85). */
function entityId(e: Evidence, entity: readonly string[], codes: readonly string[] = []): [number, string] {
  const code = hasAny(e.tokens, codes);
  if (code && isIdType(e.type)) return [1, `name says ${code}; ${e.type} values`];
  const word = hasAny(e.tokens, entity);
  // `customer_name`, `order_date`, `min_order_qty`: the entity only qualifies another measure.
  const qualified = [...personWords, ...emailWords, ...titleWords, ...descriptionWords, ...categoryWords, ...quantityWords, ...moneyWords, ...timeWords, ...ratingWords];
  if (!word || hasAny(e.tokens, qualified)) return [0, ''];
  const id = hasAny(e.tokens, idWords);
  if (id && isIdType(e.type)) return [1, `name says ${word} + ${id}; ${e.type} values`];
  if (isIdType(e.type)) return [0.85, `name says ${word}; ${e.type} values`];
  return id ? [0.5, `name says ${word} + ${id}, but values are ${e.type}`] : [0, ''];
}

const nameHit = (e: Evidence, words: readonly string[]): string | null => hasAny(e.tokens, words);

type Scorer = (e: Evidence) => [number, string];

const scorers: Readonly<Record<Exclude<Role, 'none'>, Scorer>> = {
  'customer-id': (e) => entityId(e, customerWords),
  'product-id': (e) => entityId(e, productWords, productCodes),
  'order-id': (e) => entityId(e, orderWords),
  'event-time': (e) => {
    if (e.type !== 'date' && e.type !== 'datetime') return [0, ''];
    const word = nameHit(e, timeWords);
    return word ? [1, `${e.type} values; name says ${word}`] : [0.7, `${e.type} values`];
  },
  price: (e) => {
    if (nameHit(e, earningsWords)) return [0, ''];
    const word = nameHit(e, moneyWords);
    if (e.type === 'decimal') return word ? [1, `money values; name says ${word}`] : [0.75, 'money values'];
    if (e.type === 'float' || e.type === 'integer') return word ? [0.8, `numbers; name says ${word}`] : [0, ''];
    return [0, ''];
  },
  quantity: (e) => {
    const word = nameHit(e, quantityWords);
    if (!word) return [0, ''];
    return e.type === 'integer' ? [1, `whole numbers; name says ${word}`] : e.type === 'float' ? [0.6, `numbers; name says ${word}`] : [0, ''];
  },
  rating: (e) => {
    const { numericMin: min, numericMax: max } = e.input.inference.stats;
    const numeric = e.type === 'integer' || e.type === 'float';
    const scale = numeric && min !== null && max !== null && min >= 0 && (max <= 5 || max === 10) && max >= 3;
    const word = nameHit(e, ratingWords);
    if (word && numeric) return [scale ? 1 : 0.7, `name says ${word}; values ${min}..${max}`];
    // Below `none`: offered as a runner-up, never suggested on the range alone.
    return scale && e.type === 'integer' ? [0.2, `whole numbers within ${min}..${max}, but no name says rating`] : [0, ''];
  },
  'review-text': (e) => {
    if (!isTextType(e.type)) return [0, ''];
    const word = nameHit(e, reviewWords);
    const long = e.input.inference.stats.meanWords >= 6;
    if (word) return [long ? 1 : 0.7, `name says ${word}; ${e.input.inference.stats.meanWords.toFixed(1)} words on average`];
    return [0, ''];
  },
  'query-text': (e) => {
    const word = nameHit(e, queryWords);
    return word && isTextType(e.type) ? [1, `name says ${word}; short text`] : [0, ''];
  },
  category: (e) => {
    const word = nameHit(e, categoryWords);
    if (e.type !== 'categorical') return word && e.type === 'text' ? [0.5, `name says ${word}`] : [0, ''];
    return word ? [1, `few distinct values; name says ${word}`] : [0.2, 'few distinct values'];
  },
  title: (e) => {
    if (!isTextType(e.type)) return [0, ''];
    const word = nameHit(e, titleWords);
    if (word) return [1, `name says ${word}`];
    const entity = nameHit(e, productWords);
    return entity && e.tokens.includes('name') ? [0.95, `name says ${entity} name`] : [0, ''];
  },
  description: (e) => {
    if (!isTextType(e.type)) return [0, ''];
    const word = nameHit(e, descriptionWords);
    if (word) return [1, `name says ${word}`];
    return e.type === 'text' && e.input.inference.stats.meanWords >= 8 ? [0.3, 'long free text'] : [0, ''];
  },
  email: (e) => {
    const word = nameHit(e, emailWords.filter((w) => w !== 'e'));
    if (e.type === 'email') return [1, word ? `email addresses; name says ${word}` : 'email addresses'];
    return word ? [0.5, `name says ${word}, but values are ${e.type}`] : [0, ''];
  },
  name: (e) => {
    if (!isTextType(e.type) || nameHit(e, [...productWords, ...productCodes, 'file', 'product', 'supplier', 'company', 'brand', 'shop', 'store'])) return [0, ''];
    const word = nameHit(e, personWords);
    const shaped = (e.input.topValues ?? []).filter((v) => /^A(a\+|a*)( (a+|a\+))*( A(a\+|a*))+$/.test(stringPattern(v.value))).length;
    const people = shaped >= 0.6 * Math.max(1, e.input.topValues.length);
    if (word) return [people ? 1 : 0.75, `name says ${word}${people ? '; "First Last" values' : ''}`];
    return [0, ''];
  },
  country: (e) => {
    const word = nameHit(e, countryWords);
    const top = e.input.topValues;
    const known = top.filter((v) => countryNames.has(v.value.trim().toLowerCase())).length;
    const countries = top.length > 0 && known >= 0.6 * top.length;
    if (word) return [countries ? 1 : 0.8, `name says ${word}${countries ? '; country names' : ''}`];
    return countries && e.type === 'categorical' ? [0.6, 'country names'] : [0, ''];
  },
  city: (e) => {
    const word = nameHit(e, cityWords);
    return word && isTextType(e.type) ? [0.9, `name says ${word}`] : [0, ''];
  },
};

/** The score `none` gets: a role must beat it to be suggested first. */
const noneScore = 0.25;

/** Ranked role suggestions for a column, best first; `none` is always in the list. */
export function suggestRoles(input: RoleInput): RoleSuggestion[] {
  const evidence: Evidence = { tokens: nameTokens(input.name), type: input.inference.type, input };
  const out: RoleSuggestion[] = [];
  for (const role of roles) {
    if (role === 'none') continue;
    const [score, because] = scorers[role](evidence);
    if (score > 0) out.push({ role, score, because });
  }
  out.push({ role: 'none', score: noneScore, because: 'no role fits better' });
  return out.sort((a, b) => b.score - a.score || roles.indexOf(a.role) - roles.indexOf(b.role));
}

/** The best role, or `none`. */
export function bestRole(input: RoleInput): Role {
  return suggestRoles(input)[0]?.role ?? 'none';
}
