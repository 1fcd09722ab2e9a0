import { describe, expect, it } from 'vitest';
import {
  activeSteps, applySteps, batchFromRecords, canRedo, canUndo, cleanStatsFrom, emptyHistory, jumpTo, parseHistory, profileBatch, push, redo, undo,
  type CleanStep, type HistoryState,
} from '../../../src/lib/profile';

const trim: CleanStep = { op: 'trim', column: 'name' };
const lower: CleanStep = { op: 'case', column: 'name', mode: 'lower' };
const dates: CleanStep = { op: 'parse-dates', column: 'since', dayFirst: false, epoch: false };
const title: CleanStep = { op: 'case', column: 'name', mode: 'title' };

describe('history', () => {
  it('pushes, undoes and redoes like OpenRefine', () => {
    let h: HistoryState = emptyHistory();
    expect(canUndo(h)).toBe(false);
    h = push(push(push(h, trim), lower), dates);
    expect(activeSteps(h)).toEqual([trim, lower, dates]);
    h = undo(undo(h));
    expect(activeSteps(h)).toEqual([trim]);
    expect(canRedo(h)).toBe(true);
    h = redo(h);
    expect(activeSteps(h)).toEqual([trim, lower]);
    // A new step after an undo drops the undone tail.
    h = push(h, title);
    expect(h).toEqual({ steps: [trim, lower, title], cursor: 3 });
    expect(canRedo(h)).toBe(false);
    expect(redo(h)).toBe(h);
    expect(undo(undo(undo(undo(h))))).toEqual({ steps: [trim, lower, title], cursor: 0 });
    expect(jumpTo(h, 1)).toEqual({ steps: [trim, lower, title], cursor: 1 });
    expect(() => jumpTo(h, 9)).toThrowError(/no step 9/);
  });

  it('never mutates a state', () => {
    const h = push(emptyHistory(), trim);
    const frozen = structuredClone(h);
    push(h, lower);
    undo(h);
    expect(h).toEqual(frozen);
  });

  it('replays deterministically, and undo restores the raw rows', () => {
    const raw = batchFromRecords([
      { name: '  ANNA Lee ', since: '03/14/2021', spend: '10' },
      { name: 'bo  chan', since: '1 Feb 2021', spend: null },
      { name: 'Cy', since: '2021-05-01', spend: '30' },
    ]);
    const stats = cleanStatsFrom(profileBatch(raw));
    let h = emptyHistory();
    for (const step of [trim, lower, dates, { op: 'collapse-whitespace', column: 'name' }, title, { op: 'impute', column: 'spend', method: 'mean', value: null }] as CleanStep[]) {
      h = push(h, step);
    }
    const once = applySteps(raw, activeSteps(h), stats);
    const again = applySteps(raw, activeSteps(parseHistory(JSON.parse(JSON.stringify(h)))), stats);
    expect(again).toEqual(once);
    expect(once.columns).toEqual([['Anna Lee', 'Bo Chan', 'Cy'], ['2021-03-14', '2021-02-01', '2021-05-01'], ['10', 20, '30']]);
    // Cleaning batch by batch gives the same rows as cleaning all at once.
    const parts = [batchFromRecords([{ name: '  ANNA Lee ', since: '03/14/2021', spend: '10' }]), batchFromRecords([{ name: 'bo  chan', since: '1 Feb 2021', spend: null }], 1)];
    expect(parts.map((p) => applySteps(p, activeSteps(h), stats).columns.map((c) => c[0]))).toEqual([[once.columns[0]![0], once.columns[1]![0], once.columns[2]![0]], [once.columns[0]![1], once.columns[1]![1], once.columns[2]![1]]]);
    let back = h;
    while (canUndo(back)) back = undo(back);
    expect(applySteps(raw, activeSteps(back), stats)).toEqual(raw);
  });

  it('parses stored histories and rejects damaged ones', () => {
    expect(parseHistory({ steps: [], cursor: 0 })).toEqual(emptyHistory());
    expect(() => parseHistory({ steps: [trim], cursor: 2 })).toThrowError(/past its last step/);
    expect(() => parseHistory({ steps: [{ op: 'nope' }], cursor: 1 })).toThrowError(/damaged/);
    expect(() => parseHistory(null)).toThrowError(/damaged/);
  });
});
