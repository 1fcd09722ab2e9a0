// A source's cleaning history, as in OpenRefine: an ordered list of steps and a cursor. Steps
// before the cursor are active; undo and redo move the cursor; a new step drops whatever was
// undone after the cursor. All functions are pure and return a new state, which is plain data
// (it lives in the source record in IndexedDB). Raw rows are never modified: the active steps
// are applied on read, so replaying the history on the same rows always gives the same result.
import { AppError } from '../errors';
import { parseCleanStep } from './clean/parse-step';
import type { CleanStep } from './clean/steps';

export interface HistoryState {
  steps: CleanStep[];
  /** Number of active steps: steps[0 .. cursor) apply, the rest are undone (redo-able). */
  cursor: number;
}

export function emptyHistory(): HistoryState {
  return { steps: [], cursor: 0 };
}

/** Appends a step after the cursor, dropping any undone steps. */
export function push(state: HistoryState, step: CleanStep): HistoryState {
  const steps = [...state.steps.slice(0, state.cursor), step];
  return { steps, cursor: steps.length };
}

export function undo(state: HistoryState): HistoryState {
  return state.cursor === 0 ? state : { steps: state.steps, cursor: state.cursor - 1 };
}

export function redo(state: HistoryState): HistoryState {
  return state.cursor >= state.steps.length ? state : { steps: state.steps, cursor: state.cursor + 1 };
}

export const canUndo = (state: HistoryState): boolean => state.cursor > 0;
export const canRedo = (state: HistoryState): boolean => state.cursor < state.steps.length;

/** Moves the cursor straight to `cursor` (clicking a step in the history list). */
export function jumpTo(state: HistoryState, cursor: number): HistoryState {
  if (!Number.isInteger(cursor) || cursor < 0 || cursor > state.steps.length) {
    throw new AppError('input-malformed', `There is no step ${cursor} in this history (it has ${state.steps.length}).`, { cursor });
  }
  return { steps: state.steps, cursor };
}

export function activeSteps(state: HistoryState): CleanStep[] {
  return state.steps.slice(0, state.cursor);
}

/** Narrows a stored history (`Source.history`) to a HistoryState, or throws `input-malformed`. */
export function parseHistory(value: unknown): HistoryState {
  const o = value as { steps?: unknown; cursor?: unknown } | null;
  if (typeof o !== 'object' || o === null || !Array.isArray(o.steps) || typeof o.cursor !== 'number') {
    throw new AppError('input-malformed', 'The saved cleaning history is damaged. Clear it to continue.');
  }
  const steps = o.steps.map(parseCleanStep);
  if (!Number.isInteger(o.cursor) || o.cursor < 0 || o.cursor > steps.length) {
    throw new AppError('input-malformed', 'The saved cleaning history points past its last step. Clear it to continue.', { cursor: o.cursor });
  }
  return { steps, cursor: o.cursor };
}

export { applySteps } from './clean/apply';
