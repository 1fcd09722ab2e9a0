import { loadUseLite, type ReadFile, type UseLite } from './models';

// Sentence vectors for other domains (entity resolution blocks and compares product titles by
// meaning): USE-lite, loaded on first use and kept. The caller starts the backend first.

export interface TextEmbedder {
  /** One 512-d unit vector per text. */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

/** Texts per forward pass: enough to keep the device busy, small enough for any backend. */
const batchSize = 64;

export function useLiteTextEmbedder(read: ReadFile, ready: () => Promise<unknown> = async () => {}): TextEmbedder {
  let model: Promise<UseLite> | null = null;
  return {
    async embed(texts, signal) {
      await ready();
      model ??= loadUseLite(read);
      const encoder = await model;
      const out: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        signal?.throwIfAborted();
        const vectors = encoder.embed(texts.slice(start, start + batchSize)); // [b, 512]
        const values = (await vectors.data()) as Float32Array;
        const width = vectors.shape[1];
        vectors.dispose();
        for (let i = 0; i * width < values.length; i++) out.push(values.slice(i * width, (i + 1) * width));
      }
      return out;
    },
  };
}
