// Recommender benchmark: training time per epoch and recommendations/s on generated data of
// 1M interactions over a 100k-item catalogue (100k users x 10 items, taste groups plus a Zipf
// tail). Typed-array models (item-kNN, implicit ALS, biased MF) run on the CPU in Node; SASRec
// runs on the tfjs backend named by --backend (wasm here; webgpu where the runtime has WebGPU).
//   npx tsx bench/recommend.ts [--users=100000 --items=100000 --perUser=10 --backend=wasm --sasrecSteps=20 --recUsers=2000]
// One JSON line per measurement, wall clock and CPU time (the machine may be shared); a SASRec
// epoch is extrapolated from --sasrecSteps timed steps.
import { parseArgs } from 'node:util';
import { loadMl } from '../src/cli/ml-runtime';
import { buildInteractions, byUser, factorRanker, itemNeighbours, knnDefaults, knnRanker, mfRanker, topK, trainAls, trainMf, type Interactions, type ScoreUser } from '../src/lib/recommend';
import { seededRandom } from '../src/lib/recommend/random';

const { values } = parseArgs({ options: { users: { type: 'string' }, items: { type: 'string' }, perUser: { type: 'string' }, backend: { type: 'string' }, sasrecSteps: { type: 'string' }, recUsers: { type: 'string' } } });
const o = { users: Number(values.users ?? 100_000), items: Number(values.items ?? 100_000), perUser: Number(values.perUser ?? 10), backend: values.backend ?? 'wasm', sasrecSteps: Number(values.sasrecSteps ?? 20), recUsers: Number(values.recUsers ?? 2000) };
const command = `npx tsx bench/recommend.ts --users=${o.users} --items=${o.items} --perUser=${o.perUser} --backend=${o.backend} --sasrecSteps=${o.sasrecSteps} --recUsers=${o.recUsers}`;
const report = (line: Record<string, unknown>) => console.log(JSON.stringify({ command, ...line }));

/** Users in taste groups of 100 items (70% of their items), the rest from a Zipf tail over the catalogue. */
function generate(): Interactions {
  const random = seededRandom(42);
  const groupSize = 100;
  const zipf = (n: number) => Math.min(n - 1, Math.floor(n ** random.next()) - 1); // log-uniform: P(i) ~ 1/i
  const user: string[] = [];
  const item: string[] = [];
  const rating: number[] = [];
  for (let u = 0; u < o.users; u++) {
    const group = random.int(Math.floor(o.items / groupSize));
    const seen = new Set<number>();
    while (seen.size < o.perUser) {
      const i = random.next() < 0.7 ? group * groupSize + zipf(groupSize) : zipf(o.items);
      if (seen.has(i)) continue; // distinct items, so the data holds exactly users x perUser interactions
      seen.add(i);
      user.push(`u${u}`);
      item.push(`i${i}`);
      rating.push(1 + random.int(5));
    }
  }
  return buildInteractions({ user, item, rating }, { catalogue: Array.from({ length: o.items }, (_, i) => `i${i}`) }).interactions;
}

/** Top-10 lists per second over the full catalogue, by wall clock and by CPU time. */
function recommendationsPerSecond(score: ScoreUser, data: Interactions): { recommendationsPerSecond: number; perCpuSecond: number } {
  const users = byUser(data);
  const scores = new Float32Array(data.itemIds.length);
  const [started, cpu] = [performance.now(), process.cpuUsage()];
  for (let u = 0; u < o.recUsers; u++) {
    score(u, scores);
    for (let p = users.offsets[u]!; p < users.offsets[u + 1]!; p++) scores[users.index[p]!] = -Infinity;
    topK(scores, 10);
  }
  const used = process.cpuUsage(cpu);
  return { recommendationsPerSecond: Math.round(o.recUsers / ((performance.now() - started) / 1000)), perCpuSecond: Math.round(o.recUsers / ((used.user + used.system) / 1e6)) };
}

/** Wall-clock ms, and CPU ms of this process: the figure to compare on a busy shared machine. */
let lastCpuMs = 0;
const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const [started, cpu] = [performance.now(), process.cpuUsage()];
  const value = await f();
  const used = process.cpuUsage(cpu);
  lastCpuMs = (used.user + used.system) / 1000;
  return [value, performance.now() - started];
};

const [data, generateMs] = await timed(async () => generate());
report({ figure: 'data', users: data.userIds.length, items: data.itemIds.length, interactions: data.user.length, generateMs: Math.round(generateMs) });

const [neighbours, knnMs] = await timed(() => itemNeighbours(data, knnDefaults, 'implicit'));
report({ model: 'item-knn', runtime: 'typed arrays', buildMs: Math.round(knnMs), buildCpuMs: Math.round(lastCpuMs), neighbours: knnDefaults.neighbours, ...recommendationsPerSecond(knnRanker(data, neighbours), data) });

