// The recommenders' loops tick like every long loop (jobs/tick.ts).
export { createTick, type Tick } from '../jobs/tick';
