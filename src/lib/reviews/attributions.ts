// Token-level explanations of a text classifier built on the encoder (USE-lite or an Encoder,
// with a ClassificationHead on the pooled vector): how much each token pushed the class score.
//
//   gradient × input      a_t = Σ_e x[t,e] · ∂f/∂x[t,e] at the input
//   integrated gradients  a_t = Σ_e (x − x')[t,e] · mean over α of ∂f/∂x[t,e] at x' + α(x − x')
//                         (Sundararajan et al. 2017; α at the midpoints of `steps` equal slices)
//
// x are the token embeddings (rows of the embedding table, before scaling and positions), x' the
// baseline (all zero: "no token", with the same positions and mask), f the target class's logit
// or probability. Integrated gradients are complete: Σ_t a_t = f(x) − f(x') up to the error of
// the Riemann sum, reported as `gap`. Scores come per token with its character span, and per
// word (SentencePiece pieces merged) for display.
import * as tf from '@tensorflow/tfjs-core';
import { AppError } from '../errors';
import type { Encoder, SentencePiece, UseLite } from '../ml/models';
import type { ClassificationHead } from '../ml/train';
import { checkedOptions, createTick, type RunOptions } from './topics-options';

/** One token of a text: its id and the characters [start, end) of the original text it covers. */
export interface TextToken {
  id: number;
  /** The token as the tokenizer writes it ("▁great"). */
  piece: string;
  start: number;
  end: number;
  /** Whether it starts a word (pieces that continue a word are merged into it for display). */
  wordStart: boolean;
}

