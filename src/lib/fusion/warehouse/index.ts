export * from './types';
export { buildWarehouse, planRebuild } from './build-warehouse';
export { compareManifests, builderVersion, type RebuildPlan } from './manifest';
export { lineageOf } from './lineage';
export { viewColumn } from './view-builder';
export { joinKey } from './join-key';
export { planLayout, type WarehouseLayout, type EntityHome, type FactPlan, type FactKind, type Hop } from './layout';
