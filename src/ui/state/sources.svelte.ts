import { listSources, readRows, readRowsById, type CellValue, type RowWindow, type Source } from '../../lib/store';
import { db } from '../db';
import { live, type Live } from './live.svelte';
import { workspaces } from './workspaces.svelte';

/** The ready sources of the current workspace, and paged reads of their rows. */
class Sources {
  #list: Live<Source[]> = $derived.by(() => {
    const id = workspaces.current?.id;
    return live(() => (id ? listSources(db, id) : Promise.resolve([])), []);
  });

  get list(): Source[] {
    return this.#list.current;
  }

  get totals() {
    return {
      sources: this.list.length,
      rows: this.list.reduce((n, s) => n + s.rowCount, 0),
      columns: this.list.reduce((n, s) => n + s.columns.length, 0),
      chunks: this.list.reduce((n, s) => n + s.chunkCount * s.columns.length, 0),
      bytes: this.list.reduce((n, s) => n + s.sizeBytes, 0),
    };
  }

  rows(sourceId: string, offset: number, limit: number): Promise<RowWindow> {
    return readRows(db, sourceId, offset, limit);
  }

  rowsById(sourceId: string, rowIds: readonly number[]): Promise<CellValue[][]> {
    return readRowsById(db, sourceId, rowIds);
  }
}

export const sources = new Sources();
