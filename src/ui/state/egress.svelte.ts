// Every request this page has made, as the browser's own Resource Timing records them, grouped
// by origin. The Privacy page shows it so a user can check, not trust, that nothing left.

export interface OriginTally {
  origin: string;
  requests: number;
  sameOrigin: boolean;
}

class Egress {
  #tallies = $state.raw<OriginTally[]>([]);
  #observer: PerformanceObserver | null = null;

  get tallies(): OriginTally[] {
    return this.#tallies;
  }

  get foreignRequests(): number {
    return this.#tallies.filter((t) => !t.sameOrigin).reduce((n, t) => n + t.requests, 0);
  }

  start(): void {
    if (this.#observer) return;
    const counts = new Map<string, number>();
    const add = (entries: PerformanceEntryList) => {
      for (const entry of entries) {
        const origin = new URL(entry.name, location.href).origin;
        counts.set(origin, (counts.get(origin) ?? 0) + 1);
      }
      this.#tallies = [...counts].map(([origin, requests]) => ({ origin, requests, sameOrigin: origin === location.origin }));
    };
    add(performance.getEntriesByType('resource'));
    this.#observer = new PerformanceObserver((list) => add(list.getEntries()));
    this.#observer.observe({ type: 'resource' });
  }
}

export const egress = new Egress();
