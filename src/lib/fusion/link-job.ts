// Entity resolution in the app: the "Find matches" job (link two sources, or dedupe one), and
// what the UI asks of a finished run: the threshold curve, the pairs the model is least sure
// of, links with their evidence, golden records, and refits after the user's labels. The full
// run state (prepared fields, blocking index) stays in the worker's memory; after a reload it
// is rebuilt from the stored run with the fitted model, which skips the expensive EM.
import { AppError } from '../errors';
import type { JobHandler } from '../jobs';
import { getSource, type CellValue, type EdgeFuseDb } from '../store';
import {
  chooseBlocking, chooseComparisons, comparison, explainPair, goldenRecord, linkNewRecords, linkSettings, linkTables, pickPairsToLabel, thresholdCurve,
  thresholdPoint, updateWithLabels, clusterPairs,
  type FieldComparison, type FieldMerge, type LinkEmbeddings, type LinkSettings, type LinkResult, type MergeRule, type PairEvidence, type PairLabel, type ThresholdPoint, type LinkModel, type EntityMember,
} from './link';
import type { TextEmbedder } from '../ml/text-embedder';
import { runSide, type LinkRunRecord } from './link-store';
import { readSourceTable } from './read-store-tables';
import type { FusionTable } from './types';

export interface LinkParams {
  workspaceId: string;
  leftSourceId: string;
  /** Null: find duplicates within the left source. */
  rightSourceId: string | null;
  /** Columns to compare and how; default: chosen from the columns' types and roles. */
  comparisons?: FieldComparison[];
  threshold?: number;
  /**
   * Link the left source's rows to the entities of this earlier run instead of starting over:
   * its fitted model and the blocking index of its indexed side are reused (`rightSourceId`
   * is then that side's source).
   */
  extendsRunId?: string;
  /**
   * Also compare the main text column (titles, names) by meaning: sentence vectors from the
   * on-device encoder, blocked with LSH and compared by cosine. Needs an embedder.
   */
  meaning?: boolean;
}

/** What linking can use besides the data: the on-device sentence encoder, when the worker has one. */
export interface LinkEnvironment {
  embedder?: TextEmbedder;
}

/** The text comparison that meaning helps most: the first over free text (titles, names). */
function meaningComparison(comparisons: readonly FieldComparison[]): FieldComparison | null {
  const text = comparisons.find((c) => c.kind === 'tfidf-tokens' || c.kind === 'tfidf-qgrams' || c.kind === 'token-jaccard')
    ?? comparisons.find((c) => c.kind === 'jaro-winkler');
  return text ? comparison({ name: `${text.name} meaning`, left: text.left, right: text.right, kind: 'embedding', normaliser: 'none' }) : null;
}

/** Sentence vectors of the columns an embedding comparison reads, for linkTables. */
async function embeddingsFor(settings: LinkSettings, left: FusionTable, right: FusionTable | null, embedder: TextEmbedder | undefined, signal?: AbortSignal): Promise<LinkEmbeddings | undefined> {
  const c = settings.comparisons.find((x) => x.kind === 'embedding');
  if (!c) return undefined;
  if (!embedder) throw new AppError('unsupported', 'This match compares by meaning, but no sentence encoder is available here.');
  const texts = (table: FusionTable, column: string) => (table.columns.find((x) => x.name === column)?.values ?? []).map((v) => (v === null ? '' : String(v)));
  const leftVectors = await embedder.embed(texts(left, c.left), signal);
  return right ? { left: leftVectors, right: await embedder.embed(texts(right, c.right), signal) } : { left: leftVectors };
}

export interface LinkJobResult {
  runId: string;
  pairs: number;
  entities: number;
}

/** A pair as the UI shows it: evidence plus the compared cells of both rows. */
export interface PairView extends PairEvidence {
  left: Record<string, CellValue>;
  right: Record<string, CellValue>;
}

export interface GoldenView {
  members: (EntityMember & { cells: Record<string, CellValue> })[];
  values: Record<string, CellValue>;
  /** Per field: which member the value came from (index into members), -1 for none. */
  from: Record<string, number>;
}

export interface LinkReport {
  runId: string;
  mode: 'link' | 'dedupe';
  left: string;
  right: string | null;
  threshold: number;
  point: ThresholdPoint;
  curve: ThresholdPoint[];
  entities: number;
  model: LinkModel;
  comparisons: FieldComparison[];
  labels: number;
  pairsCompared: number;
  toLabel: PairView[];
  /** The weakest links kept and the strongest left out: where the threshold bites. */
  nearThreshold: PairView[];
  golden: GoldenView[];
  rules: FieldMerge[];
}

