// The browser linkage benchmark's worker: generate the records, link them, score the matches.
import { expose } from '../src/lib/jobs/rpc';
import { linkTables } from '../src/lib/fusion/link';
import { generateLinkRecords } from './generate-link-records';
import { benchLinkSettings, scoreBestMatches } from './link-settings';

expose({
  async run(n: number) {
    const { a, b, trueMatch } = generateLinkRecords(n, 7);
    const started = performance.now();
    const result = await linkTables(b, a, benchLinkSettings());
    const seconds = (performance.now() - started) / 1000;
    return { n, seconds, recordsPerSecond: (2 * n) / seconds, pairsCompared: result.stats.pairsCompared, ...scoreBestMatches(result, trueMatch, b.rowCount) };
  },
});
