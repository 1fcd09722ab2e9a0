// Hugging Face BERT-family checkpoints on our encoder: safetensors, config.json, tokenizer.json,
// a loader for folders and dropped files, and the opt-in Hub download.
export { parseSafetensors, writeSafetensors, floatDtypes, type FloatDtype, type Safetensors } from './safetensors';
export { parseBertConfig, bertFamilies, type BertFamily, type BertSpec, type BertOptions } from './bert-config';
export { HfTokenizer, parseTokenizer, bertInputs, type Encoded, type BertInputs } from './tokenizer';
export { Bert, type EncoderInputsWithTypes } from './bert';
export { loadBert, mapBertWeights, readFromFiles, bertFiles, optionalBertFiles, type LoadedBert } from './load-bert';
export { downloadFromHub, readFromHubCache, hubUrl, clearHubCache, hubOrigin, hubCacheName, type HubCache, type HubOptions, type HubProgress } from './hub';
