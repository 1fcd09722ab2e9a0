// Search throughput over a generated catalogue in Node: BM25 (MiniSearch, fuzzy + prefix) index
// build and queries/s, and exact dense retrieval (brute-force cosine, top 100) queries/s over
// N random unit vectors of 512 dimensions (USE-lite's width), plus reciprocal rank fusion.
// The encoder's own cost (embedding the query) is in bench/encoder.ts, not here.
//   npx tsx bench/search.ts [N=100000] [queries=200]
import { bm25Index, catalogueFromColumns, reciprocalRankFusion, searchVectors, vectorIndex } from '../src/lib/search';

const n = Number(process.argv[2] ?? 100_000);
const queryCount = Number(process.argv[3] ?? 200);
let state = 7;
const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T;

const origins = ['Colombian', 'Ethiopian', 'Kenyan', 'Brazilian', 'Guatemalan', 'Sumatran', 'Peruvian', 'Rwandan', 'Assam', 'Darjeeling', 'Yunnan', 'Ceylon'];
const kinds = ['Coffee Beans', 'Ground Coffee', 'Espresso Capsules', 'Black Tea', 'Green Tea', 'Loose Leaf Tea', 'Teapot', 'Burr Grinder', 'Pour Over Dripper', 'Travel Mug'];
const notes = ['chocolate', 'caramel', 'citrus', 'berry', 'floral', 'nutty', 'honey', 'smoky', 'malty', 'spicy'];
const sizes = ['250g', '500g', '1kg', '100g', 'x10', 'x20', '350ml', '1L'];
const titles = Array.from({ length: n }, (_, i) => `${pick(origins)} ${pick(kinds)} ${pick(sizes)} No ${i}`);
const descriptions = Array.from({ length: n }, () => `Notes of ${pick(notes)} and ${pick(notes)}.`);
const catalogue = catalogueFromColumns(titles.map((_, i) => `P${i}`), [{ name: 'title', values: titles }, { name: 'description', values: descriptions }]);
const queries = Array.from({ length: queryCount }, () => `${pick(origins).toLowerCase().slice(0, 6)} ${pick(kinds).split(' ')[0]!.toLowerCase()} ${pick(notes)}`);

/** Wall and CPU milliseconds of `work`: on a shared machine the CPU figure is the one to compare. */
function timed<T>(work: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = work();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

let started = performance.now();
const bm25 = bm25Index(catalogue);
const buildSeconds = (performance.now() - started) / 1000;
const keywordRun = timed(() => queries.map((q) => bm25.search(q, 100)));
const keyword = keywordRun.value;

const dim = 512;
const unit = () => Float32Array.from({ length: dim }, () => next() - 0.5);
const docs = vectorIndex(Array.from({ length: n }, unit));
const queryVectors = queries.map(unit);
const denseRun = timed(() => queryVectors.map((v) => searchVectors(docs, v, 100)));
const dense = denseRun.value;
const fusionRun = timed(() => keyword.map((k, i) => reciprocalRankFusion([k, dense[i]!])));
const per = (run: { ms: number; cpuMs: number }) => `${(run.ms / queryCount).toFixed(2)} ms/query wall, ${(run.cpuMs / queryCount).toFixed(2)} ms CPU (${Math.round((1000 * queryCount) / run.cpuMs)} queries/s per core)`;

console.log(`catalogue ${n.toLocaleString('en')} products, ${queryCount} queries`);
console.log(`BM25 (fuzzy 0.2, prefix, OR): index built in ${buildSeconds.toFixed(1)} s; ${per(keywordRun)}`);
console.log(`dense exact cosine top-100 over ${n.toLocaleString('en')} x ${dim}: ${per(denseRun)}, ${((n * dim * queryCount) / (denseRun.cpuMs * 1e6)).toFixed(2)} G multiply-adds per CPU second`);
console.log(`reciprocal rank fusion of two top-100 lists: ${per(fusionRun)}`);
console.log(`command: npx tsx bench/search.ts ${n} ${queryCount}`);
