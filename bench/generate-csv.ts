// Writes a CSV of N rows (default 1,000,000, ~100 MB) with the column types commerce exports
// have: ids, ISO and US timestamps, currency strings, integers, floats, categories, booleans,
// emails and free text (with quotes, commas and the occasional quoted newline).
//   npx tsx bench/generate-csv.ts [rows] [out.csv]
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const rows = Number(process.argv[2] ?? 1_000_000);
const out = process.argv[3] ?? '.bench-out/orders-1m.csv';

let seed = 12345;
function random(): number {
  // mulberry32: deterministic, so every run measures the same bytes.
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const categories = ['Coffee', 'Tea', 'Snacks', 'Kitchenware', 'Apparel', 'Books', 'Garden', 'Toys'];
const words = ['great', 'fast', 'delivery', 'quality', 'price', 'broken', 'love', 'fresh', 'small', 'would', 'buy', 'again', 'not', 'worth', 'excellent', 'taste'];
const header = 'order_id,customer_id,ordered_at,total,quantity,unit_weight_kg,category,gift,email,comment\n';

function row(i: number): string {
  const day = new Date(Date.UTC(2023, 0, 1) + Math.floor(random() * 730 * 86_400_000));
  const when = random() < 0.8 ? day.toISOString() : `${day.getUTCMonth() + 1}/${day.getUTCDate()}/${day.getUTCFullYear()}`;
  const total = (random() * 500).toFixed(2);
  const money = random() < 0.5 ? `$${total}` : total;
  const text = Array.from({ length: 2 + Math.floor(random() * 5) }, () => pick(words)).join(' ');
  const comment = random() < 0.1 ? `"${text}, ""really""\n${text}"` : text;
  return `O-${String(i).padStart(8, '0')},C-${String(Math.floor(random() * 50_000)).padStart(6, '0')},${when},${money},${1 + Math.floor(random() * 5)},${(random() * 3).toFixed(3)},${pick(categories)},${random() < 0.1},user${Math.floor(random() * 50_000)}@example.com,${comment}\n`;
}

const stream = createWriteStream(out);
stream.write(header);
let bytes = header.length;
for (let i = 0; i < rows; i++) {
  const line = row(i);
  bytes += Buffer.byteLength(line);
  if (!stream.write(line)) await once(stream, 'drain');
}
stream.end();
await once(stream, 'finish');
console.log(JSON.stringify({ out, rows, bytes }));
