// Seeded person records for linkage benchmarks: table A, and table B holding a corrupted copy of
// a share of A's people (typos, missing fields, swapped name order, abbreviated first names, a new
// e-mail, a moved address) plus people of its own. Pure, so a browser bench page can reuse it.
import type { FusionTable } from '../src/lib/fusion/types';

const firstNames = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Emma', 'Lukas', 'Sofia', 'Mateo', 'Chloe', 'Noah', 'Mia', 'Leon', 'Anna', 'Luca'];
const syllables = ['ber', 'son', 'man', 'ker', 'ton', 'ley', 'ford', 'ham', 'well', 'wood', 'stein', 'berg', 'ova', 'ski', 'ez', 'ini', 'sen', 'dal', 'gren', 'holm'];
const streets = ['Main St', 'High St', 'Park Ave', 'Oak Rd', 'Mill Ln', 'Church St', 'Station Rd', 'Elm St'];
const cities = Array.from({ length: 300 }, (_, i) => `City${i}`);
const domains = ['gmail.com', 'yahoo.com', 'outlook.com', 'web.de', 'proton.me'];

export interface LinkRecords {
  a: FusionTable;
  b: FusionTable;
  /** trueMatch[bRow] = row in A, or -1. */
  trueMatch: Int32Array;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateLinkRecords(n: number, seed = 1, overlap = 0.5): LinkRecords {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const typo = (w: string): string => {
    if (w.length < 4) return w;
    const i = 1 + Math.floor(random() * (w.length - 2));
    return random() < 0.5 ? w.slice(0, i) + w.slice(i + 1) : w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  };
  const person = (): string[] => {
    const first = pick(firstNames);
    const last = pick(syllables).replace(/^./, (c) => c.toUpperCase()) + pick(syllables) + (random() < 0.5 ? pick(syllables) : '');
    const city = pick(cities);
    return [first, last, `${first}.${last}${Math.floor(random() * 100)}@${pick(domains)}`.toLowerCase(), `${1 + Math.floor(random() * 200)} ${pick(streets)}`, city, String(1900 + Math.floor(random() * 100))];
  };
  const aRows = Array.from({ length: n }, person);
  const bRows: string[][] = [];
  const trueMatch: number[] = [];
  for (let i = 0; i < n; i++) {
    if (random() < overlap) {
      const [first, last, email, street, city, born] = aRows[i]!.map((x) => x);
      let f = first!;
      let l = last!;
      if (random() < 0.3) l = typo(l);
      if (random() < 0.15) f = typo(f);
      if (random() < 0.1) f = `${f[0]}.`;
      const name = random() < 0.1 ? `${l}, ${f}` : `${f} ${l}`;
      bRows.push([
        name,
        random() < 0.3 ? `${f}${l}@${pick(domains)}`.toLowerCase() : random() < 0.1 ? '' : email!,
        random() < 0.2 ? `${1 + Math.floor(random() * 200)} ${pick(streets)}` : street!,
        random() < 0.15 ? pick(cities) : city!,
        random() < 0.1 ? '' : born!,
      ]);
      trueMatch.push(i);
    } else {
      const [first, last, email, street, city, born] = person();
      bRows.push([`${first} ${last}`, email!, street!, city!, born!]);
      trueMatch.push(-1);
    }
  }
  const col = (name: string, values: string[]): FusionTable['columns'][number] => ({ name, type: 'text', role: 'none', values: values.map((v) => (v === '' ? null : v)) });
  return {
    a: { id: 'A', name: 'A', rowCount: n, columns: [col('name', aRows.map((r) => `${r[0]} ${r[1]}`)), col('email', aRows.map((r) => r[2]!)), col('street', aRows.map((r) => r[3]!)), col('city', aRows.map((r) => r[4]!)), col('born', aRows.map((r) => r[5]!))] },
    b: { id: 'B', name: 'B', rowCount: n, columns: ['name', 'email', 'street', 'city', 'born'].map((name, k) => col(name, bRows.map((r) => r[k]!))) },
    trueMatch: Int32Array.from(trueMatch),
  };
}
