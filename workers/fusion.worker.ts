// Thin Comlink endpoint: relationship discovery, entity resolution and the warehouse build run
// here, off the page's main thread and apart from imports.
import { createFusionApi } from '../src/lib/fusion/api';
import { expose } from '../src/lib/jobs/rpc';

expose(createFusionApi());
