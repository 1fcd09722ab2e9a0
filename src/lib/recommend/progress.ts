// One progress bar over the phases of recommend work (tuning a model, fitting it, ranking the
// catalogue with it, then the next model), weighted by cost: jobs/phase-bar.ts in the shape
// every recommend loop reports in, RunOptions' (done, total, message). The bar never goes back
// as long as each phase's reporter is given to one loop (a loop counts up).
import { phaseBar, phaseBarScale } from '../jobs/phase-bar';
import type { RunOptions } from './types';

export type Report = NonNullable<RunOptions['onProgress']>;

/**
 * `phase(k)` is the reporter for phase k: its (done, total) becomes per-mille of the whole bar.
 * Phases nest: a phase's reporter can be split again with phasedProgress.
 */
export function phasedProgress(report: Report | undefined, costs: readonly number[]): (phase: number) => Report | undefined {
  if (!report) return () => undefined;
  const position = phaseBar(costs);
  return (phase) => (done, of, message) => report(position(phase, done, of), phaseBarScale, message);
}
