import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Encoder, encoderConfig, parseVocabulary, SentencePiece } from '../../../src/lib/ml/models';
import { ClassificationHead, encoderEmbedder, Rng, splitValidation, textObjective, train } from '../../../src/lib/ml/train';
import { attributeTokens, encoderAttributionModel, mergeWords, sentencePieceTokens, type TextToken } from '../../../src/lib/reviews/attributions';
import { packageDir } from '../ml/models/texts';

// Attributions on a tiny encoder with a classification head: integrated gradients are complete
// (Σ scores = f(x) − f(baseline)), gradient × input matches a finite difference, nothing leaks,
// and on a model trained to spot one word, that word gets the largest attribution. Plus the
// spans of USE-lite's SentencePiece pieces in the original text.

const fillers = ['the', 'box', 'came', 'today', 'with', 'some', 'tea', 'and', 'a', 'mug', 'for', 'my', 'sister', 'on', 'monday', 'it', 'was', 'ordered', 'late', 'fine'];
const vocabulary = ['[pad]', '[unk]', ...fillers, 'zebra'];

/** Whitespace words -> ids of `vocabulary`, with their spans. */
function tinyTokens(text: string): TextToken[] {
  return Array.from(text.matchAll(/\S+/g), (m) => {
    const id = vocabulary.indexOf(m[0]);
    return { id: id < 0 ? 1 : id, piece: m[0], start: m.index!, end: m.index! + m[0].length, wordStart: true };
  });
}

/** Label 1 when "zebra" occurs among 4..8 filler words. */
function plantedTexts(count: number, seed: number) {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const words = Array.from({ length: 4 + rng.int(5) }, () => fillers[rng.int(fillers.length)]!);
    if (i % 2 === 0) words.splice(rng.int(words.length + 1), 0, 'zebra');
    return { text: words.join(' '), target: i % 2 === 0 ? 1 : 0 };
  });
}

function tinyModel(seed = 1) {
  const encoder = new Encoder(encoderConfig({ vocabSize: vocabulary.length, maxLength: 16, width: 16, embeddingWidth: 16, depth: 1, heads: 2, ffWidth: 32, dropout: 0, initStd: 0.3, seed }));
  const head = new ClassificationHead(16, 2, seed + 1);
  const dispose = () => {
    encoder.dispose();
    for (const v of head.weights.values()) v.dispose();
  };
  return { encoder, head, model: encoderAttributionModel(encoder, head, tinyTokens), dispose };
}

