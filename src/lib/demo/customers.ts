// customers.csv: people, plus ~3% re-registrations of the same person under a new id (with a typo in
// the name, a new email or a new city), missing contact fields, and three date formats.
import { formatDate, type DateStyle } from './calendar';
import { toCsv } from './csv-write';
import { countries, firstNames, globalEmailDomains, lastNames, type Country } from './people-vocabulary';
import { must, type Random } from './random';
import { segmentShares } from './segments';
import { firstSignupDay, lastOriginalSignupDay, lastSignupDay } from './timeline';
import { demoSegments, type DemoSegment } from './types';
import { typo } from './typos';

export const customerTiers = ['Consumer', 'Business', 'VIP'] as const;
export type CustomerTier = (typeof customerTiers)[number];

export interface Customer {
  id: string;
  first: string;
  last: string;
  email: string | null;
  phone: string | null;
  city: string;
  country: Country;
  signupDay: number;
  segment: DemoSegment;
  tier: CustomerTier;
  optIn: boolean | null;
  /** Relative order rate; heavy-tailed, as a few customers place most orders. */
  activity: number;
  /** Shared by every record of the same person, so duplicates can be traced. */
  personId: number;
}

export interface CustomerBase {
  /** Sorted by signup, ids ascending. */
  customers: Customer[];
  /** Same-person id lists, original first. */
  clusters: string[][];
}

export const duplicateRate = 0.03;

const ascii = (s: string): string =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');

function makeEmail(random: Random, first: string, last: string, country: Country): string {
  const f = ascii(first);
  const l = ascii(last);
  const local = random.weighted(
    [`${f}.${l}`, `${f}${l}`, `${f.charAt(0)}.${l}`, `${f}_${l}${random.int(1, 99)}`, `${l}.${f}`,
      `${f}${random.int(70, 99)}`],
    [0.35, 0.15, 0.15, 0.15, 0.1, 0.1],
  );
  const domain = random.chance(0.65) ? random.pick(globalEmailDomains) : random.pick(country.emailDomains);
  return `${local}@${domain}`;
}

function makePhone(random: Random, country: Country): string {
  const area = String(random.int(150, 179));
  const line = String(random.int(1_000_000, 9_999_999));
  if (country.code === 'US') {
    const a = random.int(201, 989);
    const b = random.int(200, 999);
    const c = random.int(1000, 9999);
    return random.chance(0.5) ? `+1 (${a}) ${b}-${c}` : `${a}-${b}-${c}`;
  }
  return random.weighted(
    [`+${country.dialCode} ${area} ${line}`, `+${country.dialCode}${area}${line}`, `0${area}-${line}`],
    [0.5, 0.25, 0.25],
  );
}

function makePerson(random: Random, personId: number): Customer {
  const country = random.weighted(countries, countries.map((c) => c.weight));
  const first = random.pick(firstNames);
  const last = random.pick(lastNames);
  return {
    id: '',
    first,
    last,
    email: random.chance(0.04) ? null : makeEmail(random, first, last, country),
    phone: random.chance(0.12) ? null : makePhone(random, country),
    city: random.pick(country.cities),
    country,
    signupDay: random.chance(0.4)
      ? random.int(firstSignupDay, firstSignupDay + 729)
      : random.int(firstSignupDay + 730, lastOriginalSignupDay),
    segment: random.weighted(demoSegments, demoSegments.map((s) => segmentShares[s])),
    tier: random.weighted(customerTiers, [0.8, 0.12, 0.08]),
    optIn: random.chance(0.05) ? null : random.chance(0.45),
    activity: Math.exp(random.normal(0, 0.9)),
    personId,
  };
}

