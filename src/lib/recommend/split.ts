import { subset } from './interactions';
import { seededRandom } from './random';
import type { Interactions, ItemText } from './types';

// The protocols' train/test splits, in the interactions' own index spaces.
//   random-80-20    each interaction goes to test with probability 0.2 (seeded): RMSE and MAE.
//   leave-last-out  each user's last interaction (by time) is the test; users with fewer than two
//                   interactions stay in train only: HR@k and NDCG@k over the FULL ranking.
//   cold-items      a seeded share of the items that have text loses ALL its interactions to
//                   test: those items are new to every model, which must rank them from text.

export interface Split {
  train: Interactions;
  test: Interactions;
}

function partition(data: Interactions, isTest: (row: number) => boolean): Split {
  const testRows: number[] = [];
  const trainRows: number[] = [];
  for (let r = 0; r < data.user.length; r++) (isTest(r) ? testRows : trainRows).push(r);
  return { train: subset(data, Int32Array.from(trainRows)), test: subset(data, Int32Array.from(testRows)) };
}

export function randomSplit(data: Interactions, testShare: number, seed: number): Split {
  const random = seededRandom(seed);
  const draws = Float64Array.from({ length: data.user.length }, () => random.next());
  return partition(data, (r) => draws[r]! < testShare);
}

export function leaveLastOut(data: Interactions): Split {
  // Rows are sorted by user, then time: a user's last row is the one before the next user's.
  return partition(data, (r) => {
    const u = data.user[r]!;
    const isLast = r + 1 === data.user.length || data.user[r + 1] !== u;
    const hasEarlier = r > 0 && data.user[r - 1] === u;
    return isLast && hasEarlier;
  });
}

export interface ColdSplit extends Split {
  /** 1 for the items whose interactions were all moved to test. */
  cold: Uint8Array;
}

export function coldItemSplit(data: Interactions, text: ItemText, share: number, seed: number): ColdSplit {
  const random = seededRandom(seed);
  const seen = new Uint8Array(data.itemIds.length);
  for (let r = 0; r < data.item.length; r++) seen[data.item[r]!] = 1;
  const cold = new Uint8Array(data.itemIds.length);
  for (let i = 0; i < cold.length; i++) if (seen[i] && text.has[i] && random.next() < share) cold[i] = 1;
  return { ...partition(data, (r) => cold[data.item[r]!] === 1), cold };
}
