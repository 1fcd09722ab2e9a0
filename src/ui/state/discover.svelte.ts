import type { JobOutcome, RunOptions } from '../../lib/jobs';
import type { Remote } from '../../lib/jobs/rpc';
import type { MlApi } from '../../lib/ml';
import { latestFinding, type FindingRecord, type Source } from '../../lib/store';
import { db } from '../db';
import { mlWorker } from '../workers';
import { jobs } from './jobs.svelte';
import { live, type Live } from './live.svelte';
import { sources } from './sources.svelte';
import { warehouse } from './warehouse.svelte';
import { workspaces } from './workspaces.svelte';

/** The discovery analyses, each a job in the ML worker that stores a finding. */
export const findingKinds = ['reviews', 'recommend', 'search', 'rules'] as const;
export type FindingKind = (typeof findingKinds)[number];

/** The Discover page's data: inputs (sources and warehouse views) and the newest finding of each kind. */
class Discover {
  #latest: Live<Record<FindingKind, FindingRecord | null>> = $derived.by(() => {
    const id = workspaces.current?.id;
    const none = { reviews: null, recommend: null, search: null, rules: null };
    return live(async () => {
      if (!id) return none;
      const found = await Promise.all(findingKinds.map((kind) => latestFinding(db, id, kind)));
      return Object.fromEntries(findingKinds.map((kind, i) => [kind, found[i] ?? null])) as Record<FindingKind, FindingRecord | null>;
    }, none);
  });

  /** What an analysis can read: the warehouse views first (they join everything), then the sources. */
  get tables(): Source[] {
    return [...warehouse.views, ...sources.list];
  }

  latest(kind: FindingKind): FindingRecord | null {
    return this.#latest.current[kind];
  }

  /** Runs a discovery job of the ML worker for the current workspace; true when it finished. */
  async run(start: (api: Remote<MlApi>, workspaceId: string, options: RunOptions) => Promise<JobOutcome<unknown>>): Promise<boolean> {
    const workspaceId = workspaces.current?.id;
    if (!workspaceId) return false;
    const outcome = await jobs.run((options) => start(mlWorker.api(), workspaceId, options));
    return outcome?.status === 'done';
  }
}

export const discover = new Discover();
