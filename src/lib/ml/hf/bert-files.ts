// The files of a Hugging Face checkpoint folder that loadBert reads; apart from the loader, so
// the Hub download page can name them without pulling in tfjs.

/** The files a checkpoint needs, then the one it may have. */
export const bertFiles = ['config.json', 'model.safetensors', 'tokenizer.json'] as const;
export const optionalBertFiles = ['tokenizer_config.json'] as const;
