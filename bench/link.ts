// Links N x N generated person records with the fusion/link API in Node and prints records/s,
// pairs compared, peak memory and precision/recall/F1 of the 1:1 best matches.
//   npx tsx bench/link.ts [N=100000]
import { generateLinkRecords } from './generate-link-records';
import { bestMatchPerRow, comparison, linkSettings, linkTables } from '../src/lib/fusion/link';

const n = Number(process.argv[2] ?? 100_000);
const { a, b, trueMatch } = generateLinkRecords(n, 7);
let peakBytes = 0;
const sample = (): void => { peakBytes = Math.max(peakBytes, process.memoryUsage().rss); };
const timer = setInterval(sample, 100);
const settings = linkSettings({
  comparisons: [
    comparison({ left: 'name', kind: 'jaro-winkler', normaliser: 'name', thresholds: [0.95, 0.9, 0.8], termFrequency: true }),
    comparison({ left: 'email', kind: 'exact', normaliser: 'email', termFrequency: true }),
    comparison({ left: 'street', kind: 'jaro-winkler', normaliser: 'name', thresholds: [0.9] }),
    comparison({ left: 'city', kind: 'exact', normaliser: 'name', termFrequency: true }),
    comparison({ left: 'born', kind: 'exact', normaliser: 'none' }),
  ],
  blocking: [
    { kind: 'token', field: 'name', maxBlockSize: 300 },
    { kind: 'exact', fields: ['email'], maxBlockSize: 50 },
    { kind: 'exact', fields: ['city', 'born'], maxBlockSize: 50 },
  ],
  maxCandidatesPerRow: 20,
});
const started = performance.now();
const result = await linkTables(b, a, settings);
const seconds = (performance.now() - started) / 1000;
clearInterval(timer);
sample();
const best = bestMatchPerRow(result.pairs, 0.5, b.rowCount);
let tp = 0;
let predicted = 0;
let actual = 0;
best.forEach((i, row) => {
  if (trueMatch[row]! >= 0) actual++;
  if (i === -1) return;
  predicted++;
  if (result.pairs.b[i] === trueMatch[row]) tp++;
});
const precision = tp / Math.max(1, predicted);
const recall = tp / Math.max(1, actual);
console.log(`link ${n} x ${n}: ${seconds.toFixed(1)} s, ${Math.round((2 * n) / seconds).toLocaleString('en')} records/s`);
console.log(`pairs compared ${result.stats.pairsCompared.toLocaleString('en')}, peak rss ${(peakBytes / 2 ** 20).toFixed(0)} MB`);
console.log(`precision ${precision.toFixed(3)} recall ${recall.toFixed(3)} F1 ${((2 * precision * recall) / Math.max(1e-9, precision + recall)).toFixed(3)}, lambda ${result.model.lambda.toExponential(2)}`);
console.log(`command: npx tsx bench/link.ts ${n}`);
