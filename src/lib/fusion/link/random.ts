// A seeded uniform generator (mulberry32, the shared one), so random-pair sampling and LSH
// hyperplanes repeat exactly between runs and between a full run and an incremental one.

export { mulberry32 as seededRandom } from '../../random';