/** New rows against an earlier run: prepared with its statistics, probed in its index, scored by its model. */
async function extendRun(db: EdgeFuseDb, sessions: LinkSessions, ctx: Parameters<JobHandler<LinkParams, LinkJobResult>>[0], baseId: string): Promise<LinkJobResult> {
  const base = await db.linkRuns.get(baseId);
  if (!base) throw new AppError('not-found', 'The match run to extend no longer exists.', { runId: baseId });
  const { result } = await sessions.get(baseId);
  const indexed = base.right ?? base.left;
  const newSource = await getSource(db, ctx.params.leftSourceId);
  const indexedSource = await getSource(db, indexed.sourceId);
  const records = await readSourceTable(db, newSource, { signal: ctx.signal });
  const missing = base.settings.comparisons.map((c) => c.left).filter((name) => !records.columns.some((col) => col.name === name));
  if (missing.length > 0) throw new AppError('input-malformed', `${newSource.name} lacks the column(s) ${missing.join(', ')} that the earlier match compared. Rename them, or start a new match.`);
  const added = await linkNewRecords(result, records, { signal: ctx.signal, onProgress: (done, total, message) => ctx.progress(done, total, 'rows', message) });
  const now = Date.now();
  const record: LinkRunRecord = {
    id: ctx.jobId, workspaceId: ctx.params.workspaceId,
    left: runSide(newSource), right: runSide(indexedSource),
    settings: base.settings, model: base.model, pairs: added.pairs, labels: [], threshold: base.threshold, accepted: false,
    stats: { ...base.stats, mode: 'link', leftRows: records.rowCount, rightRows: indexedSource.rowCount, pairsCompared: added.pairs.count, randomPairs: 0 },
    createdAt: now, updatedAt: now,
  };
  await db.linkRuns.put(record);
  return { runId: record.id, pairs: added.pairs.count, entities: added.entity.filter((e) => e >= 0).length };
}

export function linkEntitiesJob(db: EdgeFuseDb, sessions: LinkSessions, env: LinkEnvironment = {}): JobHandler<LinkParams, LinkJobResult> {
  return async (ctx) => {
    const { workspaceId, leftSourceId, rightSourceId } = ctx.params;
    if (ctx.params.extendsRunId) return extendRun(db, sessions, ctx, ctx.params.extendsRunId);
    ctx.progress(0, 1, 'steps', 'Reading sources');
    const leftSource = await getSource(db, leftSourceId);
    const rightSource = rightSourceId ? await getSource(db, rightSourceId) : null;
    const left = await readSourceTable(db, leftSource, { signal: ctx.signal });
    const right = rightSource ? await readSourceTable(db, rightSource, { signal: ctx.signal }) : null;
    const comparisons = ctx.params.comparisons ?? chooseComparisons(left, right);
    const meaning = ctx.params.meaning ? meaningComparison(comparisons) : null;
    if (meaning) comparisons.push(meaning);
    if (comparisons.length === 0) throw new AppError('input-malformed', `${left.name}${right ? ` and ${right.name}` : ''} have no columns EdgeFuse knows how to compare (names, titles, e-mails, phones, dates, prices). Choose the columns yourself.`);
    const settings = linkSettings({
      comparisons, blocking: chooseBlocking(comparisons, Math.max(left.rowCount, right?.rowCount ?? 0)),
      ...(ctx.params.threshold !== undefined ? { threshold: ctx.params.threshold } : {}),
    });
    if (meaning) ctx.progress(0, 1, 'steps', 'Encoding texts with the sentence encoder');
    const embeddings = await embeddingsFor(settings, left, right, env.embedder, ctx.signal);
    const result = await linkTables(left, right, settings, {
      signal: ctx.signal,
      ...(embeddings ? { embeddings } : {}),
      onProgress: (done, total, message) => ctx.progress(done, total, 'rows', message),
    });
    const now = Date.now();
    const record: LinkRunRecord = {
      id: ctx.jobId, workspaceId,
      left: runSide(leftSource), right: rightSource ? runSide(rightSource) : null,
      settings, model: result.model, pairs: result.pairs, labels: [], threshold: settings.threshold, accepted: false, stats: result.stats,
      createdAt: now, updatedAt: now,
    };
    await db.linkRuns.put(record);
    sessions.remember(record.id, { result, tables: right ? [left, right] : [left] });
    return { runId: record.id, pairs: result.pairs.count, entities: result.entities.length };
  };
}

interface Session {
  result: LinkResult;
  tables: FusionTable[];
}

/** Live runs in this worker, rebuilt from IndexedDB when a reload lost them. */
export class LinkSessions {
  readonly #db: EdgeFuseDb;
  readonly #live = new Map<string, Promise<Session>>();

  readonly #env: LinkEnvironment;

  constructor(db: EdgeFuseDb, env: LinkEnvironment = {}) {
    this.#db = db;
    this.#env = env;
  }