/** The same person registering again: a typo or not, and exactly one kind of changed contact detail. */
function reRegister(random: Random, original: Customer): Customer {
  const dup: Customer = { ...original, activity: original.activity * random.float(0.3, 1) };
  if (random.chance(0.75)) {
    if (random.chance(0.5)) dup.first = typo(random, original.first);
    else {
      // Multi-word surnames ("van den Berg"): mistype the longest word, not a particle.
      const words = original.last.split(' ');
      const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
      dup.last = words.map((w) => (w === longest ? typo(random, w) : w)).join(' ');
    }
  }
  const kind = original.email === null ? 'email' : random.pick(['email', 'city', 'email+phone'] as const);
  if (kind === 'city') {
    const others = original.country.cities.filter((c) => c !== original.city);
    dup.city = others.length > 0 ? random.pick(others) : original.city;
  } else {
    let email = makeEmail(random, dup.first, dup.last, dup.country);
    for (let tries = 0; email === original.email && tries < 5; tries++) {
      email = makeEmail(random, dup.first, dup.last, dup.country);
    }
    dup.email = email;
    if (kind === 'email+phone') dup.phone = makePhone(random, dup.country);
  }
  const earliest = original.signupDay + 20;
  dup.signupDay = Math.min(lastSignupDay, earliest + random.int(0, 480));
  return dup;
}

export function generateCustomers(random: Random, count: number): CustomerBase {
  const dupCount = Math.round(count * duplicateRate);
  const people = Array.from({ length: count - dupCount }, (_, i) => makePerson(random, i));
  const records = people.slice();
  const dupsOf = new Map<number, number>();
  for (let k = 0; k < dupCount; k++) {
    // Mostly pairs; a few people register three times.
    let person = random.pick(people);
    while ((dupsOf.get(person.personId) ?? 0) > 0 && !random.chance(0.1)) person = random.pick(people);
    dupsOf.set(person.personId, (dupsOf.get(person.personId) ?? 0) + 1);
    records.push(reRegister(random, person));
  }
  // Ids follow signup order, as an auto-increment key would.
  records.sort((a, b) => a.signupDay - b.signupDay || a.personId - b.personId);
  records.forEach((c, i) => {
    c.id = customerId(i + 1);
  });
  const byPerson = new Map<number, string[]>();
  for (const c of records) byPerson.set(c.personId, [...(byPerson.get(c.personId) ?? []), c.id]);
  const clusters = [...byPerson.values()].filter((ids) => ids.length > 1);
  return { customers: records, clusters };
}

export const customerId = (n: number): string => `C-${String(n).padStart(5, '0')}`;

function messyName(random: Random, c: Customer): string {
  const name = `${c.first} ${c.last}`;
  const roll = random.next();
  if (roll < 0.02) return name.toUpperCase();
  if (roll < 0.04) return name.toLowerCase();
  if (roll < 0.06) return `  ${name} `;
  if (roll < 0.07) return `${c.first}  ${c.last}`;
  return name;
}

function messyCountry(random: Random, country: Country): string {
  return random.weighted(
    [country.name, country.code, country.local, country.name.toLowerCase(), country.name.toUpperCase()],
    [0.75, 0.12, 0.05, 0.05, 0.03],
  );
}

const optInStyles = [['yes', 'no'], ['Y', 'N'], ['true', 'false'], ['1', '0']] as const;

export function customersCsv(random: Random, customers: readonly Customer[]): string {
  const rows = customers.map((c) => {
    const dateStyle: DateStyle = random.weighted(['iso', 'us', 'long'] as const, [0.7, 0.15, 0.15]);
    const tierText = random.chance(0.03) ? '' : random.chance(0.08) ? c.tier.toLowerCase() : c.tier;
    const optIn = must(random.weighted(optInStyles, [0.7, 0.15, 0.1, 0.05]), 'opt-in style');
    let email = c.email;
    if (email !== null && random.chance(0.04)) email = email.charAt(0).toUpperCase() + email.slice(1);
    let city = c.city;
    if (random.chance(0.03)) city = city.toLowerCase();
    else if (random.chance(0.02)) city = `${city} `;
    return [
      c.id, messyName(random, c), email, c.phone, city, messyCountry(random, c.country),
      formatDate(c.signupDay, dateStyle), tierText, c.optIn === null ? '' : optIn[c.optIn ? 0 : 1],
    ];
  });
  return toCsv(
    ['customer_id', 'name', 'email', 'phone', 'city', 'country', 'signup_date', 'segment', 'marketing_opt_in'],
    rows,
  );
}
