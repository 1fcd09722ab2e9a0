// Thin Comlink endpoint: ingestion runs here, off the page's main thread.
import { expose } from '../src/lib/jobs/rpc';
import { createIngestApi } from '../src/lib/ingest';

expose(createIngestApi());
