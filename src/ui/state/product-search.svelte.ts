import type { SearchAnswer, SearchIndexSpec } from '../../lib/search';
import { mlWorker } from '../workers';
import { workspaces } from './workspaces.svelte';

/** Pause in typing before a query goes to the worker. */
const debounceMs = 150;

/**
 * Live product search: each typed query goes to the ML worker after a short pause, and only the
 * answer to the newest query is kept (an older one that comes back later is dropped), as the
 * REPL's bundler drops superseded builds.
 */
class ProductSearch {
  #answer: SearchAnswer | null = $state.raw(null);
  #pending = $state(false);
  #error: string | null = $state(null);
  #latest = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  get answer(): SearchAnswer | null {
    return this.#answer;
  }

  /** A query is on its way (the first one for a catalogue also builds its index). */
  get pending(): boolean {
    return this.#pending;
  }

  get error(): string | null {
    return this.#error;
  }

  query(text: string, spec: SearchIndexSpec | null, k = 10): void {
    clearTimeout(this.#timer);
    const id = ++this.#latest;
    const workspaceId = workspaces.current?.id;
    if (!spec || !workspaceId || text.trim() === '') {
      this.#answer = null;
      this.#pending = false;
      return;
    }
    // Plain arrays: a rune proxy cannot be cloned into the worker.
    const index = { ...spec, textColumns: [...spec.textColumns], denseColumns: [...spec.denseColumns] };
    this.#pending = true;
    this.#timer = setTimeout(async () => {
      try {
        const answer = await mlWorker.api().searchProducts(workspaceId, text, k, index);
        if (id === this.#latest) [this.#answer, this.#error] = [answer, null];
      } catch (error) {
        if (id === this.#latest) this.#error = error instanceof Error ? error.message : String(error);
      } finally {
        if (id === this.#latest) this.#pending = false;
      }
    }, debounceMs);
  }
}

export const productSearch = new ProductSearch();
