import type { ColdStartReport, EvaluationReport } from './evaluate';
import type { Reason, RelatedItem } from './explain';
import type { ModelReport, Protocol } from './types';

// The "Recommendations" finding as the Discover page holds it (plain JSON, written by
// recommend-job.ts) and the helpers that browse it without going back to the worker: the
// comparison table's columns and best cells, which models beat the baselines, the settings
// chosen on validation, customer search,
// and the wording of a reason. Items are referred to by their index in `items` throughout.

/** One evaluation protocol's table, as `evaluate` reported it (non-finite figures dropped). */
export type StoredEvaluation = Omit<EvaluationReport, 'coldStart'>;

export interface StoredItem {
  id: string;
  /** From the catalogue's name column; null without one. */
  name: string | null;
}

export interface StoredRecommendation {
  item: number;
  score: number;
  reasons: Reason[];
}

export interface StoredUser {
  id: string;
  /** Interactions in all (the history below keeps the most recent). */
  interactions: number;
  /** Most recent last. */
  history: number[];
  recommendations: StoredRecommendation[];
}

export interface StoredRelated {
  /** "Customers also bought": by customers who have both. */
  alsoBought: RelatedItem[];
  /** Nearest by co-occurrence cosine (by text for an item nobody has yet). */
  similar: RelatedItem[];
  /** Nearest by the USE-lite vectors of the catalogue text; empty without text. */
  similarByText: RelatedItem[];
}

export interface RecommendFinding {
  /** "order_lines.csv (+ orders.csv on order_id)". */
  source: string;
  columns: { user: string; item: string; rating: string | null; time: string | null; text: string[] };
  data: { users: number; items: number; interactions: number; rowsRead: number; rowsDropped: number; duplicatesMerged: number; timeSource: 'column' | 'row order'; dedupe: string; itemsWithText: number };
  /** leave-last-out first, then random-80-20 when there is a rating. */
  evaluations: StoredEvaluation[];
  coldStart: ColdStartReport | null;
  /** The model refitted on all interactions that made the lists below, and its settings. */
  recommendedWith: { model: string; protocol: Protocol; notes: Record<string, string | number> };
  k: number;
  items: StoredItem[];
  /** The stored customers (the most active when there are more than `config.storedUsers`). */
  users: StoredUser[];
  /** Parallel to `items`; items beyond `config.storedItems` (the least popular) have empty lists. */
  related: StoredRelated[];
  /** Settings of the run, including what was capped or skipped. */
  config: Record<string, string | number | boolean>;
  /** What the user should know about how the run was bounded ("SASRec skipped", "users capped"). */
  notes: string[];
}

export interface MetricColumn {
  key: 'hr' | 'ndcg' | 'mrr' | 'rmse' | 'mae' | 'coverage' | 'popularityPercentile';
  label: string;
  /** Which way is better; popularity bias is better low (less of the head of the catalogue). */
  better: 'higher' | 'lower';
}

/** The figures a protocol defines, in table order. */
export function metricColumns(protocol: StoredEvaluation['protocol'] | ColdStartReport['protocol'], k: number): MetricColumn[] {
  const lists: MetricColumn[] = [
    { key: 'coverage', label: `coverage@${k}`, better: 'higher' },
    { key: 'popularityPercentile', label: 'popularity bias', better: 'lower' },
  ];
  if (protocol === 'random-80-20') return [{ key: 'rmse', label: 'RMSE', better: 'lower' }, { key: 'mae', label: 'MAE', better: 'lower' }, ...lists];
  return [{ key: 'hr', label: `HR@${k}`, better: 'higher' }, { key: 'ndcg', label: `NDCG@${k}`, better: 'higher' }, { key: 'mrr', label: 'MRR', better: 'higher' }, ...lists];
}

export function metricValue(model: ModelReport, key: MetricColumn['key']): number | null {
  const value = key === 'hr' || key === 'ndcg' || key === 'mrr' ? model.ranking?.[key] : model[key];
  return value === undefined || !Number.isFinite(value) ? null : value;
}

