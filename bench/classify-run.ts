// What bench/classify.ts measures, shared by its Node run (WASM, CPU) and its browser worker
// (WebGPU, WASM): one classifyTable run on a table already cut to the benchmark's rows, as one
// JSON-ready record of quality figures, timings and throughput.
import type { FusionTable } from '../src/lib/fusion/types';
import type { ReadFile } from '../src/lib/ml/models';
import type { ClassifyParams, Evaluation } from '../src/lib/reviews';

export interface ClassifyBenchOptions {
  text: string[];
  label: string;
  labelMap: string | null;
  steps: number;
  batch: number;
  lora: number;
  windows: number;
  patience: number;
  headOnly: boolean;
  testFraction: number;
  seed: number;
}

const round = (x: number | null | undefined, digits = 4) => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(digits)));
const figures = (e: Evaluation) => ({ accuracy: round(e.accuracy), macroF1: round(e.macroF1), auc: round(e.auc), aucOneVsRest: round(e.aucOneVsRest), ece: round(e.calibration.ece) });

/** The figures of one run; `reviews` is the src/lib/reviews module, loaded after the backend starts. */
export async function measureClassify(reviews: typeof import('../src/lib/reviews'), table: FusionTable, o: ClassifyBenchOptions, readModelFile: ReadFile): Promise<Record<string, unknown>> {
  const params: Partial<ClassifyParams> & Pick<ClassifyParams, 'textColumns' | 'labelColumn'> = {
    textColumns: o.text,
    labelColumn: o.label,
    labelMap: o.labelMap === null ? 'auto' : o.labelMap === 'none' ? null : reviews.parseLabelMap(o.labelMap),
    split: { testFraction: o.testFraction, seed: o.seed },
    fineTune: { steps: o.steps, batchSize: o.batch, loraRank: o.lora, windows: o.windows, patience: o.patience, trainable: o.headOnly ? 'head' : 'lora' },
  };
  const { report } = await reviews.classifyTable(table, params, readModelFile);
  const { model, seconds } = report;
  const trainedExamples = model.steps * o.batch;
  return {
    rows: table.rowCount,
    classes: report.classes,
    labelMap: report.labelMap,
    nTrain: report.rows.train,
    nValidation: report.rows.validation,
    nTest: report.rows.test,
    model: { ...figures(model), trainable: model.trainable, steps: model.steps, stopped: model.stopped, bestStep: model.bestStep, probeC: model.probeC },
    baseline: { ...figures(report.baseline), c: report.baseline.c, features: report.baseline.features },
    ensemble: report.ensemble && { ...figures(report.ensemble), modelWeight: report.ensemble.modelWeight },
    backend: report.backend,
    seconds,
    probeSeconds: round(model.probeSeconds, 1),
    trainSeconds: round(model.trainSeconds, 1),
    // train() time covers the steps and the validation checks every evalEvery steps.
    trainExamplesPerSecond: model.steps > 0 ? round(trainedExamples / model.trainSeconds, 2) : null,
    testTextsPerSecond: round(report.rows.test / seconds.predict, 2),
  };
}
