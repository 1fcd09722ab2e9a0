// How long review work reports where it is: one plain record per report (it crosses a worker
// boundary through a proxied callback), the shape fusion's warehouse build uses too.
import { phaseBar, phaseBarScale } from '../jobs/phase-bar';

export interface ReviewProgress {
  done: number;
  total: number;
  /** What `done` counts: 'texts', 'steps'. */
  unit: string;
  /** For the user: what is happening now. */
  message: string;
}

type Report = (p: ReviewProgress) => void;

/**
 * One bar for review work done in phases of different cost (embedding, training steps,
 * scoring), weighted by `costs` (jobs/phase-bar.ts). `phase(k)` is the reporter for phase k;
 * the bar counts `done` of `total` in per-mille.
 */
export function phasedProgress(report: Report | undefined, costs: readonly number[]): (phase: number) => Report | undefined {
  if (!report) return () => undefined;
  const position = phaseBar(costs);
  return (phase) => (p) => report({ done: position(phase, p.done, p.total), total: phaseBarScale, unit: 'per-mille', message: p.message });
}
