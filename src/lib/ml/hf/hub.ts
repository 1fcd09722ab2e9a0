import { AppError, isAbortError } from '../../errors';
import type { ReadFile } from '../models';
import { bertFiles, optionalBertFiles } from './bert-files';

// The one place the app talks to another origin: downloading a model's files from the Hugging
// Face Hub, and only when the user has said yes (`userOptedIn: true`, which the UI sets after
// its notice). Nothing here runs at import time or by default. Files are kept with the Cache
// API under `hubCacheName`, keyed by their resolve URL, so a second load makes no request.
// fetch and the cache are injectable so that tests run offline.

export const hubOrigin = 'https://huggingface.co';
/** Cache API name of downloaded model files; clearHubCache deletes it. */
export const hubCacheName = 'edgefuse-hf-hub-v1';

/** The part of the Cache API used here (window.caches.open(...) returns one). */
export interface HubCache {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
}

/** `bytes` while a file downloads (at most every ~200 ms; totalBytes 0 when unknown), `file` when one is ready. */
export type HubProgress =
  | { type: 'bytes'; file: string; loadedBytes: number; totalBytes: number }
  | { type: 'file'; file: string; done: number; total: number; fromCache: boolean };

export interface HubOptions {
  /** Must be literally true: set only after the user accepted the notice that the app will contact huggingface.co. */
  userOptedIn: true;
  /** Branch, tag or commit (default main). */
  revision?: string;
  /** Files to get; the default is what loadBert reads. Missing optional files are not an error. */
  files?: readonly string[];
  optionalFiles?: readonly string[];
  fetch?: typeof fetch;
  /** Defaults to caches.open(hubCacheName) where the Cache API exists, else no cache. */
  cache?: HubCache | null;
  signal?: AbortSignal;
  onProgress?: (event: HubProgress) => void;
}

const modelIdPattern = /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/;
const revisionPattern = /^[\w.-]+$/;

/** https://huggingface.co/<id>/resolve/<revision>/<file>, after checking id and revision. */
export function hubUrl(modelId: string, file: string, revision = 'main'): string {
  if (!modelIdPattern.test(modelId) || modelId.includes('..')) throw new AppError('input-malformed', `"${modelId}" is not a Hugging Face model id. Use the form owner/name, e.g. sentence-transformers/all-MiniLM-L6-v2.`, { modelId });
  if (!revisionPattern.test(revision) || revision.includes('..')) throw new AppError('input-malformed', `"${revision}" is not a branch, tag or commit.`, { revision });
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `${hubOrigin}/${modelId}/resolve/${encodeURIComponent(revision)}/${path}`;
}

/** The body, reporting bytes as they arrive. */
async function readBody(response: Response, file: string, onProgress: HubOptions['onProgress']): Promise<Uint8Array<ArrayBuffer>> {
  if (!response.body || !onProgress) return new Uint8Array(await response.arrayBuffer());
  const totalBytes = Number(response.headers.get('content-length')) || 0;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loadedBytes = 0;
  let reportedAt = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    chunks.push(r.value);
    loadedBytes += r.value.byteLength;
    if (Date.now() - reportedAt >= 200) {
      onProgress({ type: 'bytes', file, loadedBytes, totalBytes });
      reportedAt = Date.now();
    }
  }
  const out = new Uint8Array(loadedBytes);
  chunks.reduce((at, c) => (out.set(c, at), at + c.byteLength), 0);
  return out;
}

async function defaultCache(): Promise<HubCache | null> {
  const storage = (globalThis as { caches?: CacheStorage }).caches;
  return storage ? storage.open(hubCacheName) : null;
}

/**
 * Downloads (or takes from the cache) a model's files and returns a ReadFile over them, for
 * loadBert. Throws `unsupported` unless the user opted in; `not-found` for a missing required
 * file (or a private / gated model, which needs a login this app does not do).
 */
export async function downloadFromHub(modelId: string, options: HubOptions): Promise<ReadFile> {
  if (options.userOptedIn !== true) throw new AppError('unsupported', 'Downloading from the Hugging Face Hub is off. Allow it first; the app then contacts huggingface.co.');
  const { revision = 'main', files = bertFiles, optionalFiles = optionalBertFiles, signal, onProgress } = options;
  const fetchFile = options.fetch ?? globalThis.fetch.bind(globalThis);
  const cache = options.cache === undefined ? await defaultCache() : options.cache;
  const all = [...files, ...optionalFiles];
  const got = new Map<string, Uint8Array>();
  for (const [i, file] of all.entries()) {
    signal?.throwIfAborted();
    const url = hubUrl(modelId, file, revision);
    const cached = cache ? await cache.match(url) : undefined;
    if (cached) got.set(file, new Uint8Array(await cached.arrayBuffer()));
    else {
      const response = await fetchFile(url, { signal: signal ?? null, credentials: 'omit', referrerPolicy: 'no-referrer' }).catch((error: unknown) => {
        if (isAbortError(error)) throw error;
        throw new AppError('not-found', `Could not reach huggingface.co for ${file} of ${modelId}. Check the connection, then try again.`, { modelId, file }, { cause: error });
      });
      if (!response.ok) {
        if (optionalFiles.includes(file) && response.status === 404) continue;
        const hint = response.status === 401 || response.status === 403 ? ' The model may be private or gated, which needs a login this app does not do.' : '';
        throw new AppError('not-found', `Could not download ${file} of ${modelId} (HTTP ${response.status}).${hint}`, { modelId, file, status: response.status });
      }
      const bytes = await readBody(response, file, onProgress);
      if (cache) await cache.put(url, new Response(bytes, { headers: { 'content-type': response.headers.get('content-type') ?? 'application/octet-stream' } }));
      got.set(file, bytes);
    }
    onProgress?.({ type: 'file', file, done: i + 1, total: all.length, fromCache: cached !== undefined });
  }
  return readFrom(got, modelId);
}

function readFrom(got: Map<string, Uint8Array>, modelId: string): ReadFile {
  return async (name) => {
    const bytes = got.get(name);
    if (!bytes) throw new AppError('not-found', `${modelId} has no ${name} on the Hugging Face Hub.`, { modelId, name });
    return bytes;
  };
}

/**
 * A ReadFile over files downloaded earlier, with no network at all; null unless every
 * required file is in the cache. A page whose CSP forbids huggingface.co can still load models
 * that a download page (same origin, same Cache Storage) fetched.
 */
export async function readFromHubCache(modelId: string, options: Pick<HubOptions, 'revision' | 'files' | 'optionalFiles' | 'cache'> = {}): Promise<ReadFile | null> {
  const { revision = 'main', files = bertFiles, optionalFiles = optionalBertFiles } = options;
  const cache = options.cache === undefined ? await defaultCache() : options.cache;
  if (!cache) return null;
  const got = new Map<string, Uint8Array>();
  for (const file of [...files, ...optionalFiles]) {
    const response = await cache.match(hubUrl(modelId, file, revision));
    if (response) got.set(file, new Uint8Array(await response.arrayBuffer()));
    else if (files.includes(file)) return null;
  }
  return readFrom(got, modelId);
}

/** Forgets every downloaded model file. */
export async function clearHubCache(): Promise<boolean> {
  const storage = (globalThis as { caches?: CacheStorage }).caches;
  return storage ? storage.delete(hubCacheName) : false;
}
