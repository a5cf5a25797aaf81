// The WebGPU model: GPT-2 with weights, gradients, AdamW state and activations resident on the GPU.
// llm.c's shape: one flat params / grads / m / v buffer mirroring the parameter table (gpu layout:
// each tensor 256-byte aligned), activations allocated once per (B, T), forward and backward each one
// command encoder of explicit per-layer dispatches, the step as grad-norm (two floats read back),
// optional clip, AdamW on the GPU. Only scalars, per-token logprobs/entropy and, in generation, each
// picked token's id and log-probability (sampled on the GPU) are read back. Device loss is surfaced through `lost` / `onLost`; a non-finite gradient skips
// the update and leaves weights and optimizer state unchanged. Gradients and AdamW state are allocated
// with the first backward or step, so a forward-only model (the frozen KL reference) never holds them.
import type { AdapterSummary, DeviceLostInfo } from '../backend/gpu-device';
import type { GpuContext } from '../backend/gpu-context';
import type {
  AdamWOptions, BackendName, GPTConfig, LogprobResult, Model, NamedTensor, OptimizerState, SampleOptions,
  SampleResult, StepResult, TokenBatch,
} from '../model-api';
import { inverseTemperature } from '../model-api';
import { AdamWGpu } from '../kernels/adamw.gpu';
import { GradNormGpu, ScaleGpu } from '../kernels/gradnorm.gpu';
import { checkTokens } from '../gpt/forward';
import { fromParamMap, toParamMap } from '../gpt/param-map';
import { initParams, validateConfig } from '../gpt/params';
import { generateWithDecoder } from '../sample/generate';
import { allocGpuActivations, allocGpuGradActs, releaseAll, type GpuActivations, type GpuGradActs } from './activations';
import { recordBackward } from './backward';
import { recordForward } from './forward';
import { GpuKvDecoder } from './kv-decoder';
import { gpuParamLayout, packParams, unpackParams, type GpuParamLayout } from './layout';
import { gpuWeightBindings, type GpuWeights } from './weights';

export interface WebGpuModelOptions {
  /** random init seed when no params are given */
  seed?: number;
  /** destroy the device with the model (true when the model acquired it) */
  ownsDevice?: boolean;
}

interface TrainBuffers { grads: GPUBuffer; m: GPUBuffer; v: GPUBuffer; dw: GpuWeights }

export class WebGpuModel implements Model {
  readonly backend: BackendName = 'webgpu';
  readonly config: GPTConfig;
  readonly layout: GpuParamLayout;
  /** resolves when the device is lost; the studio then recreates a device and reloads the last save */
  readonly lost: Promise<DeviceLostInfo>;
  private readonly params: GPUBuffer;
  /** gradients and AdamW moments: allocated on the first backward / step / optimizer-state call,
   * so a model that only runs forward (the frozen KL reference policy, a sampler) never holds them */
  private train: TrainBuffers | null = null;
  private readonly w: GpuWeights;
  private readonly adamw: AdamWGpu;
  private readonly norm: GradNormGpu;
  private readonly scale: ScaleGpu;
  private t = 0;
  private acts: GpuActivations | null = null;
  /** gradient activations, allocated on the first backward for the forward's shape */
  private gacts: (GpuGradActs & { B: number; T: number }) | null = null;
  private logitActs: GpuActivations | null = null;
  private decoder: GpuKvDecoder | null = null;
  private last: { B: number; T: number; invT: number } | null = null;
  private destroyed = false;

  constructor(readonly ctx: GpuContext, config: GPTConfig, params?: Float32Array, private readonly opts: WebGpuModelOptions = {}) {
    validateConfig(config);
    this.config = { ...config, layerNormEps: config.layerNormEps ?? 1e-5 };
    this.layout = gpuParamLayout(this.config);
    const flat = params ?? initParams(this.config, opts.seed ?? 0);
    const packed = packParams(this.layout, flat);
    this.params = ctx.upload(packed, 'params');
    this.w = gpuWeightBindings(this.layout, this.params, this.config.nLayer);
    this.adamw = new AdamWGpu(ctx);
    this.norm = new GradNormGpu(ctx, 1);
    this.scale = new ScaleGpu(ctx);
    this.lost = ctx.lost;
  }

  get adapter(): AdapterSummary {
    return this.ctx.adapter;
  }

  /** Calls `cb` once if the device is lost (driver reset, device.destroy()). */
  onLost(cb: (info: DeviceLostInfo) => void): void {
    void this.lost.then(cb);
  }