/** What attributions need from a classifier: its embedding step and the rest of it, separately. */
export interface AttributionModel {
  /** Tokens of a text, at most the model's maxLength. */
  tokenize(text: string): TextToken[];
  /** ids int32 [B, T] -> token embeddings [B, T, E] */
  tokenEmbeddings(ids: tf.Tensor2D): tf.Tensor3D;
  /** token embeddings [B, T, E], mask [B, T] -> logits [B, K] */
  logits(tokenEmbeddings: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor2D;
}

export const attributionMethods = ['integrated-gradients', 'gradient-x-input'] as const;
export type AttributionMethod = (typeof attributionMethods)[number];

export interface AttributionOptions {
  method: AttributionMethod;
  /** Integrated gradients: points on the path from the baseline to the input. */
  steps: number;
  /** Path points per forward/backward pass (memory: batchSize × T × E floats). */
  batchSize: number;
  /** Class explained; null: the predicted one. */
  target: number | null;
  /** What is explained: the target's logit or its softmax probability. */
  output: 'logit' | 'probability';
}

export const defaultAttributionOptions: Readonly<AttributionOptions> = Object.freeze({
  method: 'integrated-gradients' as AttributionMethod,
  steps: 32,
  batchSize: 16,
  target: null,
  output: 'probability' as 'logit' | 'probability',
});

export interface ScoredSpan {
  text: string;
  start: number;
  end: number;
  score: number;
}

export interface Attribution {
  target: number;
  probabilities: number[];
  tokens: ScoredSpan[];
  /** Tokens merged into words; a word's score is the sum of its tokens'. */
  words: ScoredSpan[];
  /** f at the input and at the baseline. */
  output: number;
  baselineOutput: number;
  /** Σ scores − (output − baselineOutput): 0 for exact integrated gradients. */
  gap: number;
}

/** A ClassificationHead on USE-lite's sentence vectors. */
export function useLiteAttributionModel(model: UseLite, head: ClassificationHead): AttributionModel {
  const { maxLength } = model.encoder.config;
  return {
    tokenize: (text) => sentencePieceTokens(model.tokenizer, text).slice(0, maxLength),
    tokenEmbeddings: (ids) => tf.gather(model.encoder.tokens, ids) as tf.Tensor3D,
    logits: (x, mask) => tf.tidy(() => head.predict(model.forwardEmbedded(x, mask))),
  };
}

/** A ClassificationHead on an Encoder's pooled output, with the encoder's tokenizer. */
export function encoderAttributionModel(encoder: Encoder, head: ClassificationHead, tokenize: (text: string) => TextToken[]): AttributionModel {
  return {
    tokenize: (text) => tokenize(text).slice(0, encoder.config.maxLength),
    tokenEmbeddings: (ids) => tf.gather(encoder.tokens, ids) as tf.Tensor3D,
    logits: (x, mask) => tf.tidy(() => head.predict(encoder.forwardEmbedded(x, mask).pooled)),
  };
}

const separator = '\u2581';
const isPunctuation = (s: string) => /^[\p{P}\p{S}]+$/u.test(s);

/**
 * USE-lite's pieces of a text with their spans in the original text. The tokenizer reads
 * "▁" + NFKC(text) with spaces as "▁"; each piece is found at the running position of that
 * string (an unknown piece runs to where the next piece is found), then mapped back through a
 * per-character NFKC map.
 */
export function sentencePieceTokens(tokenizer: SentencePiece, text: string): TextToken[] {
  const ids = tokenizer.encode(text);
  const originOf: number[] = []; // index in the normalised text -> index in `text`
  let normalised = '';
  for (let i = 0; i < text.length; ) {
    const char = String.fromCodePoint(text.codePointAt(i) as number);
    const form = char.normalize('NFKC');
    for (let j = 0; j < form.length; j++) originOf.push(i);
    normalised += form;
    i += char.length;
  }
  originOf.push(text.length);
  const input = normalised.length > 0 ? separator + normalised.replace(/ /g, separator) : '';
  const pieces = ids.map((id) => tokenizer.vocabulary[id]?.[0] ?? '');
  const tokens: TextToken[] = [];
  let pos = 0;
  ids.forEach((id, k) => {
    const piece = pieces[k] as string;
    let end: number;
    if (id !== 0 && input.startsWith(piece, pos)) end = pos + piece.length;
    else {
      const next = pieces.slice(k + 1).find((p, j) => ids[k + 1 + j] !== 0 && p.length > 0);
      const found = next === undefined ? -1 : input.indexOf(next, pos + 1);
      end = found < 0 ? input.length : found;
    }
    // input index j >= 1 is normalised index j - 1; a leading "▁" stands for a space, not shown.
    const from = Math.max(0, pos - 1 + (input[pos] === separator ? 1 : 0));
    const to = Math.max(from, end - 1);
    const clean = piece.replace(separator, '');
    const previous = tokens[tokens.length - 1];
    tokens.push({
      id,
      piece,
      start: originOf[from] ?? text.length,
      end: originOf[to] ?? text.length,
      wordStart: piece.startsWith(separator) || !previous || isPunctuation(clean) || isPunctuation(previous.piece.replace(separator, '')),
    });
    pos = end;
  });
  return tokens;
}

/** Consecutive tokens from one wordStart to the next as one span; scores add up. */
export function mergeWords(text: string, tokens: readonly TextToken[], scores: ArrayLike<number>): ScoredSpan[] {
  const words: ScoredSpan[] = [];
  tokens.forEach((token, t) => {
    const last = words[words.length - 1];
    if (!last || token.wordStart) words.push({ text: '', start: token.start, end: token.end, score: scores[t] as number });
    else [last.end, last.score] = [Math.max(last.end, token.end), last.score + (scores[t] as number)];
  });
  for (const w of words) w.text = text.slice(w.start, w.end);
  return words;
}

/** Σ over the batch of the target's output, from token embeddings [m, T, E]. */
function targetOutput(model: AttributionModel, mask: tf.Tensor2D, target: number, output: AttributionOptions['output']) {
  return (x: tf.Tensor): tf.Scalar => {
    const logits = model.logits(x as tf.Tensor3D, mask); // [m, K]
    const scores = output === 'probability' ? tf.softmax(logits) : logits; // [m, K]
    return tf.sum(tf.slice(scores, [0, target], [-1, 1])) as tf.Scalar; // [m, 1] -> []
  };
}

/** Attributions of one text; every tensor made here is disposed before it returns. */
async function attributeOne(model: AttributionModel, text: string, o: AttributionOptions, tick: () => Promise<void>): Promise<Attribution> {
  const tokens = model.tokenize(text);
  const T = tokens.length;
  if (T === 0) return { target: o.target ?? 0, probabilities: [], tokens: [], words: [], output: NaN, baselineOutput: NaN, gap: 0 };
  const ids = tf.tensor2d(tokens.map((t) => t.id), [1, T], 'int32');
  const x = model.tokenEmbeddings(ids); // [1, T, E]
  try {
    const softmax = tf.tidy(() => tf.softmax(model.logits(x, tf.ones([1, T])))); // [1, K]
    const probabilities = Array.from(await softmax.data());
    softmax.dispose();
    const target = o.target ?? probabilities.indexOf(Math.max(...probabilities));
    const f = (m: number) => targetOutput(model, tf.ones([m, T]) as tf.Tensor2D, target, o.output);
    const [output, baselineOutput] = tf.tidy(() => [f(1)(x), f(1)(tf.zerosLike(x))]);
    // gradient x input: the gradient at the input. IG: the mean gradient along the path.
    let gradSum: tf.Tensor = tf.zerosLike(x); // [1, T, E]
    const alphas = o.method === 'gradient-x-input' ? [1] : Array.from({ length: o.steps }, (_, i) => (i + 0.5) / o.steps);
    for (let from = 0; from < alphas.length; from += o.batchSize) {
      const chunk = alphas.slice(from, from + o.batchSize);
      const next = tf.tidy(() => {
        const path = tf.mul(tf.tensor3d(chunk, [chunk.length, 1, 1]), x); // [m, 1, 1] · [1, T, E] -> [m, T, E] (baseline 0)
        const grads = tf.grad(f(chunk.length))(path); // [m, T, E]
        return tf.add(gradSum, tf.sum(grads, 0, true)); // [1, T, E]
      });
      gradSum.dispose();
      gradSum = next;
      await tick();
    }
    const perToken = tf.tidy(() => tf.reshape(tf.sum(tf.mul(x, tf.div(gradSum, alphas.length)), 2), [T])); // [1, T, E] -> [T]
    const scores = (await perToken.data()) as Float32Array;
    const [fx, fb] = [(await output.data())[0] as number, (await baselineOutput.data())[0] as number];
    tf.dispose([perToken, gradSum, output, baselineOutput]);
    const total = scores.reduce((s, v) => s + v, 0);
    return {
      target,
      probabilities,
      tokens: tokens.map((t, i) => ({ text: text.slice(t.start, t.end), start: t.start, end: t.end, score: scores[i] as number })),
      words: mergeWords(text, tokens, scores),
      output: fx,
      baselineOutput: fb,
      gap: total - (fx - fb),
    };
  } finally {
    tf.dispose([ids, x]);
  }
}

/** Token and word attributions of each text for the target class. */
export async function attributeTokens(model: AttributionModel, texts: readonly string[], overrides: Partial<AttributionOptions> & { targets?: readonly number[] } = {}, run: RunOptions = {}): Promise<Attribution[]> {
  // `targets`: the class explained per text (an ensemble explains its own call in every member).
  const { targets, ...rest } = overrides;
  const o = checkedOptions(defaultAttributionOptions, rest, 'attribution');
  if (targets && targets.length !== texts.length) throw new AppError('input-malformed', `Expected one target class per text (${texts.length}), got ${targets.length}.`);
  if (!attributionMethods.includes(o.method)) throw new AppError('input-malformed', `The attribution method must be one of ${attributionMethods.join(', ')}.`, { method: o.method });
  if (!Number.isInteger(o.steps) || o.steps < 1 || !Number.isInteger(o.batchSize) || o.batchSize < 1) throw new AppError('input-malformed', 'Attribution steps and batch size must be positive whole numbers.', { steps: o.steps, batchSize: o.batchSize });
  const tick = createTick(run, 'texts');
  const out: Attribution[] = [];
  for (const [i, text] of texts.entries()) {
    await tick(i, texts.length, 'Explaining reviews');
    out.push(await attributeOne(model, text, targets ? { ...o, target: targets[i]! } : o, () => tick(i, texts.length, 'Explaining reviews')));
  }
  await tick(texts.length, texts.length, 'Explained');
  return out;
}
