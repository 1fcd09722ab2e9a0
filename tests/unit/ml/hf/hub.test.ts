import { describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import { AppError } from '../../../../src/lib/errors';
import { downloadFromHub, hubCacheName, hubUrl, loadBert, readFromHubCache, type HubCache, type HubOptions, type HubProgress } from '../../../../src/lib/ml/hf';
import { readTinyBert, tinyBertFile } from './fixture';

// The opt-in Hub download with a fake fetch serving the tiny BERT's files and an in-memory
// cache standing in for the Cache API: nothing leaves this machine.

const id = 'edgefuse-test/tiny-bert';

/** fetch over the fixture folder; records every URL it is asked for. */
function fakeHub(missing: string[] = []) {
  const urls: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = String(input);
    urls.push(url);
    const file = url.split('/resolve/main/')[1] ?? '';
    if (!url.startsWith(`https://huggingface.co/${id}/resolve/main/`) || missing.includes(file)) return new Response('Entry not found', { status: 404 });
    return new Response(await tinyBertFile(file), { status: 200 });
  }) as typeof globalThis.fetch;
  return { fetch, urls };
}

/** The two Cache API methods used, over a Map (the Cache API keeps bodies; so do we). */
function memoryCache(): HubCache & { keys: () => string[] } {
  const stored = new Map<string, Response>();
  return {
    match: async (url) => stored.get(url)?.clone(),
    put: async (url, response) => void stored.set(url, response),
    keys: () => [...stored.keys()],
  };
}

describe('Hub download', () => {
  it('downloads once, keeps the files in the cache, and the second load makes no request', async () => {
    const { fetch, urls } = fakeHub();
    const cache = memoryCache();
    const events: HubProgress[] = [];
    const read = await downloadFromHub(id, { userOptedIn: true, fetch, cache, onProgress: (e) => events.push(e) });
    expect(urls).toEqual(['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json'].map((f) => `https://huggingface.co/${id}/resolve/main/${f}`));
    expect(cache.keys()).toEqual(urls);
    const bytes = events.filter((e) => e.type === 'bytes');
    expect(bytes.find((e) => e.file === 'model.safetensors')).toMatchObject({ totalBytes: 0 }); // the fake sends no content-length
    const files = events.filter((e) => e.type === 'file');
    expect(files.map((e) => [e.file, e.done, e.total, e.fromCache])).toEqual([
      ['config.json', 1, 4, false],
      ['model.safetensors', 2, 4, false],
      ['tokenizer.json', 3, 4, false],
      ['tokenizer_config.json', 4, 4, false],
    ]);
    expect(await read('model.safetensors')).toEqual(await readTinyBert('model.safetensors'));

    const again = await downloadFromHub(id, { userOptedIn: true, fetch, cache, onProgress: (e) => events.push(e) });
    expect(urls).toHaveLength(4);
    expect(events.slice(bytes.length + files.length).every((e) => e.type === 'file' && e.fromCache)).toBe(true);
    const { model } = await loadBert(again);
    expect(model.config.width).toBe(32);
    model.dispose();

    const offline = await readFromHubCache(id, { cache });
    expect(offline && (await offline('tokenizer.json'))).toEqual(await readTinyBert('tokenizer.json'));
    expect(await readFromHubCache('someone/else', { cache })).toBeNull();
    expect(urls).toHaveLength(4);
  });

  it('does nothing without the opt-in', async () => {
    const { fetch, urls } = fakeHub();
    const options = { userOptedIn: false, fetch, cache: null } as unknown as HubOptions;
    await expect(downloadFromHub(id, options)).rejects.toMatchObject({ code: 'unsupported' });
    expect(urls).toEqual([]);
  });

  it('skips a missing optional file, and names a missing required one', async () => {
    const optional = fakeHub(['tokenizer_config.json']);
    const read = await downloadFromHub(id, { userOptedIn: true, fetch: optional.fetch, cache: null });
    await expect(read('tokenizer_config.json')).rejects.toMatchObject({ code: 'not-found' });
    const { model } = await loadBert(read); // tokenizer_config.json is optional
    model.dispose();
    const required = fakeHub(['model.safetensors']);
    const error = await downloadFromHub(id, { userOptedIn: true, fetch: required.fetch, cache: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'not-found', details: { file: 'model.safetensors', status: 404 } });
  });

  it('turns a network failure into not-found', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    await expect(downloadFromHub(id, { userOptedIn: true, fetch, cache: null })).rejects.toMatchObject({ code: 'not-found', details: { file: 'config.json' } });
  });

  it('stops when aborted', async () => {
    const { fetch } = fakeHub();
    const controller = new AbortController();
    controller.abort();
    await expect(downloadFromHub(id, { userOptedIn: true, fetch, cache: null, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('builds resolve URLs only from valid ids and revisions', () => {
    expect(hubUrl('bert-base-uncased', 'onnx/model.onnx')).toBe('https://huggingface.co/bert-base-uncased/resolve/main/onnx/model.onnx');
    expect(hubUrl('sentence-transformers/all-MiniLM-L6-v2', 'config.json', 'v1.0')).toBe('https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2/resolve/v1.0/config.json');
    for (const bad of ['../etc', 'a/b/c', 'https://evil.example/x', 'a/..', '']) expect(() => hubUrl(bad, 'config.json'), bad).toThrow(AppError);
    expect(() => hubUrl('a/b', 'config.json', 'main/../x')).toThrow(AppError);
    expect(hubCacheName).toMatch(/^edgefuse-/);
  });
});
