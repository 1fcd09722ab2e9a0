import type { Relationship } from '../fusion/types';
import type { HistoryState, QualityIssue, TableProfile } from '../profile';

// Records kept in IndexedDB. Everything here is plain structured-cloneable data (no class
// instances), because the same records cross worker boundaries and land in Dexie.

export interface Workspace {
  id: string;
  name: string;
  /** The built-in demo shop workspace: it can be reloaded from the generator at any time. */
  isDemo: boolean;
  createdAt: number;
  updatedAt: number;
}

/** What a column holds, as far as storage is concerned. Ingestion (issue 3) refines meaning. */
export const columnTypes = ['integer', 'float', 'boolean', 'string', 'empty'] as const;
export type ColumnType = (typeof columnTypes)[number];

export interface ColumnMeta {
  name: string;
  type: ColumnType;
  nullCount: number;
}

export const sourceStatuses = ['importing', 'ready'] as const;
export type SourceStatus = (typeof sourceStatuses)[number];

/** A source holds an imported file's rows, or a warehouse view built from other sources. */
export const sourceKinds = ['file', 'view'] as const;
export type SourceKind = (typeof sourceKinds)[number];

export interface Source {
  id: string;
  workspaceId: string;
  kind: SourceKind;
  name: string;
  mediaType: string;
  sizeBytes: number;
  /** SHA-256 of the file's bytes, hex; lets a re-import of the same file be recognised. */
  contentHash: string;
  status: SourceStatus;
  /** The job that writes this source; an interrupted import is found (and rolled back) by it. */
  jobId: string | null;
  rowCount: number;
  /** Rows per chunk (the last chunk may hold fewer). */
  chunkRows: number;
  chunkCount: number;
  columns: ColumnMeta[];
  createdAt: number;
  /** How the rows were read: format, text encoding, where in an archive or workbook. */
  origin: SourceOrigin;
  /** Rows the parser could not read as they stood (first 1,000), with line numbers. */
  malformedRows: { line: number; message: string; raw?: string }[];
  malformedTotal: number;
  /** Profile of the raw rows as imported, computed during ingest. Null until computed. */
  profile: TableProfile | null;
  /** Profile after the user's cleaning steps and type overrides; null while there are none. */
  cleanProfile: TableProfile | null;
  /** Data-quality issues of the source as the user sees it (after cleaning). */
  issues: QualityIssue[];
  /** The user's choices, by column name: they replace the inferred type or role. */
  overrides: Record<string, ColumnOverride>;
  /** Cleaning steps applied on read, with an undo cursor (raw rows are never rewritten). */
  history: HistoryState;
  /** For a warehouse view: what it was built from. Null for files. */
  view: ViewInfo | null;
}

/** How a warehouse view was built; its rows' lineage chunks name sources by index into `inputs`. */
export interface ViewInfo {
  /** The sources the view read, in lineage order. */
  inputs: { sourceId: string; name: string }[];
  /** Fingerprint of everything the view was built from: unchanged inputs skip the rebuild. */
  fingerprint: string;
  builtAt: number;
}

/**
 * Where the rows of one chunk of a view came from: row r's source rows are
 * `sources[offsets[r]..offsets[r+1]]` (indexes into ViewInfo.inputs) with `rows` alike.
 */
export interface LineageChunk {
  sourceId: string;
  workspaceId: string;
  index: number;
  rowStart: number;
  rowCount: number;
  offsets: Int32Array;
  sources: Uint16Array;
  rows: Int32Array;
}

/** A discovered or user-made relationship, with the user's decision, per workspace. */
export interface StoredRelationship extends Relationship {
  workspaceId: string;
  updatedAt: number;
}

export interface SourceOrigin {
  format: string;
  encoding: string | null;
  encodingConfidence: number | null;
  /** The dropped file's name, e.g. "shop.zip" for the table "shop.zip/orders.csv". */
  fileName: string;
  sheetName: string | null;
  /** U+FFFD characters the decoder inserted: above 0, the encoding guess is suspect. */
  replacementChars: number;
}

export interface ColumnOverride {
  type?: string;
  role?: string;
}

/** A product image, stored as dropped, linked to rows whose cells name its file. */
export interface ImageRecord {
  id: string;
  workspaceId: string;
  name: string;
  mediaType: string;
  sizeBytes: number;
  blob: Blob;
  createdAt: number;
}

/**
 * One column of one chunk of rows. Numbers are typed arrays with a validity mask, strings are
 * dictionary-encoded, so a chunk of 16k rows is a handful of ArrayBuffers, not 16k objects.
 */
export type EncodedColumn =
  | { kind: 'f64'; values: Float64Array; valid: Uint8Array }
  | { kind: 'bool'; values: Uint8Array; valid: Uint8Array }
  /**
   * Dictionary-encoded strings, the dictionary as one string plus end offsets: IndexedDB clones
   * one long string far faster than thousands of short ones (a fifth of import time).
   */
  | { kind: 'text'; codes: Int32Array; text: string; ends: Int32Array }
  /**
   * Strings that rarely repeat (ids, emails, free text), one per row, as one string plus end
   * offsets: a dictionary would cost a hash lookup per cell and save nothing.
   */
  | { kind: 'strings'; text: string; ends: Int32Array; valid: Uint8Array }
  /** The same with the dictionary as an array: chunks written before the 'text' kind existed. */
  | { kind: 'dict'; codes: Int32Array; dictionary: string[] };

export interface Chunk {
  sourceId: string;
  workspaceId: string;
  /** Index into Source.columns. */
  column: number;
  /** Chunk number; rows [index * chunkRows, ...). */
  index: number;
  rowStart: number;
  rowCount: number;
  data: EncodedColumn;
}

export const jobStatuses = ['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export interface JobProgress {
  done: number;
  total: number;
  unit: string;
}

export interface JobRecord {
  id: string;
  workspaceId: string | null;
  kind: string;
  /** JSON-safe parameters: enough to start the job again after a reload. */
  params: unknown;
  status: JobStatus;
  progress: JobProgress | null;
  message: string;
  etaMs: number | null;
  error: { code: string; message: string } | null;
  result: unknown;
  createdAt: number;
  startedAt: number | null;
  updatedAt: number;
  finishedAt: number | null;
}

/** Kept apart from JobRecord: checkpoints can be large (model weights), job rows are polled. */
export interface Checkpoint {
  jobId: string;
  workspaceId: string | null;
  step: number;
  state: unknown;
  savedAt: number;
}

export interface ModelRecord {
  id: string;
  workspaceId: string | null;
  name: string;
  kind: string;
  /** Model card: data used, config, metrics, backend. */
  card: Record<string, unknown>;
  weights: ArrayBuffer | null;
  createdAt: number;
}

/** Metrics of one job run (training curves, benchmark figures). */
export interface RunRecord {
  id: string;
  workspaceId: string | null;
  jobId: string;
  kind: string;
  modelId: string | null;
  metrics: { step: number; values: Record<string, number> }[];
  summary: Record<string, number | string>;
  createdAt: number;
}

/** The result of one discovery analysis (see src/lib/store/findings.ts). */
export interface FindingRecord {
  id: string;
  workspaceId: string;
  /** 'reviews', 'recommend', 'search', 'rules'. */
  kind: string;
  /** The job that made it. */
  jobId: string;
  /** What it was asked: sources, columns, options (JSON). */
  params: Record<string, unknown>;
  /** What it found (JSON): figures, tables, evidence. */
  result: Record<string, unknown>;
  createdAt: number;
}

export interface Setting {
  key: string;
  value: unknown;
}
