// One progress bar over work done in phases of different cost (tuning, fitting, embedding,
// training steps, scoring): each phase's own count fills its share of the bar, in proportion
// to `costs`, so a later phase continues the bar instead of restarting it and an ETA reads the
// whole run. Each domain wraps this in its own report shape (reviews/progress.ts,
// recommend/progress.ts).

/** The bar's resolution: positions are per-mille of the whole. */
export const phaseBarScale = 1000;

/** `position(k, done, total)`: where `done` of `total` in phase k lies on the bar, in per-mille. */
export function phaseBar(costs: readonly number[]): (phase: number, done: number, total: number) => number {
  const shares = costs.map((c) => (Number.isFinite(c) ? Math.max(0, c) : 0));
  const whole = shares.reduce((sum, c) => sum + c, 0) || 1;
  const starts = shares.map((_, k) => shares.slice(0, k).reduce((sum, c) => sum + c, 0));
  return (phase, done, total) => {
    const within = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
    return Math.round((phaseBarScale * ((starts[phase] ?? whole) + within * (shares[phase] ?? 0))) / whole);
  };
}