  remember(runId: string, session: Session): void {
    this.#live.set(runId, Promise.resolve(session));
    // A few runs at a time: each holds its prepared fields and blocking index.
    if (this.#live.size > 4) this.#live.delete(this.#live.keys().next().value!);
  }

  async #record(runId: string): Promise<LinkRunRecord> {
    const run = await this.#db.linkRuns.get(runId);
    if (!run) throw new AppError('not-found', 'That match run no longer exists.', { runId });
    return run;
  }

  get(runId: string): Promise<Session> {
    let found = this.#live.get(runId);
    if (!found) {
      found = (async () => {
        const run = await this.#record(runId);
        const left = await readSourceTable(this.#db, await getSource(this.#db, run.left.sourceId));
        const right = run.right ? await readSourceTable(this.#db, await getSource(this.#db, run.right.sourceId)) : null;
        const embeddings = await embeddingsFor(run.settings, left, right, this.#env.embedder);
        const result = await linkTables(left, right, run.settings, { model: run.model, labels: run.labels, ...(embeddings ? { embeddings } : {}) });
        return { result, tables: right ? [left, right] : [left] };
      })();
      found.catch(() => this.#live.delete(runId));
      this.#live.set(runId, found);
    }
    return found;
  }

  /** The user's verdicts: the model is refitted with them and every pair rescored. */
  async label(runId: string, labels: readonly PairLabel[]): Promise<void> {
    const session = await this.get(runId);
    const result = updateWithLabels(session.result, labels);
    this.remember(runId, { ...session, result });
    await this.#db.linkRuns.update(runId, { model: result.model, pairs: result.pairs, labels: result.labels, updatedAt: Date.now() });
  }

  async report(runId: string, threshold: number, rules?: FieldMerge[]): Promise<LinkReport> {
    const run = await this.#record(runId);
    const { result, tables } = await this.get(runId);
    const { pairs, state } = result;
    const comparisons = state.settings.comparisons;
    const cellsOf = (side: 0 | 1, row: number): Record<string, CellValue> => {
      const table = tables[side] ?? tables[0]!;
      return Object.fromEntries(comparisons.map((c) => {
        const name = side === 0 ? c.left : c.right;
        return [name, table.columns.find((col) => col.name === name)?.values[row] ?? null];
      }));
    };
    const view = (evidence: PairEvidence): PairView => ({ ...evidence, left: cellsOf(0, evidence.a), right: cellsOf(result.mode === 'dedupe' ? 0 : 1, evidence.b) });
    const above: number[] = [];
    const below: number[] = [];
    for (let i = 0; i < pairs.count; i++) (pairs.probability[i]! >= threshold ? above : below).push(i);
    above.sort((x, y) => pairs.probability[x]! - pairs.probability[y]!);
    below.sort((x, y) => pairs.probability[y]! - pairs.probability[x]!);
    const near = [...above.slice(0, 5), ...below.slice(0, 5)].map((i) => view(explainPair(pairs, result.model, i)));
    const entities = clusterPairs(pairs, threshold, state.settings.maxClusterSize, state.dedupe, state.leftRows, state.rightRows);
    const mergeRules = rules ?? defaultRules(comparisons);
    const golden = entities.slice(0, 5).map((entity): GoldenView => {
      const record = goldenRecord(tables, entity.members, mergeRules);
      const members = entity.members.map((m) => ({ ...m, cells: cellsOf(m.side, m.row) }));
      const from = Object.fromEntries(Object.entries(record.lineage).map(([field, m]) => [field, m ? entity.members.findIndex((x) => x.side === m.side && x.row === m.row) : -1]));
      return { members, values: record.values, from };
    });
    return {
      runId, mode: result.mode, left: run.left.name, right: run.right?.name ?? null, threshold,
      point: thresholdPoint(pairs.probability, threshold), curve: thresholdCurve(pairs.probability),
      entities: entities.length, model: result.model, comparisons, labels: result.labels.length, pairsCompared: pairs.count,
      toLabel: pickPairsToLabel(result, 5).map(view), nearThreshold: near, golden, rules: mergeRules,
    };
  }
}

/**
 * Text fields keep the longest spelling, the rest the most frequent value. One rule per pair of
 * columns: a title compared twice (as words, and by the sizes in it) is merged once.
 */
function defaultRules(comparisons: readonly FieldComparison[]): FieldMerge[] {
  const seen = new Set<string>();
  const distinct = comparisons.filter((c) => {
    const key = `${c.left}\u0000${c.right}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return distinct.map((c) => {
    const rule: MergeRule = c.kind === 'numeric' || c.kind === 'exact' || c.normaliser === 'email' || c.normaliser === 'phone' ? 'most-frequent' : 'longest';
    return { field: c.name, rule, columns: [c.left, c.right] as const };
  });
}
