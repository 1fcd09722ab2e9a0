// How long review work reports where it is: one plain record per report (it crosses a worker
// boundary through a proxied callback), the shape fusion's warehouse build uses too.

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
 * One bar for work done in phases of different cost (embedding, training steps, scoring): each
 * phase's own progress fills its share of the bar, in proportion to `costs`, so a later phase
 * continues the bar instead of restarting it and the ETA reads the whole run. `phase(k)` is the
 * reporter for phase k; the bar counts `done` of `total` in per-mille.
 */
export function phasedProgress(report: Report | undefined, costs: readonly number[]): (phase: number) => Report | undefined {
  if (!report) return () => undefined;
  const total = costs.reduce((sum, c) => sum + Math.max(0, c), 0) || 1;
  const starts = costs.map((_, k) => costs.slice(0, k).reduce((sum, c) => sum + Math.max(0, c), 0));
  return (phase) => (p) => {
    const within = p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : 1;
    const share = Math.max(0, costs[phase] ?? 0);
    report({ done: Math.round((1000 * ((starts[phase] ?? total) + within * share)) / total), total: 1000, unit: 'per-mille', message: p.message });
  };
}
