export { modelTasks, isBaseCandidate, type ModelTask, type ModelCard } from './model-card';
export { modelFileExtension, writeModelFile, readModelFile, packWeights, unpackWeights, type ModelFile } from './model-file';
export { saveModel, listModels, loadModel, deleteModel, exportModel, importModel, type RegisteredModel } from './registry';
