// Turns what the user dropped or picked into a flat list of files. A dropped folder is walked
// recursively (FileSystemEntry API: what Chromium, Firefox and Safari offer for drops); hidden
// files and macOS resource forks are skipped.

function isHidden(name: string): boolean {
  return name.startsWith('.') || name.startsWith('__MACOSX');
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function walk(entry: FileSystemEntry, out: File[]): Promise<void> {
  if (isHidden(entry.name)) return;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push(file);
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns at most ~100 entries per call: keep reading until it returns none.
  for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
    for (const child of batch) await walk(child, out);
  }
}

export async function filesFromDrop(transfer: DataTransfer): Promise<File[]> {
  const entries = Array.from(transfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry());
  if (entries.every((e) => e === null)) return Array.from(transfer.files);
  const files: File[] = [];
  for (const entry of entries) if (entry) await walk(entry, files);
  return files;
}

export function filesFromInput(input: HTMLInputElement): File[] {
  return Array.from(input.files ?? []).filter((f) => !isHidden(f.name));
}
