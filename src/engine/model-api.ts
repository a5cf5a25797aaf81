// The engine's contract with everything above it (src/lrpo, src/ui/worker, src/cli). Both backends
// (CPU reference in TypeScript, WebGPU compute shaders) implement `Model` and give the same numbers
// within float32 tolerances. Nothing here knows about LRPO.

export interface GPTConfig {
  nLayer: number;
  nHead: number;
  nEmbd: number;
  /** maximum sequence length (n_positions) */
  blockSize: number;
  vocabSize: number;
  layerNormEps?: number; // default 1e-5
}

export type BackendName = 'cpu' | 'webgpu';

/** A batch of B rows of T token ids. targets[i] is the id to score at position i, or -1 to ignore. */
export interface TokenBatch {
  B: number;
  T: number;
  tokens: Int32Array; // length B*T
  targets: Int32Array; // length B*T, -1 = no target at this position
  /**
   * forwardLogprobs scores softmax(logits / temperature) (log-probs, entropies, and the next
   * backwardLogprobs through it), as verl's actor does for a rollout temperature T != 1.
   * Undefined or 1 = the logits themselves; must be > 0.
   */
  temperature?: number;
}

/** Per-position log p(target) and entropy of the full next-token distribution (0 where target = -1). */
export interface LogprobResult {
  logprobs: Float32Array; // length B*T
  entropy: Float32Array; // length B*T
}

export interface AdamWOptions {
  lr: number;
  beta1: number; // 0.9
  beta2: number; // 0.999
  eps: number; // 1e-8
  weightDecay: number; // applied to every parameter, as torch.optim.AdamW(weight_decay=...)
  /** clip the global gradient L2 norm to this value before the update; 0 or undefined = no clipping */
  maxGradNorm?: number;
}

export interface StepResult {
  /** global L2 norm of the gradient before clipping */
  gradNorm: number;
  /** true when the gradient was not finite: the update was skipped and weights/optimizer are unchanged */
  skipped: boolean;
}

export interface SampleOptions {
  maxNewTokens: number;
  temperature: number; // 0 = greedy
  topK?: number; // 0/undefined = off
  topP?: number; // 1/undefined = off
  seed: number;
  eosId: number; // generation of a row stops after it emits eos
}

export interface SampleResult {
  /** generated ids per prompt (prompt excluded, eos included when emitted) */
  tokens: number[][];
  /** log-probability of each generated token under the sampling distribution's model (temperature 1 logits) */
  logprobs: number[][];
  /** true where the row stopped at eos, false where it hit maxNewTokens or the block size */
  stoppedAtEos: boolean[];
}

/** A tensor in Hugging Face GPT-2 naming and layout (e.g. transformer.h.0.attn.c_attn.weight is [C, 3C]). */
export interface NamedTensor {
  shape: number[];
  data: Float32Array;
}

export interface OptimizerState {
  step: number;
  m: Map<string, Float32Array>;
  v: Map<string, Float32Array>;
}

export interface Model {
  readonly config: GPTConfig;
  readonly backend: BackendName;
  /** Forward pass; keeps the activations needed by the next backwardLogprobs call. */
  forwardLogprobs(batch: TokenBatch): Promise<LogprobResult>;
  /** Forward pass returning logits [B, T, V] (tests, CLI; reads back the whole tensor). */
  forwardLogits(tokens: Int32Array, B: number, T: number): Promise<Float32Array>;
  /**
   * Backward from d(loss)/d(logprob) and optionally d(loss)/d(entropy) per position (length B*T) of the
   * last forwardLogprobs; accumulates into the parameter gradients.
   */
  backwardLogprobs(dlogprobs: Float32Array, dentropy?: Float32Array): Promise<void>;
  zeroGrad(): void;
  /** Global-norm clipping then AdamW with bias correction; skips the update on a non-finite gradient. */
  step(opts: AdamWOptions): Promise<StepResult>;
  generate(prompts: number[][], opts: SampleOptions): Promise<SampleResult>;
  exportParams(): Promise<Map<string, NamedTensor>>;
  importParams(params: Map<string, NamedTensor>): Promise<void>;
  exportGrads(): Promise<Map<string, NamedTensor>>;
  exportOptimizerState(): Promise<OptimizerState>;
  importOptimizerState(state: OptimizerState): Promise<void>;
  destroy(): void;
  /**
   * WebGPU only: resolves once if the device is lost (driver reset, device.destroy()), with the
   * reason; later calls on the model then fail. The studio recreates a device and reloads the last save.
   */
  readonly lost?: Promise<{ reason: string; message: string }>;
}

/** 1 / batch.temperature for the log-prob kernels (1 when unset); throws unless it is a number > 0. */
export function inverseTemperature(temperature: number | undefined): number {
  if (temperature === undefined || temperature === 1) return 1;
  if (!(Number.isFinite(temperature) && temperature > 0)) throw new Error(`temperature must be a number > 0, got ${temperature}`);
  return 1 / temperature;
}
