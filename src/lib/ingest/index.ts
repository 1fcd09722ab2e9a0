export type { IngestFormat, ParseReport, RecordBatchSink } from './types';
export { parseCsv } from './parse-csv';
export { parseJson, parseNdjson, flattenDocument } from './parse-json';
export { importTextFile, formatOf, parseText, type TextFile } from './import-text';
export { contentHash } from './content-hash';
export { loadDemoJob, type LoadDemoParams, type LoadDemoResult } from './load-demo';
export { createIngestApi, type IngestApi } from './api';