const alsEpochs = 2;
const [als, alsMs] = await timed(() => trainAls(data, { factors: 64, epochs: alsEpochs }));
report({ model: 'als', runtime: 'typed arrays', factors: 64, cgSteps: 3, epochMs: Math.round(alsMs / alsEpochs), epochCpuMs: Math.round(lastCpuMs / alsEpochs), ...recommendationsPerSecond(factorRanker(als), data) });

const mfEpochs = 2;
const [mf, mfMs] = await timed(() => trainMf(data, { factors: 64, epochs: mfEpochs }));
report({ model: 'biased-mf', runtime: 'typed arrays', factors: 64, epochMs: Math.round(mfMs / mfEpochs), epochCpuMs: Math.round(lastCpuMs / mfEpochs), ...recommendationsPerSecond(mfRanker(mf), data) });
const [, svdppMs] = await timed(() => trainMf(data, { factors: 64, epochs: 1, implicit: true }));
report({ model: 'svd++', runtime: 'typed arrays', factors: 64, epochMs: Math.round(svdppMs), epochCpuMs: Math.round(lastCpuMs) });

// SASRec on tfjs: time a few steps of an epoch and extrapolate; then batched scoring.
const { tf } = await loadMl();
if (o.backend !== 'wasm') {
  if (o.backend === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  if (o.backend === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  // tfjs registers webgpu only where navigator.gpu exists; elsewhere setBackend throws or returns false.
  const started = await Promise.resolve(tf.setBackend(o.backend)).catch(() => false);
  if (!started) throw new Error(`The tfjs ${o.backend} backend did not start here (Node has no WebGPU; it needs a runtime where navigator.gpu exists).`);
}
const { trainSasrec, userStates } = await import('../src/lib/recommend/sasrec-train');
const batchSize = 128;
const stepsPerEpoch = Math.ceil(o.users / batchSize);
const sample = buildInteractions({ user: Array.from({ length: o.sasrecSteps * batchSize * o.perUser }, (_, r) => data.userIds[data.user[r]!]!), item: Array.from({ length: o.sasrecSteps * batchSize * o.perUser }, (_, r) => data.itemIds[data.item[r]!]!) }, { catalogue: data.itemIds }).interactions;
const sasrecConfig = { maxLength: o.perUser, width: 64, depth: 2, heads: 1 };
const sampleUsers = byUser(sample);
const learners = Array.from({ length: sample.userIds.length }, (_, u) => sampleUsers.offsets[u + 1]! - sampleUsers.offsets[u]!).filter((n) => n >= 2).length;
const [run] = await timed(() => trainSasrec(sample, sasrecConfig, { epochs: 1, batchSize }));
const stepsTimed = Math.ceil(learners / batchSize);
const stepMs = run.epochMs[0]! / stepsTimed;
const stepCpuMs = lastCpuMs / stepsTimed; // includes building the model, a small share over 20 steps
const model = run.model;
const states = userStates(model, byUser(sample), Int32Array.from({ length: Math.min(o.recUsers, sample.userIds.length) }, (_, u) => u));

/** Users' vectors [n, C] against every item [V, C] in batches: matMul, then top (10 + history) on the backend. */
async function batchedRecommendationsPerSecond(userRows: Float32Array, itemRows: Float32Array, C: number): Promise<number> {
  const items = tf.tensor2d(itemRows, [itemRows.length / C, C]); // [V, C]
  const started = performance.now();
  const batch = 256;
  for (let start = 0; start * C < userRows.length; start += batch) {
    const rows = userRows.subarray(start * C, Math.min(userRows.length, (start + batch) * C));
    const top = tf.tidy(() => tf.topk(tf.matMul(tf.tensor2d(rows, [rows.length / C, C]), items, false, true), 10 + o.perUser)); // [b, V] -> [b, 10 + history]
    await top.indices.data(); // the user's own items are dropped from these 10 + history on the CPU
    tf.dispose([top.values, top.indices]);
  }
  const perSecond = userRows.length / C / ((performance.now() - started) / 1000);
  items.dispose();
  return perSecond;
}

const C = model.config.width;
report({ model: 'sasrec', runtime: `tfjs ${tf.getBackend()}`, width: C, depth: 2, maxLength: o.perUser, batchSize, stepMs: Math.round(stepMs), stepCpuMs: Math.round(stepCpuMs), stepsTimed, epochMsExtrapolated: Math.round(stepMs * stepsPerEpoch), stepsPerEpoch, recommendationsPerSecond: Math.round(await batchedRecommendationsPerSecond(states, model.itemTable.subarray(C), C)) });
model.dispose();
// The factor models' lists on the same backend (a batched matMul instead of one loop per user).
const alsUsers = als.userFactors.subarray(0, Math.min(o.recUsers, data.userIds.length) * 64);
report({ model: 'als', runtime: `tfjs ${tf.getBackend()} (batched scoring)`, recommendationsPerSecond: Math.round(await batchedRecommendationsPerSecond(alsUsers, als.itemFactors, 64)) });
