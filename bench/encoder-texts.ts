// The inference benchmark's sentences, the same in every runtime (ours in the page, ours in
// Node, @energetic-ai/embeddings in Node): generated from a fixed word list and a fixed seed,
// 8 to 30 words each, so a batch has a realistic mix of lengths. No tfjs here, so the
// package's child process can import it without loading our copy of tfjs.

const words = ('the a of and to in is was for on with as by at from that this it be are were which an or '
  + 'customer order invoice shipped address street city country phone email account number date payment '
  + 'record table column value duplicate match person company product price quantity total status update '
  + 'quick brown fox jumps over lazy dog hello world morning evening report summary review new old large small').split(' ');

/** n sentences, the same for the same n on every machine. */
export function benchSentences(n: number, seed = 11): string[] {
  let state = seed >>> 0;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return Array.from({ length: n }, () => {
    const length = 8 + Math.floor(next() * 23);
    const text = Array.from({ length }, () => words[Math.floor(next() * words.length)]).join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  });
}

export interface BenchOptions {
  /** Sequences per training step (B); every sequence is `length` tokens long (no padding). */
  batch: number;
  /** Tokens per sequence (T) in the training measurement. */
  length: number;
  /** Untimed steps first (kernel compilation, shader pipelines, allocator warm-up). */
  warmup: number;
  /** Timed steps. */
  steps: number;
  /** Sentences per inference batch, the same for our runtime and the package's. */
  inferBatch: number;
  /** Timed inference batches (after `warmup` untimed ones). */
  inferSteps: number;
}

/** `--batch=16 --steps=20 ...` over the defaults; unknown flags are refused. */
export function parseOptions(argv: readonly string[], defaults: BenchOptions): BenchOptions {
  const options = { ...defaults };
  for (const arg of argv) {
    const match = /^--(\w+)=(\d+)$/.exec(arg);
    if (!match || !(match[1]! in defaults)) throw new Error(`unknown or malformed flag "${arg}" (expected --${Object.keys(defaults).join('=N, --')}=N)`);
    options[match[1] as keyof BenchOptions] = Number(match[2]);
  }
  return options;
}

export function optionFlags(options: BenchOptions): string {
  return Object.entries(options).map(([key, value]) => `--${key}=${value}`).join(' ');
}
