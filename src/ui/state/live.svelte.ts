import { liveQuery } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';

// Dexie reads as runes. The query runs while something renders `.current`, re-runs when a
// write (from this page or a worker) touches what it read, and stops when nothing reads it.
// The stop handle is a function around `unsubscribe()`: createSubscriber calls it as one.

export interface Live<T> {
  readonly current: T;
  readonly error: unknown;
}

export function live<T>(query: () => Promise<T>, initial: T): Live<T> {
  let value = $state.raw(initial);
  let error = $state.raw<unknown>(null);
  const subscribe = createSubscriber((update) => {
    const subscription = liveQuery(query).subscribe({
      next(next) {
        value = next;
        error = null;
        update();
      },
      error(e: unknown) {
        error = e;
        update();
      },
    });
    return () => subscription.unsubscribe();
  });
  return {
    get current() {
      subscribe();
      return value;
    },
    get error() {
      subscribe();
      return error;
    },
  };
}
