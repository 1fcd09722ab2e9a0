// Thin Comlink endpoint: profiles one table at a time for the ingest worker, on another core.
import { expose } from '../src/lib/jobs/rpc';
import { createProfileApi } from '../src/lib/profile/profile-api';

expose(createProfileApi());
