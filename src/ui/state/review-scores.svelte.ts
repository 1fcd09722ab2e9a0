import { recentReviewScores, type ScoredSource } from '../../lib/reviews/review-scores';
import { db } from '../db';
import { live, type Live } from './live.svelte';
import { workspaces } from './workspaces.svelte';

/** The newest review scores of each source in the current workspace, newest first. */
class ReviewScoresState {
  #recent: Live<ScoredSource[]> = $derived.by(() => {
    const id = workspaces.current?.id;
    return live(async () => (id ? recentReviewScores(db, id) : []), []);
  });

  get recent(): ScoredSource[] {
    return this.#recent.current;
  }
}

export const reviewScores = new ReviewScoresState();
