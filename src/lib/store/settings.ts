import type { EdgeFuseDb } from './db';

export async function getSetting<T>(db: EdgeFuseDb, key: string, parse: (value: unknown) => T, fallback: T): Promise<T> {
  const row = await db.settings.get(key);
  if (row === undefined) return fallback;
  try {
    return parse(row.value);
  } catch {
    // A setting written by an older version that no longer parses falls back, never blocks start-up.
    return fallback;
  }
}

export async function putSetting(db: EdgeFuseDb, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}
