// Model shapes of two small Llama-family checkpoints people fine-tune in a browser, for benchmarks
// with random weights (nothing is downloaded): the numbers are the published config.json values of
// HuggingFaceTB/SmolLM2-135M and Qwen/Qwen2.5-0.5B; the weights are ours (random).
import type { LlamaConfig } from '../hf/config';

const base = { bosId: null, eosIds: [0], padId: null, oBias: false, qkNorm: false, rope: { type: 'default' as const } };

export const FAMILY_SHAPES: Record<string, LlamaConfig> = {
  'smollm2-135m': {
    ...base, family: 'llama', architecture: 'LlamaForCausalLM', vocabSize: 49152, hiddenSize: 576, intermediateSize: 1536,
    nLayer: 30, nHead: 9, nKvHead: 3, headDim: 64, blockSize: 8192, rmsNormEps: 1e-5, ropeTheta: 100000, qkvBias: false, tieWordEmbeddings: true,
  },
  'qwen2.5-0.5b': {
    ...base, family: 'qwen2', architecture: 'Qwen2ForCausalLM', vocabSize: 151936, hiddenSize: 896, intermediateSize: 4864,
    nLayer: 24, nHead: 14, nKvHead: 2, headDim: 64, blockSize: 32768, rmsNormEps: 1e-6, ropeTheta: 1000000, qkvBias: true, tieWordEmbeddings: true,
  },
  /** a tiny shape for tests of the benchmark itself (the /bench page's browser test) */
  tiny: {
    ...base, family: 'qwen2', architecture: 'Qwen2ForCausalLM', vocabSize: 512, hiddenSize: 64, intermediateSize: 128,
    nLayer: 2, nHead: 4, nKvHead: 2, headDim: 16, blockSize: 128, rmsNormEps: 1e-6, ropeTheta: 1000000, qkvBias: true, tieWordEmbeddings: true,
  },
};
