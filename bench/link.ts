// Links N x N generated person records with the fusion/link API in Node and prints records/s,
// CPU seconds, pairs compared, peak memory and precision/recall/F1 of the best matches.
// bench/link-browser.ts runs the same in Chromium.
//   npx tsx bench/link.ts [N=100000]
import { generateLinkRecords } from './generate-link-records';
import { benchLinkSettings, scoreBestMatches } from './link-settings';
import { linkTables } from '../src/lib/fusion/link';

const n = Number(process.argv[2] ?? 100_000);
const { a, b, trueMatch } = generateLinkRecords(n, 7);
let peakBytes = 0;
const sample = (): void => { peakBytes = Math.max(peakBytes, process.memoryUsage().rss); };
const timer = setInterval(sample, 100);
const started = performance.now();
const cpuStarted = process.cpuUsage();
const result = await linkTables(b, a, benchLinkSettings());
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
clearInterval(timer);
sample();
const { precision, recall, f1 } = scoreBestMatches(result, trueMatch, b.rowCount);
console.log(`link ${n} x ${n}: ${seconds.toFixed(1)} s, ${Math.round((2 * n) / seconds).toLocaleString('en')} records/s (CPU ${cpuSeconds.toFixed(1)} s: the figure to compare on a busy machine)`);
console.log(`pairs compared ${result.stats.pairsCompared.toLocaleString('en')}, peak rss ${(peakBytes / 2 ** 20).toFixed(0)} MB`);
console.log(`precision ${precision.toFixed(3)} recall ${recall.toFixed(3)} F1 ${f1.toFixed(3)}, lambda ${result.model.lambda.toExponential(2)}`);
console.log(`command: npx tsx bench/link.ts ${n}`);
