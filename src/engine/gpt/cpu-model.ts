// The CPU reference model: GPT-2 in plain TypeScript, structured like llm.c (one flat parameter
// buffer, one flat gradient buffer, explicit forward and backward, AdamW state m and v). It
// implements the engine's Model interface and gives the numbers the WebGPU model is checked against.
import type {
  AdamWOptions, BackendName, GPTConfig, LogprobResult, Model, NamedTensor, OptimizerState,
  SampleOptions, SampleResult, StepResult, TokenBatch,
} from '../model-api';
import { inverseTemperature } from '../model-api';
import { logprobsBackward, logprobsForward } from '../kernels/logprobs';
import { clipAndAdamW } from '../optim/adamw-step';
import { generateWithDecoder, pickOnCpu } from '../sample/generate';
import { CpuKvDecoder } from '../sample/kv-cache';
import { allocActivations, allocGradActs, type Activations, type GradActs } from './activations';
import { gptBackward } from './backward';
import { checkTokens, gptForward } from './forward';
import { fromParamMap, toParamMap } from './param-map';
import { initParams, numParams, validateConfig } from './params';
import { weightViews, type GptWeights } from './weights';

export class CpuModel implements Model {
  readonly backend: BackendName = 'cpu';
  readonly config: GPTConfig;
  readonly params: Float32Array;
  readonly grads: Float32Array;
  private m: Float32Array;
  private v: Float32Array;
  private t = 0;
  private w: GptWeights;
  private dw: GptWeights;
  private acts: Activations | null = null;
  private gacts: GradActs | null = null;
  private logitActs: Activations | null = null;
  private last: { tokens: Int32Array; targets: Int32Array; B: number; T: number; invT: number } | null = null;

  /** A model with the given flat parameters (table layout), or GPT-2 init from `seed`. */
  constructor(config: GPTConfig, params?: Float32Array, seed = 0) {
    validateConfig(config);
    this.config = { ...config, layerNormEps: config.layerNormEps ?? 1e-5 };
    const n = numParams(config);
    if (params && params.length !== n) throw new Error(`params has ${params.length} values, this config needs ${n}`);
    this.params = params ? params.slice() : initParams(config, seed);
    this.grads = new Float32Array(n);
    this.m = new Float32Array(n);
    this.v = new Float32Array(n);
    this.w = weightViews(config, this.params);
    this.dw = weightViews(config, this.grads);
  }

  private activationsFor(B: number, T: number, forLogits: boolean): Activations {
    const cur = forLogits ? this.logitActs : this.acts;
    if (cur && cur.B === B && cur.T === T) return cur;
    const a = allocActivations(this.config, B, T);
    if (forLogits) this.logitActs = a;
    else {
      this.acts = a;
      this.gacts = allocGradActs(this.config, B, T);
    }
    return a;
  }

  async forwardLogprobs(batch: TokenBatch): Promise<LogprobResult> {
    const { B, T, tokens, targets } = batch;
    checkTokens(this.config, tokens, B, T);
    if (targets.length !== B * T) throw new Error(`targets has length ${targets.length}, expected B*T = ${B * T}`);
    for (let i = 0; i < targets.length; i++) {
      if (targets[i] < -1 || targets[i] >= this.config.vocabSize) {
        throw new Error(`target ${targets[i]} at row ${Math.floor(i / T)}, position ${i % T} is neither -1 nor a token id`);
      }
    }
    const invT = inverseTemperature(batch.temperature);
    const acts = this.activationsFor(B, T, false);
    gptForward(this.config, this.w, acts, tokens);
    const logprobs = new Float32Array(B * T);
    const entropy = new Float32Array(B * T);
    logprobsForward(logprobs, entropy, acts.probs, acts.logits, targets, B * T, this.config.vocabSize, invT);
    this.last = { tokens: tokens.slice(), targets: targets.slice(), B, T, invT };
    return { logprobs, entropy };
  }

  async forwardLogits(tokens: Int32Array, B: number, T: number): Promise<Float32Array> {
    checkTokens(this.config, tokens, B, T);
    const acts = this.activationsFor(B, T, true);
    gptForward(this.config, this.w, acts, tokens);
    return acts.logits.slice();
  }

  async backwardLogprobs(dlogprobs: Float32Array, dentropy?: Float32Array): Promise<void> {
    const last = this.last;
    if (!last || !this.acts || !this.gacts) throw new Error('backwardLogprobs needs a forwardLogprobs first');
    const N = last.B * last.T;
    if (dlogprobs.length !== N) throw new Error(`dlogprobs has length ${dlogprobs.length}, expected B*T = ${N}`);
    if (dentropy && dentropy.length !== N) throw new Error(`dentropy has length ${dentropy.length}, expected B*T = ${N}`);
    logprobsBackward(this.gacts.dlogits, dlogprobs, dentropy ?? null, this.acts.probs, last.targets, N, this.config.vocabSize, last.invT);
    gptBackward(this.config, this.w, this.dw, this.acts, this.gacts, last.tokens);
  }

  zeroGrad(): void {
    this.grads.fill(0);
  }

  async step(opts: AdamWOptions): Promise<StepResult> {
    const b = { params: this.params, grads: this.grads, m: this.m, v: this.v, step: this.t };
    const r = clipAndAdamW(b, opts);
    this.t = b.step;
    return r;
  }

  /**
   * Batched generation with the CPU KV cache (sample/kv-cache.ts) through the shared driver
   * (sample/generate.ts): prompts of any lengths, temperature (0 = greedy), top-k, top-p, seed; a row
   * stops at eos (included), maxNewTokens or the block size. logprobs are log-softmax of the
   * temperature-1 logits at the chosen token (the policy's log-probability), whatever the sampling
   * settings.
   */
  async generate(prompts: number[][], opts: SampleOptions): Promise<SampleResult> {
    const decoder = new CpuKvDecoder(this.config, this.w);
    return generateWithDecoder(pickOnCpu(decoder), prompts, opts, this.config.blockSize, this.config.vocabSize);
  }

  async exportParams(): Promise<Map<string, NamedTensor>> {
    return toParamMap(this.config, this.params);
  }

  async importParams(params: Map<string, NamedTensor>): Promise<void> {
    this.params.set(fromParamMap(this.config, params, 'importParams'));
  }

  async exportGrads(): Promise<Map<string, NamedTensor>> {
    return toParamMap(this.config, this.grads);
  }

  async exportOptimizerState(): Promise<OptimizerState> {
    const m = new Map<string, Float32Array>();
    const v = new Map<string, Float32Array>();
    for (const [k, t] of toParamMap(this.config, this.m)) m.set(k, t.data);
    for (const [k, t] of toParamMap(this.config, this.v)) v.set(k, t.data);
    return { step: this.t, m, v };
  }

  async importOptimizerState(state: OptimizerState): Promise<void> {
    if (!Number.isInteger(state.step) || state.step < 0) throw new Error(`optimizer state: step must be a non-negative integer, got ${state.step}`);
    const asTensors = (src: Map<string, Float32Array>, which: string) => {
      const out = new Map<string, NamedTensor>();
      const shapes = toParamMap(this.config, this.params);
      for (const [k, data] of src) out.set(k, { shape: shapes.get(k)?.shape ?? [data.length], data });
      return fromParamMap(this.config, out, `optimizer state ${which}`);
    };
    const m = asTensors(state.m, 'm');
    const v = asTensors(state.v, 'v');
    this.m.set(m);
    this.v.set(v);
    this.t = state.step;
  }

  destroy(): void {
    this.acts = null;
    this.gacts = null;
    this.logitActs = null;
    this.last = null;
  }
}
