// The ML commands (embed, pretrain, finetune) through the real CLI entry point, on small
// sentiment-like reviews generated here; asserts that learning happened, not how long it took.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviews } from '../ml/train/sentiment';

const bin = fileURLToPath(new URL('../../../bin/edgefuse.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'edgefuse-ml-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(args: string[]): Record<string, unknown> {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: scratch, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`edgefuse ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

type Val = { loss: number; accuracy?: number; rmse?: number };

describe('edgefuse embed, pretrain, finetune', () => {
  beforeAll(() => {
    const rows = reviews(120, 7).map((r) => `"${r.text.replace(/"/g, '""')}",${r.label},${r.stars}`);
    writeFileSync(join(scratch, 'reviews.csv'), ['review,sentiment,stars', ...rows].join('\n') + '\n');
  });

  it('embeds a text column with USE-lite: unit vectors, same sentiment closer', () => {
    const summary = run(['embed', '--data', 'reviews.csv', '--text', 'review', '--out', 'vectors.json', '--batch', '50']);
    expect(summary).toMatchObject({ rows: 120, dimensions: 512, batches: 3, backend: 'wasm' });
    const { embeddings } = JSON.parse(readFileSync(join(scratch, 'vectors.json'), 'utf8')) as { embeddings: number[][] };
    const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    for (const e of embeddings) expect(dot(e, e)).toBeCloseTo(1, 4);
    let [same, other, ns, no] = [0, 0, 0, 0];
    for (let i = 0; i < 40; i++) for (let j = i + 1; j < 40; j++) (i % 2 === j % 2 ? ((same += dot(embeddings[i]!, embeddings[j]!)), ns++) : ((other += dot(embeddings[i]!, embeddings[j]!)), no++));
    expect(same / ns).toBeGreaterThan(other / no);
    const csv = run(['embed', '--data', 'reviews.csv', '--text', 'review', '--out', 'vectors.csv']);
    expect(readFileSync(join(scratch, 'vectors.csv'), 'utf8').split('\n')[0]!.split(',')).toHaveLength(2 + 512);
    expect(csv.rows).toBe(120);
  });

  it('pretrains an encoder from scratch: the MLM loss falls well below a uniform guess', () => {
    const summary = run(['pretrain', '--data', 'reviews.csv', '--text', 'review', '--tokenizer', 'bpe', '--vocab', '400', '--steps', '60', '--width', '64', '--out', 'scratch-model']);
    const loss = summary.loss as { uniformGuess: number; first: number; last: number; curve: unknown[] };
    console.log(`pretrain: loss ${loss.first} -> ${loss.last} (uniform ${loss.uniformGuess}), val ${JSON.stringify(summary.valLoss)}`);
    expect(loss.last).toBeLessThan(0.7 * loss.first);
    expect((summary.valLoss as { best: number }).best).toBeLessThan(0.8 * loss.uniformGuess);
    for (const file of ['model.json', 'weights.bin', 'tokenizer.json']) expect(existsSync(join(scratch, 'scratch-model', file))).toBe(true);
  });

  it('fine-tunes USE-lite with LoRA to classify the label column', () => {
    const summary = run(['finetune', '--data', 'reviews.csv', '--text', 'review', '--label', 'sentiment', '--lora', '4', '--steps', '16', '--batch', '12', '--lr', '0.02', '--out', 'classifier']);
    const val = summary.val as { first: Val; last: Val };
    console.log(`finetune use-lite: val ${JSON.stringify(val)}, baseline ${JSON.stringify(summary.baseline)}`);
    expect(summary).toMatchObject({ task: 'classification', trainable: 'lora', classes: ['negative', 'positive'], examples: { train: 96, val: 24 } });
    expect(val.last.accuracy).toBeGreaterThan(0.8); // the majority class is 0.42 of the validation rows
    expect(val.last.loss).toBeLessThan(0.6 * val.first.loss);
    expect(existsSync(join(scratch, 'classifier', 'weights.bin'))).toBe(true);
  });

  it('fine-tunes the encoder pretrained above (--base DIR) to classify', () => {
    const summary = run(['finetune', '--data', 'reviews.csv', '--text', 'review', '--label', 'sentiment', '--base', 'scratch-model', '--steps', '40', '--lr', '0.003']);
    const val = summary.val as { first: Val; last: Val };
    console.log(`finetune scratch-model: val ${JSON.stringify(val)}, baseline ${JSON.stringify(summary.baseline)}`);
    expect(summary).toMatchObject({ task: 'classification', trainable: 'all', base: 'scratch-model' });
    expect(val.last.accuracy).toBeGreaterThan(0.7);
  });

  it('trains a regression head on USE-lite vectors for a numeric label (--head-only)', () => {
    const summary = run(['finetune', '--data', 'reviews.csv', '--text', 'review', '--label', 'stars', '--head-only', '--steps', '40', '--lr', '0.02']);
    const val = summary.val as { first: Val; last: Val };
    const baseline = summary.baseline as { rmse: number };
    console.log(`finetune head-only regression: val ${JSON.stringify(val)}, baseline ${JSON.stringify(baseline)}`);
    expect(summary).toMatchObject({ task: 'regression', trainable: 'head', trainedParameters: 513 });
    expect(val.last.rmse).toBeLessThan(0.75 * baseline.rmse);
  });

  it('refuses a missing column with a usage error', () => {
    const result = spawnSync(process.execPath, [bin, 'finetune', '--data', 'reviews.csv', '--text', 'nope', '--label', 'stars'], { cwd: scratch, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/no column "nope"/);
  });
});
