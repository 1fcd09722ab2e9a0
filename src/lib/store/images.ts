import type { CellValue } from './columns';
import type { EdgeFuseDb } from './db';
import type { ImageRecord } from './types';

// Product images dropped beside the tables are linked to rows by file name: a cell links to an
// image when it names the file ("P-1.png", "img/P-1.png") or its stem ("P-1"), ignoring case.

/** The key an image is found by: its file name without folders and extension, lower-cased. */
export function imageKey(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1).trim().toLowerCase();
  const dot = base.lastIndexOf('.');
  return dot > 0 && /^(jpe?g|png|webp|gif)$/.test(base.slice(dot + 1)) ? base.slice(0, dot) : base;
}

export async function imagesByKey(db: EdgeFuseDb, workspaceId: string): Promise<Map<string, ImageRecord>> {
  const images = await db.images.where('workspaceId').equals(workspaceId).toArray();
  return new Map(images.map((image) => [imageKey(image.name), image]));
}

export interface ImageLink {
  column: number;
  /** Cells of the sample that name an image. */
  matches: number;
}

/**
 * The column whose cells name the most images, from a sample of rows (`rows[i][c]`), or null when
 * no cell names one.
 */
export function findImageColumn(rows: readonly (readonly CellValue[])[], keys: ReadonlySet<string>): ImageLink | null {
  if (keys.size === 0) return null;
  let best: ImageLink | null = null;
  const columns = rows[0]?.length ?? 0;
  for (let c = 0; c < columns; c++) {
    let matches = 0;
    for (const row of rows) {
      const value = row[c];
      if (typeof value === 'string' && keys.has(imageKey(value))) matches++;
    }
    if (matches > 0 && (!best || matches > best.matches)) best = { column: c, matches };
  }
  return best;
}