  private alive(): void {
    if (this.destroyed) throw new Error('this WebGPU model was destroyed');
    this.ctx.checkAlive();
  }

  /** the activations forwardLogprobs keeps for the backward, once per shape */
  private forwardActs(B: number, T: number): GpuActivations {
    if (!this.acts || this.acts.B !== B || this.acts.T !== T) {
      if (this.acts) releaseAll(this.ctx, this.acts);
      this.acts = allocGpuActivations(this.ctx, this.config, B, T);
      this.last = null;
    }
    return this.acts;
  }

  private gradActs(B: number, T: number): GpuGradActs {
    if (!this.gacts || this.gacts.B !== B || this.gacts.T !== T) {
      if (this.gacts) releaseAll(this.ctx, this.gacts);
      this.gacts = { ...allocGpuGradActs(this.ctx, this.config, B, T), B, T };
    }
    return this.gacts;
  }

  private trainBuffers(): TrainBuffers {
    if (!this.train) {
      this.alive(); // never allocate on a destroyed model or a lost device
      const bytes = this.layout.gpuSize * 4;
      const grads = this.ctx.storage(bytes, 'grads'); // WebGPU buffers start zeroed
      this.train = {
        grads, m: this.ctx.storage(bytes, 'adam m'), v: this.ctx.storage(bytes, 'adam v'),
        dw: gpuWeightBindings(this.layout, grads, this.config.nLayer),
      };
    }
    return this.train;
  }

  async forwardLogprobs(batch: TokenBatch): Promise<LogprobResult> {
    this.alive();
    const { B, T, tokens, targets } = batch;
    checkTokens(this.config, tokens, B, T);
    if (targets.length !== B * T) throw new Error(`targets has length ${targets.length}, expected B*T = ${B * T}`);
    for (let i = 0; i < targets.length; i++) {
      if (!Number.isInteger(targets[i]) || targets[i] < -1 || targets[i] >= this.config.vocabSize) {
        throw new Error(`target ${targets[i]} at row ${Math.floor(i / T)}, position ${i % T} is neither -1 nor a token id`);
      }
    }
    const invT = inverseTemperature(batch.temperature);
    const a = this.forwardActs(B, T);
    this.ctx.write(a.tokens, tokens);
    this.ctx.write(a.targets, targets);
    const enc = this.ctx.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    recordForward(this.ctx, pass, this.config, this.w, a, true, invT);
    pass.end();
    const [logprobs, entropy] = await this.ctx.readRegionsF32([
      { buf: a.logprobs, offset: 0, count: B * T },
      { buf: a.entropy, offset: 0, count: B * T },
    ], enc);
    this.last = { B, T, invT };
    return { logprobs, entropy };
  }

  async forwardLogits(tokens: Int32Array, B: number, T: number): Promise<Float32Array> {
    this.alive();
    checkTokens(this.config, tokens, B, T);
    if (!this.logitActs || this.logitActs.B !== B || this.logitActs.T !== T) {
      if (this.logitActs) releaseAll(this.ctx, this.logitActs);
      this.logitActs = allocGpuActivations(this.ctx, this.config, B, T);
    }
    const a = this.logitActs;
    this.ctx.write(a.tokens, tokens);
    const enc = this.ctx.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    recordForward(this.ctx, pass, this.config, this.w, a, false);
    pass.end();
    return this.ctx.readF32(a.logits, 0, B * T * this.config.vocabSize, enc);
  }

  async backwardLogprobs(dlogprobs: Float32Array, dentropy?: Float32Array): Promise<void> {
    this.alive();
    const last = this.last;
    if (!last || !this.acts) throw new Error('backwardLogprobs needs a forwardLogprobs first');
    const N = last.B * last.T;
    if (dlogprobs.length !== N) throw new Error(`dlogprobs has length ${dlogprobs.length}, expected B*T = ${N}`);
    if (dentropy && dentropy.length !== N) throw new Error(`dentropy has length ${dentropy.length}, expected B*T = ${N}`);
    const g = this.gradActs(last.B, last.T);
    const { dw } = this.trainBuffers();
    this.ctx.write(g.dlogprobs, dlogprobs);
    if (dentropy) this.ctx.write(g.dentropy, dentropy);
    const enc = this.ctx.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    recordBackward(this.ctx, pass, this.config, this.w, dw, this.acts, g, Boolean(dentropy), last.invT);
    pass.end();
    // no wait: the queue orders this before any later work, and every read-back waits for it
    this.ctx.device.queue.submit([enc.finish()]);
  }

