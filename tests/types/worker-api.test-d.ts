// Type-level tests of the worker contract, checked by `npm run check` (svelte-check / tsc).
// Each @ts-expect-error must stay an error: if one compiles, the contract has a hole.
import { proxy } from 'comlink';
import type { Remote } from '../../src/lib/jobs/rpc';
import type { BackendReport, MlApi } from '../../src/lib/ml';
import type { IngestApi } from '../../src/lib/ingest';

declare const ml: Remote<MlApi>;
declare const ingest: Remote<IngestApi>;

// A callback must be proxied to cross the boundary: a bare function would fail at runtime.
void ml.init('auto', proxy((report: BackendReport) => report.name));
// @ts-expect-error unproxied callback
void ml.init('auto', (report: BackendReport) => report.name);

// Backend choices are a closed set.
// @ts-expect-error not a backend
void ml.init('webgl');

// Job parameters are plain data: class instances and functions do not fit the declared shapes.
void ingest.loadDemo({ workspaceId: 'w', seed: 1, scale: 1 }, {});
// @ts-expect-error a Date is not a number
void ingest.loadDemo({ workspaceId: 'w', seed: new Date(), scale: 1 }, {});
// @ts-expect-error function-valued field
void ingest.loadDemo({ workspaceId: 'w', seed: 1, scale: () => 1 }, {});

// Results come back as promises of plain data.
export async function results(): Promise<number> {
  const outcome = await ingest.loadDemo({ workspaceId: 'w', seed: 1, scale: 1 }, {});
  return outcome.status === 'done' ? outcome.result.rows : 0;
}