/** For each metric, the models with the best value (ties all count). */
export function bestPerMetric(models: readonly ModelReport[], columns: readonly MetricColumn[]): Record<string, Set<string>> {
  const best: Record<string, Set<string>> = {};
  for (const column of columns) {
    const values = models.map((m) => metricValue(m, column.key)).filter((v): v is number => v !== null);
    if (values.length === 0) continue;
    const top = column.better === 'higher' ? Math.max(...values) : Math.min(...values);
    best[column.key] = new Set(models.filter((m) => metricValue(m, column.key) === top).map((m) => m.model));
  }
  return best;
}

export interface Comparison {
  model: string;
  /** The model's figure minus popularity's (ranking: NDCG@k; ratings: popularity's RMSE minus the model's), so > 0 is better. */
  gain: number;
  /** Two standard errors of the difference (independent errors assumed): a gain above it is clear. */
  margin: number;
  beats: boolean;
  clearly: boolean;
}

/** Each non-baseline model against the popularity baseline, on the protocol's main figure. */
export function againstPopularity(evaluation: StoredEvaluation): Comparison[] {
  const popularity = evaluation.models.find((m) => m.model === 'popularity');
  if (!popularity) return [];
  const ratings = evaluation.protocol === 'random-80-20';
  const figure = (m: ModelReport): [number, number] | null => {
    if (ratings) return m.rmse === undefined ? null : [-m.rmse, m.rmseSe ?? 0];
    return m.ranking ? [m.ranking.ndcg, m.ranking.ndcgSe] : null;
  };
  const base = figure(popularity);
  if (!base) return [];
  return evaluation.models.flatMap((m) => {
    const own = figure(m);
    if (m.baseline || !own) return [];
    const gain = own[0] - base[0];
    const margin = 2 * Math.sqrt(own[1] ** 2 + base[1] ** 2);
    return [{ model: m.model, gain, margin, beats: gain > 0, clearly: gain > margin }];
  });
}

export interface BaselineMargin {
  baseline: string;
  /** The model's figure minus the baseline's, signed so that > 0 is better (RMSE: the baseline's minus the model's). */
  gain: number;
  /** One standard error of the difference: paired case by case where the report has it (ranking), else sqrt(se_model² + se_baseline²), errors taken as independent (ratings). */
  se: number;
  paired: boolean;
}

export interface BaselineVerdict {
  model: string;
  /** Each main figure of the protocol (ranking: NDCG@k, HR@k; ratings: RMSE) against every baseline. */
  figures: { key: 'ndcg' | 'hr' | 'rmse'; label: string; margins: BaselineMargin[]; beatsAll: boolean }[];
  /** Beats every baseline by more than one standard error on every main figure. */
  beatsAll: boolean;
}

/** Each non-baseline model against every baseline of its table (ranking: popularity and item-kNN), by more than one standard error. */
export function againstBaselines(evaluation: StoredEvaluation): BaselineVerdict[] {
  const baselines = evaluation.models.filter((m) => m.baseline);
  const keys = evaluation.protocol === 'random-80-20' ? (['rmse'] as const) : (['ndcg', 'hr'] as const);
  const figure = (m: ModelReport, key: (typeof keys)[number]): [number, number] | null => {
    if (key === 'rmse') return m.rmse === undefined ? null : [-m.rmse, m.rmseSe ?? 0];
    return m.ranking ? (key === 'ndcg' ? [m.ranking.ndcg, m.ranking.ndcgSe] : [m.ranking.hr, m.ranking.hrSe]) : null;
  };
  return evaluation.models.filter((m) => !m.baseline).map((m) => {
    const figures = keys.map((key) => {
      const margins = baselines.flatMap((b) => {
        const [own, base] = [figure(m, key), figure(b, key)];
        const paired = m.paired?.find((p) => p.baseline === b.model);
        const pairedSe = key === 'rmse' || !paired ? undefined : key === 'ndcg' ? paired.ndcgSe : paired.hrSe;
        return own && base ? [{ baseline: b.model, gain: own[0] - base[0], se: pairedSe ?? Math.sqrt(own[1] ** 2 + base[1] ** 2), paired: pairedSe !== undefined }] : [];
      });
      const label = key === 'rmse' ? 'RMSE' : `${key === 'ndcg' ? 'NDCG' : 'HR'}@${evaluation.k}`;
      return { key, label, margins, beatsAll: margins.length > 0 && margins.every((d) => d.gain > d.se) };
    });
    return { model: m.model, figures, beatsAll: figures.every((f) => f.beatsAll) };
  });
}

