// Recognising a second import of the same file. Hashing every byte of a 2 GB file would cost a
// second full read, so a file is identified by SHA-256 over its size and its first and last
// MiB: different exports of one system differ there (row counts, dates) even when their
// headers match, and a re-drop of the same file matches exactly.

const edgeBytes = 1 << 20;

function hex(digest: ArrayBuffer): string {
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function contentHash(data: string | ArrayBuffer | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data instanceof Uint8Array ? data : new Uint8Array(data);
  return hex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

export async function blobFingerprint(blob: Blob): Promise<string> {
  const head = new Uint8Array(await blob.slice(0, edgeBytes).arrayBuffer());
  const tail = blob.size > edgeBytes ? new Uint8Array(await blob.slice(Math.max(edgeBytes, blob.size - edgeBytes)).arrayBuffer()) : new Uint8Array(0);
  const size = new TextEncoder().encode(`${blob.size}:`);
  const all = new Uint8Array(size.length + head.length + tail.length);
  all.set(size, 0);
  all.set(head, size.length);
  all.set(tail, size.length + head.length);
  return contentHash(all);
}
