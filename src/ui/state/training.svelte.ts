import type { FineTuneParams, FineTuneResult, PretrainParams, PretrainResult } from '../../lib/ml';
import type { RunRecord } from '../../lib/store';
import { db } from '../db';
import { mlWorker } from '../workers';
import { jobs } from './jobs.svelte';
import { live, type Live } from './live.svelte';
import { workspaces } from './workspaces.svelte';

/** Training runs of the current workspace: start one, and follow its curves as they are stored. */
class Training {
  #runs: Live<RunRecord[]> = $derived.by(() => {
    const id = workspaces.current?.id ?? null;
    return live(() => db.runs.where('kind').anyOf('fine-tune', 'pretrain').filter((r) => r.workspaceId === id).reverse().sortBy('createdAt'), []);
  });

  /** Newest first; the first one is the chart's. */
  get runs(): RunRecord[] {
    return this.#runs.current;
  }

  async start(params: Omit<FineTuneParams, 'workspaceId'>): Promise<FineTuneResult | null> {
    const workspaceId = workspaces.current?.id;
    if (!workspaceId) return null;
    const outcome = await jobs.run((options) => mlWorker.api().fineTune({ ...params, workspaceId }, options));
    return outcome?.status === 'done' ? outcome.result : null;
  }

  async pretrain(params: Omit<PretrainParams, 'workspaceId'>): Promise<PretrainResult | null> {
    const workspaceId = workspaces.current?.id;
    if (!workspaceId) return null;
    const outcome = await jobs.run((options) => mlWorker.api().pretrain({ ...params, workspaceId }, options));
    return outcome?.status === 'done' ? outcome.result : null;
  }
}

export const training = new Training();