const settingLabels: Record<string, (v: number) => string> = {
  regularization: (v) => `λ=${v}`,
  alpha: (v) => `α=${v}`,
  popularityWeighting: (v) => `β=${v}`,
  factors: (v) => `${v} factors`,
  textWeight: (v) => `text weight μ=${v}`,
  neighbours: (v) => `${v} neighbours`,
  shrinkage: (v) => `shrinkage ${v}`,
  predictDamping: (v) => `damping ${v}`,
  biasRate: (v) => `bias rate ${v}`,
  epochs: (v) => `${v} epochs`,
};

/** "λ=80, α=10, β=0, 32 factors (14 fits; validation NDCG@10 0.152)" for a model whose settings were tuned; null otherwise. */
export function tunedSettings(model: ModelReport, k: number): string | null {
  const notes = model.notes ?? {};
  if (notes['tuned'] === undefined) return null;
  const keys = 'alpha' in notes ? ['regularization', 'alpha', 'popularityWeighting', 'factors', 'textWeight'] : 'biasRate' in notes ? ['regularization', 'biasRate', 'epochs', 'textWeight'] : ['neighbours', 'shrinkage', 'predictDamping'];
  const shown = keys.flatMap((key) => {
    const v = notes[key];
    return typeof v === 'number' && !(key === 'textWeight' && v === 0) ? [settingLabels[key]!(v)] : [];
  });
  const score = typeof notes['validationNdcg'] === 'number' ? `validation NDCG@${k} ${notes['validationNdcg'].toFixed(3)}` : typeof notes['validationRmse'] === 'number' ? `validation RMSE ${notes['validationRmse'].toFixed(3)}` : '';
  return `${shown.join(', ')} (${notes['fits']} fits${score ? `; ${score}` : ''})`;
}

/** How a protocol is described on screen and in every export. */
export function protocolDescription(evaluation: StoredEvaluation): string {
  const { protocol, k, data } = evaluation;
  if (protocol === 'random-80-20') return `random-80-20: ${data.test.toLocaleString('en')} of ${data.interactions.toLocaleString('en')} ratings held out at random (seed ${evaluation.seed}); rating RMSE and MAE; lists ranked over all ${data.items.toLocaleString('en')} items`;
  return `leave-last-out: each customer's last new item held out (${data.evaluatedUsers.toLocaleString('en')} customers with an earlier one), ranked against ALL ${data.items.toLocaleString('en')} items (full ranking, no sampled negatives); HR@${k}, NDCG@${k}`;
}

export function itemLabel(items: readonly StoredItem[], index: number): string {
  const item = items[index];
  if (!item) return String(index);
  return item.name ? `${item.name} (${item.id})` : item.id;
}

/** "because you liked X" or "text like X (0.83)". */
export function reasonText(reason: Reason, items: readonly StoredItem[]): string {
  const label = itemLabel(items, reason.item);
  return reason.source === 'text' ? `text like ${label} (${reason.similarity.toFixed(2)})` : `because you liked ${label}`;
}

/** Stored customers whose id contains `query` (case-insensitive), in stored order. */
export function findUsers(users: readonly StoredUser[], query: string, limit = 50): StoredUser[] {
  const needle = query.trim().toLowerCase();
  const out: StoredUser[] = [];
  for (const user of users) {
    if (out.length >= limit) break;
    if (!needle || user.id.toLowerCase().includes(needle)) out.push(user);
  }
  return out;
}

/** Item indices whose id or name contains `query`, most related first is not known here: catalogue order. */
export function findItems(items: readonly StoredItem[], query: string, limit = 50): number[] {
  const needle = query.trim().toLowerCase();
  const out: number[] = [];
  for (let i = 0; i < items.length && out.length < limit; i++) {
    const item = items[i]!;
    if (!needle || item.id.toLowerCase().includes(needle) || (item.name?.toLowerCase().includes(needle) ?? false)) out.push(i);
  }
  return out;
}
