import { proxy } from '../../lib/jobs/rpc';
import { backendChoices, backendSettingKey, parseBackendChoice, type BackendChoice, type BackendReport, type DeviceBenchmarkResult } from '../../lib/ml';
import { getSetting, putSetting, type RunRecord } from '../../lib/store';
import { db } from '../db';
import { mlWorker } from '../workers';
import { jobs } from './jobs.svelte';
import { live } from './live.svelte';


/** `?backend=wasm` forces a backend for this page load (tests); the setting persists a choice. */
function forcedChoice(): BackendChoice | null {
  const value = new URLSearchParams(location.search).get('backend');
  return value && (backendChoices as readonly string[]).includes(value) ? parseBackendChoice(value) : null;
}

class Compute {
  #report = $state.raw<BackendReport | null>(null);
  #choice = $state<BackendChoice>('auto');
  #error = $state<string | null>(null);
  // Finished measurements only: a run's record exists from its first figure on.
  #benchmarks = live(() => db.runs.where('kind').equals('device-benchmark').filter((r) => r.summary['bestGflops'] !== undefined).reverse().sortBy('createdAt'), [] as RunRecord[]);

  get report(): BackendReport | null {
    return this.#report;
  }

  get choice(): BackendChoice {
    return this.#choice;
  }

  get forced(): boolean {
    return forcedChoice() !== null;
  }

  get error(): string | null {
    return this.#error;
  }

  get benchmarks(): RunRecord[] {
    return this.#benchmarks.current;
  }

  async start(): Promise<void> {
    this.#choice = forcedChoice() ?? (await getSetting(db, backendSettingKey, parseBackendChoice, 'auto'));
    try {
      this.#report = await mlWorker.api().init(this.#choice, proxy((report: BackendReport) => (this.#report = report)));
      this.#error = null;
    } catch (error) {
      this.#error = String(error);
    }
  }

  /** Switching backend restarts the ML worker: tfjs holds GPU state that is simplest to drop whole. */
  async setChoice(choice: BackendChoice): Promise<void> {
    await putSetting(db, backendSettingKey, choice);
    mlWorker.terminate();
    this.#report = null;
    await this.start();
  }

  runBenchmark(budgetMs = 8000) {
    return jobs.run<DeviceBenchmarkResult>((options) => mlWorker.api().deviceBenchmark({ budgetMs }, options));
  }

  loseGpuDevice(): Promise<boolean> {
    return mlWorker.api().loseGpuDevice();
  }
}

export const compute = new Compute();
