// The transformer engine: encoder (with LoRA), its weights by name, USE-lite and its tokenizer.
export { encoderConfig, encoderDefaults, activations, norms, positionKinds, poolings, loraTargets } from './config';
export type { EncoderConfig, LoraConfig, LoraTarget, Activation, Norm, PositionKind, Pooling } from './config';
export { Encoder, Block, FeedForward, MultiHeadSelfAttention, LayerNorm, Linear, Init, timingSignal, meanOverTokens, embeddingLookup, dropout, seedDropout } from './encoder';
export type { Weights, EncoderInputs, EncoderOutputs } from './encoder';
export { exportWeights, importWeights, loraWeights, baseWeights, isLoraName, type NamedArrays } from './weights';
export { SentencePiece, parseVocabulary, type Vocabulary } from './sentencepiece';
export { UseLite, loadUseLite, fetchFrom, batchInputs, useLiteConfig, useLiteFiles, type ReadFile } from './use-lite';