  zeroGrad(): void {
    this.alive();
    const enc = this.ctx.device.createCommandEncoder();
    enc.clearBuffer(this.trainBuffers().grads);
    this.ctx.device.queue.submit([enc.finish()]);
  }

  async step(opts: AdamWOptions): Promise<StepResult> {
    this.alive();
    const N = this.layout.gpuSize;
    const { grads, m, v } = this.trainBuffers();
    const enc = this.ctx.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    this.norm.record(pass, [{ buf: grads, N }]);
    pass.end();
    const { sumSquares, nonFinite } = await this.norm.read(enc);
    const gradNorm = nonFinite > 0 ? NaN : Math.sqrt(sumSquares);
    if (!Number.isFinite(gradNorm)) return { gradNorm, skipped: true };
    const max = opts.maxGradNorm ?? 0;
    const enc2 = this.ctx.device.createCommandEncoder();
    const pass2 = enc2.beginComputePass();
    // torch.nn.utils.clip_grad_norm_: scale by max / (norm + 1e-6) when that is below 1 (in place, as on CPU)
    if (max > 0) {
      const coef = max / (gradNorm + 1e-6);
      if (coef < 1) this.scale.record(pass2, grads, N, coef);
    }
    this.t += 1;
    this.adamw.record(pass2, this.params, m, v, grads, N, opts, this.t);
    pass2.end();
    this.ctx.device.queue.submit([enc2.finish()]);
    return { gradNorm, skipped: false };
  }

  async generate(prompts: number[][], opts: SampleOptions): Promise<SampleResult> {
    this.alive();
    if (!this.decoder || this.decoder.rows < prompts.length) {
      this.decoder?.destroy();
      this.decoder = new GpuKvDecoder(this.ctx, this.config, this.w, Math.max(prompts.length, 1));
    }
    return generateWithDecoder(this.decoder, prompts, opts, this.config.blockSize, this.config.vocabSize);
  }

  private async readFlat(buf: GPUBuffer): Promise<Float32Array> {
    this.alive();
    return unpackParams(this.layout, await this.ctx.readF32(buf, 0, this.layout.gpuSize));
  }

  async exportParams(): Promise<Map<string, NamedTensor>> {
    return toParamMap(this.config, await this.readFlat(this.params));
  }

  async importParams(params: Map<string, NamedTensor>): Promise<void> {
    this.alive();
    this.ctx.write(this.params, packParams(this.layout, fromParamMap(this.config, params, 'importParams')));
    await this.ctx.sync();
  }

  async exportGrads(): Promise<Map<string, NamedTensor>> {
    return toParamMap(this.config, await this.readFlat(this.trainBuffers().grads));
  }

  async exportOptimizerState(): Promise<OptimizerState> {
    const m = new Map<string, Float32Array>();
    const v = new Map<string, Float32Array>();
    const buffers = this.trainBuffers();
    for (const [k, t] of toParamMap(this.config, await this.readFlat(buffers.m))) m.set(k, t.data);
    for (const [k, t] of toParamMap(this.config, await this.readFlat(buffers.v))) v.set(k, t.data);
    return { step: this.t, m, v };
  }

  async importOptimizerState(state: OptimizerState): Promise<void> {
    this.alive();
    if (!Number.isInteger(state.step) || state.step < 0) throw new Error(`optimizer state: step must be a non-negative integer, got ${state.step}`);
    const shapes = toParamMap(this.config, new Float32Array(this.layout.cpuSize));
    const asFlat = (src: Map<string, Float32Array>, which: string) => {
      const named = new Map<string, NamedTensor>();
      for (const [k, data] of src) named.set(k, { shape: shapes.get(k)?.shape ?? [data.length], data });
      return packParams(this.layout, fromParamMap(this.config, named, `optimizer state ${which}`));
    };
    const m = asFlat(state.m, 'm');
    const v = asFlat(state.v, 'v');
    const buffers = this.trainBuffers();
    this.ctx.write(buffers.m, m);
    this.ctx.write(buffers.v, v);
    this.t = state.step;
    await this.ctx.sync();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const set of [this.acts, this.gacts, this.logitActs]) if (set) releaseAll(this.ctx, set);
    this.decoder?.destroy();
    this.adamw.destroy();
    this.norm.destroy();
    this.scale.destroy();
    this.ctx.release(this.params);
    if (this.train) for (const b of [this.train.grads, this.train.m, this.train.v]) this.ctx.release(b);
    if (this.opts.ownsDevice) this.ctx.device.destroy();
  }
}
