import { byUser } from './interactions';
import type { Interactions, ItemText, ScoreUser } from './types';

// The content baseline of the cold-start protocol: a user's profile is the mean text vector of
// the items they interacted with, and an item scores its cosine with that profile. It needs no
// interactions on the item, so it ranks new items as well as old ones; the hybrid models must
// beat it (and popularity, which cannot rank items nobody has interacted with).

export function textProfileRanker(train: Interactions, text: ItemText): ScoreUser {
  const users = byUser(train);
  const D = text.width;
  const profile = new Float32Array(D);
  return (u, out) => {
    profile.fill(0);
    for (let p = users.offsets[u]!; p < users.offsets[u + 1]!; p++) {
      const i = users.index[p]!;
      for (let d = 0; d < D; d++) profile[d]! += text.vectors[i * D + d]!;
    }
    for (let i = 0; i < out.length; i++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += profile[d]! * text.vectors[i * D + d]!;
      out[i] = text.has[i] ? s : -1e9;
    }
  };
}
