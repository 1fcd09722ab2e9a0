// A string that owns its characters. Cells cut from a chunk's one long string (the store's
// decodeColumn) are slices that keep the whole chunk text alive, so a sketch keeping a few
// thousand of them over a long import kept hundreds of chunks in memory (workers at 370 MB for
// a 2 GB file). Whatever a profile keeps past the chunk it is reading goes through this.

/** Slices this short are copies already (V8 shares the parent from 13 characters on). */
const sharedFrom = 13;

export function ownString(text: string): string {
  // The concatenation is a rope; slice() flattens it into a new string, which the result
  // points into: the chunk's text is no longer referenced.
  return text.length < sharedFrom ? text : (' ' + text).slice(1);
}