describe.each(['cpu', 'wasm'])('attributions on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('integrated gradients are complete (Σ scores ≈ f(x) − f(baseline)) and leak no tensor', async () => {
    const { model, dispose } = tinyModel();
    const texts = ['the box came late', 'my sister ordered a mug and some tea on monday'];
    const before = tf.memory().numTensors;
    for (const output of ['logit', 'probability'] as const) {
      const results = await attributeTokens(model, texts, { steps: 64, output, target: 1 });
      for (const r of results) {
        const delta = r.output - r.baselineOutput;
        console.log(`${backend} IG ${output}: f(x) − f(x') ${delta.toFixed(5)}, Σ scores ${(delta + r.gap).toFixed(5)}, gap ${r.gap.toExponential(1)}`);
        expect(Math.abs(delta)).toBeGreaterThan(1e-3); // a real difference to explain
        expect(Math.abs(r.gap)).toBeLessThan(0.01 * Math.abs(delta) + 1e-5);
        expect(r.tokens).toHaveLength(r.words.length);
      }
    }
    expect(tf.memory().numTensors).toBe(before);
    dispose();
  });

  it('gradient × input equals the directional derivative d/dα f(α·x) at α = 1 (finite difference)', async () => {
    const { encoder, head, model, dispose } = tinyModel(3);
    const text = 'some tea for my sister';
    const [r] = await attributeTokens(model, [text], { method: 'gradient-x-input', output: 'logit', target: 0 });
    const h = 1e-2;
    const at = (alpha: number) =>
      tf.tidy(() => {
        const ids = tf.tensor2d([tinyTokens(text).map((t) => t.id)], [1, 5], 'int32');
        const x = tf.mul(tf.gather(encoder.tokens, ids), alpha) as tf.Tensor3D;
        return head.predict(encoder.forwardEmbedded(x, tf.ones([1, 5])).pooled).arraySync()[0]![0]!;
      });
    const derivative = (at(1 + h) - at(1 - h)) / (2 * h);
    const total = r!.tokens.reduce((s, t) => s + t.score, 0);
    expect(Math.abs(total - derivative)).toBeLessThan(2e-3 * Math.max(1, Math.abs(derivative)));
    dispose();
  });

  // Training is the slow part: wasm only.
  it.runIf(backend === 'wasm')('on a model trained to spot "zebra", "zebra" gets the largest attribution', async () => {
    const { encoder, head, model, dispose } = tinyModel(5);
    const all = plantedTexts(240, 7);
    const examples = all.map((e) => ({ tokens: tinyTokens(e.text).map((t) => t.id), target: e.target }));
    const data = splitValidation(examples, 0.2, new Rng(2));
    const result = await train(textObjective(encoderEmbedder(encoder), head), data, { steps: 60, batchSize: 16, lr: 2e-2, warmup: 6, evalEvery: 60, logEvery: 60 });
    console.log(`${backend} planted word: val accuracy ${result.lastVal?.accuracy}`);
    expect(result.lastVal?.accuracy).toBeGreaterThan(0.95);
    const positives = plantedTexts(20, 99).filter((e) => e.target === 1).map((e) => e.text);
    const hits: Record<string, number> = {};
    for (const method of ['integrated-gradients', 'gradient-x-input'] as const) {
      const explained = await attributeTokens(model, positives, { method, steps: 32 });
      hits[method] = explained.filter((a) => a.target === 1 && a.words.reduce((best, w) => (w.score > best.score ? w : best)).text === 'zebra').length;
    }
    console.log(`${backend}: "zebra" on top in ${hits['integrated-gradients']}/${positives.length} (IG), ${hits['gradient-x-input']}/${positives.length} (gradient × input)`);
    // IG must always find it; gradient × input, a local linearisation, saturates on some texts
    expect(hits['integrated-gradients']).toBe(positives.length);
    expect(hits['gradient-x-input']).toBeGreaterThanOrEqual(0.6 * positives.length);
    dispose();
  });
});

describe('token spans', () => {
  it("maps USE-lite's pieces back to the original text and merges them into words", async () => {
    const tokenizer = new SentencePiece(parseVocabulary(JSON.parse(await readFile(join(packageDir, 'vocab.json'), 'utf8'))));
    const text = 'Unbelievably  crunchy, café-style granola!! ﬁne 東京';
    const tokens = sentencePieceTokens(tokenizer, text);
    expect(tokens.map((t) => t.id)).toEqual(tokenizer.encode(text));
    for (const t of tokens) {
      expect(t.start).toBeLessThanOrEqual(t.end);
      // a known piece is the text it covers (NFKC-folded), its "▁" standing for the space before it
      if (t.id !== 0 && text.slice(t.start, t.end).normalize('NFKC') !== t.piece.replace('\u2581', '')) throw new Error(`piece ${t.piece} at ${t.start}-${t.end}`);
    }
    const words = mergeWords(text, tokens, tokens.map(() => 1)).map((w) => w.text);
    expect(words).toContain('Unbelievably');
    expect(words).toContain('crunchy');
    expect(words).toContain('granola');
    expect(words).toContain('ﬁne');
    expect(words.slice(-1)[0]).toMatch(/東京/);
    expect(mergeWords(text, tokens, tokens.map(() => 1)).reduce((s, w) => s + w.score, 0)).toBe(tokens.length);
  });
});
