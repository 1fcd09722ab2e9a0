import { createSubscriber } from 'svelte/reactivity';

export const sections = ['sources', 'warehouse', 'discover', 'models', 'privacy'] as const;
export type Section = (typeof sections)[number];

function parse(hash: string): Section {
  const name = hash.replace(/^#\/?/, '');
  return (sections as readonly string[]).includes(name) ? (name as Section) : 'sources';
}

/** The section in the URL hash, so a reload or a shared link lands on the same page. */
class Route {
  #subscribe = createSubscriber((update) => {
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  });

  get current(): Section {
    this.#subscribe();
    return parse(location.hash);
  }

  go(section: Section): void {
    location.hash = `#/${section}`;
  }
}

export const route = new Route();
