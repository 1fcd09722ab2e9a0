export * from './types';
export { openDb, newId, type EdgeFuseDb, type OpenOptions } from './db';
export { databaseName, workspaceTables } from './schema';
export { listWorkspaces, createWorkspace, renameWorkspace, deleteWorkspace, countWorkspaceRows, workspaceCachePrefix } from './workspaces';
export { SourceWriter, updateSource, removeSource, listSources, readRows, defaultChunkRows, type SourceDraft, type RowWindow, type ChunkColumns } from './sources';
export { encodeColumn, decodeValue, encodedBytes, type CellValue } from './columns';
export { recentJobs, jobsWithStatus, discardJob } from './jobs';
export { getSetting, putSetting } from './settings';
export { queryRowIds, readRowsById, readColumn, eachColumnChunk, filterOps, type FilterOp, type FilterSpec, type SortSpec, type KeyOf } from './scan';
