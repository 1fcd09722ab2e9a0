import type { JobHandler } from '../jobs';
import { tf } from './backend';

// "How fast is this device?": square fp32 matmuls of growing size on the active backend, each
// timed until its result is read back (so GPU work is really finished). Gives the user a figure
// for what training will cost here, and gives the job runtime a real long job to run.

export interface DeviceBenchmarkParams {
  /** Rough wall-clock budget; sizes that would overrun it are skipped. */
  budgetMs: number;
}

export interface MatmulFigure {
  size: number;
  reps: number;
  msPerRep: number;
  gflops: number;
}

export interface DeviceBenchmarkResult {
  backend: string;
  figures: MatmulFigure[];
  bestGflops: number;
}

const sizes = [64, 128, 256, 512, 1024, 2048];

async function timeMatmul(size: number): Promise<number> {
  const [a, b] = tf.tidy(() => [tf.randomUniform([size, size], -1, 1, 'float32', 1), tf.randomUniform([size, size], -1, 1, 'float32', 2)]);
  const started = performance.now();
  const product = tf.matMul(a!, b!);
  await product.data();
  const elapsed = performance.now() - started;
  tf.dispose([a!, b!, product]);
  return elapsed;
}

export function deviceBenchmarkJob(): JobHandler<DeviceBenchmarkParams, DeviceBenchmarkResult> {
  return async (ctx) => {
    const resumed = (ctx.resumeState as { figures?: MatmulFigure[] } | null)?.figures ?? [];
    const figures: MatmulFigure[] = [...resumed];
    const perSizeMs = ctx.params.budgetMs / sizes.length;
    const started = performance.now();
    for (const size of sizes) {
      if (figures.some((f) => f.size === size)) continue;
      await timeMatmul(size); // warm-up: compiles shaders, allocates buffers
      let reps = 0;
      let totalMs = 0;
      while (totalMs < perSizeMs && reps < 50) {
        totalMs += await timeMatmul(size);
        reps++;
        const elapsed = performance.now() - started;
        ctx.progress(Math.min(elapsed, ctx.params.budgetMs - 1), ctx.params.budgetMs, 'ms', `${size}x${size} matmul`);
        // Yield so a cancel message can arrive between reps.
        await new Promise((resolve) => setTimeout(resolve, 0));
        ctx.signal.throwIfAborted();
      }
      const msPerRep = totalMs / reps;
      figures.push({ size, reps, msPerRep, gflops: (2 * size ** 3) / (msPerRep * 1e6) });
      ctx.metric(size, { gflops: figures.at(-1)!.gflops, msPerRep });
      await ctx.checkpoint(size, { figures });
      // The next size costs ~8x this one: stop before it blows the budget.
      if (msPerRep * 8 > perSizeMs * 2 || performance.now() - started > ctx.params.budgetMs) break;
    }
    const result: DeviceBenchmarkResult = { backend: tf.getBackend(), figures, bestGflops: Math.max(...figures.map((f) => f.gflops)) };
    ctx.summarise({ backend: result.backend, bestGflops: result.bestGflops });
    ctx.progress(ctx.params.budgetMs, ctx.params.budgetMs, 'ms', 'Done');
    return result;
  };
}
