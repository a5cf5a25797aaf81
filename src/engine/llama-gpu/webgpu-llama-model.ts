// The WebGPU Llama-family model (Llama 3.x / SmolLM2, Qwen2 / Qwen2.5, Qwen3), implementing the same
// Model<LlamaConfig> as the CPU model (llama/cpu-model.ts). Base weights stay as stored (bf16/f16
// packed two per u32 and widened in the shaders, or f32) and frozen when a LoRA adapter is attached:
// the adapter's parameters, gradients and AdamW moments are then the only trainable memory (allocated
// with the first backward). Full fine-tuning (fullFineTune: small models) keeps every parameter as
// float32 in one flat buffer with gradients and AdamW state beside it. Without either, training is
// refused by name. Trainable token rows (the adapter's spec.tokenIds, PEFT's trainable_token_indices:
// new <|out_lang_xx|> tags after an embedding resize) are float32 in the adapter's buffer, trained
// with it, and replace the frozen rows of their ids in the embedding lookup and a tied LM head
// (token-rows/); the base embedding stays packed and frozen. Generation uses a GPU KV cache.
// destroy() frees every buffer the model allocated.
import type { DeviceLostInfo } from '../backend/gpu-device';
import type { Binding, GpuContext } from '../backend/gpu-context';
import type { LlamaConfig } from '../hf/config';
import { linearHasBias, linearPath, LINEAR_NAMES } from '../hf/llama-params';
import type { GpuTokenRows } from './token-rows/token-rows-gpu';
import { tensorToF32, type HfTensor } from '../hf/tensors';
import { AdamWGpu } from '../kernels/adamw.gpu';
import { GradNormGpu, ScaleGpu } from '../kernels/gradnorm.gpu';
import { logprobsBackwardGpu, logprobsForwardGpu } from '../kernels/logprobs.gpu';
import { ropeInvFreq, ropeTable } from '../kernels/rope';
import type { LlamaAdapter } from '../llama/cpu-model';
import { loraScale, validateLoraSpec, type LoraSpec } from '../llama/lora';
import type {
  AdamWOptions, BackendName, LogprobResult, Model, NamedTensor, OptimizerState, SampleOptions, SampleResult, StepResult, TokenBatch,
} from '../model-api';
import { inverseTemperature } from '../model-api';
import { generateWithDecoder, pickOnCpu } from '../sample/generate';
import { allocLlamaActs, allocLlamaGradActs, releaseBuffers, type GpuLlamaActs, type GpuLlamaGradActs } from './activations';
import { recordBackward } from './backward';
import { recordForward, type LoraOf, type RopeTable } from './forward';
import { readMatrix } from './gpu-matrix';
import { GpuLlamaKvDecoder, type KvDecodeExpect } from './kv-decoder';
import type { LoraBinding } from './linear-gpu';
import { entryBinding, fromGpuLayout, gpuLoraLayout, toGpuLayout, type GpuLoraLayout } from './lora-gpu';
import { flatGpuLayout, flatLlamaWeights, packFlat, releaseLlamaWeights, uploadLlamaWeights, type FlatGpuLayout, type GpuLlamaWeights } from './weights';
import { checkTokenBatch } from '../token-check';

export interface GpuLlamaOptions {
  adapter?: LlamaAdapter;
  /** destroy the device with the model (when the model acquired it) */
  ownsDevice?: boolean;
  /** split weights at this many bytes instead of the device's binding limit (tests) */
  maxBindingBytes?: number;
  /** train every parameter (float32 on the GPU, 16 bytes per parameter with AdamW): small models only */
  fullFineTune?: boolean;
}

function checkTokens(c: LlamaConfig, tokens: Int32Array, B: number, T: number): void {
  checkTokenBatch(tokens, B, T, c.vocabSize, c.blockSize, 'max_position_embeddings');
}

/** What AdamW updates: the adapter's matrices (PEFT names) or every parameter (HF names), flat and aligned. */
interface Trainable {
  entries: { name: string; shape: number[]; size: number; gpuOffset: number }[];
  gpuSize: number;
  params: GPUBuffer;
  train: { grads: GPUBuffer; m: GPUBuffer; v: GPUBuffer; t: number } | null;
}

interface GpuAdapter extends Trainable {
  spec: LoraSpec;
  layout: GpuLoraLayout;
  /** spec.tokenIds: their ids (i32) and the frozen embedding's rows for them (f32, as the packed head reads them) */
  tokenRows: { ids: GPUBuffer; base: GPUBuffer } | null;
}

interface FullTrainable extends Trainable {
  layout: FlatGpuLayout;
  /** gradient views, made with the gradient buffer */
  dw: GpuLlamaWeights | null;
}

export class WebGpuLlamaModel implements Model<LlamaConfig> {
  readonly backend: BackendName = 'webgpu';
  readonly lost: Promise<DeviceLostInfo>;
  private readonly w: GpuLlamaWeights;
  private readonly rope: RopeTable;
  private readonly adapter: GpuAdapter | null = null;
  private readonly full: FullTrainable | null = null;
  private acts: GpuLlamaActs | null = null;
  private gacts: GpuLlamaGradActs | null = null;
  private last: { B: number; T: number; invT: number } | null = null;
  private readonly adamw: AdamWGpu;
  private readonly norm: GradNormGpu;
  private readonly scale: ScaleGpu;
  private destroyed = false;

  constructor(readonly ctx: GpuContext, readonly config: LlamaConfig, weights: Map<string, HfTensor>, private readonly opts: GpuLlamaOptions = {}) {
    const c = config;
    this.lost = ctx.lost;
    // everything that can refuse is checked before any GPU allocation
    let layout: GpuLoraLayout | null = null;
    if (opts.adapter) {
      validateLoraSpec(opts.adapter.spec);
      layout = gpuLoraLayout(c, opts.adapter.spec);
      const rowsLeftOut = layout.rows !== null && opts.adapter.params.length === layout.rows.offset;
      if (opts.adapter.params.length !== layout.total && !rowsLeftOut) {
        throw new Error(`adapter has ${opts.adapter.params.length} values, r=${opts.adapter.spec.r} on ${opts.adapter.spec.targets.join(', ')}${layout.rows ? ` with ${layout.rows.shape[0]} token rows` : ''} needs ${layout.total}`);
      }
      if (layout.rows && !weights.has('model.embed_tokens.weight')) throw new Error(`missing tensor 'model.embed_tokens.weight'`);
    }
    if (opts.adapter && opts.fullFineTune) throw new Error('a model trains either a LoRA adapter or every parameter (fullFineTune), not both');
    const inv = ropeInvFreq(c.headDim, c.ropeTheta, c.rope);
    const t = ropeTable(inv, Array.from({ length: c.blockSize }, (_, i) => i));
    if (opts.fullFineTune) {
      const fl = flatGpuLayout(c);
      for (const e of fl.entries) if (!weights.has(e.name)) throw new Error(`missing tensor '${e.name}'`);
      const params = ctx.upload(packFlat(fl, (n) => tensorToF32(weights.get(n)!)), 'params (float32)');
      this.full = { entries: fl.entries, gpuSize: fl.gpuSize, params, train: null, layout: fl, dw: null };
      this.w = flatLlamaWeights(c, fl, params);
    } else {
      this.w = uploadLlamaWeights(ctx, c, weights, opts.maxBindingBytes);
    }
    this.rope = { cos: ctx.upload(t.cos, 'rope cos'), sin: ctx.upload(t.sin, 'rope sin') };
    if (opts.adapter && layout) {
      let flat = opts.adapter.params;
      let tokenRows: GpuAdapter['tokenRows'] = null;
      if (layout.rows) {
        // the frozen rows of those ids, widened as the shaders widen them; the trained rows start as
        // them when the adapter leaves its rows out (PEFT's TrainableTokens init)
        const ids = opts.adapter.spec.tokenIds!;
        const H = c.hiddenSize;
        const embed = tensorToF32(weights.get('model.embed_tokens.weight')!);
        const base = new Float32Array(ids.length * H);
        ids.forEach((id, k) => base.set(embed.subarray(id * H, (id + 1) * H), k * H));
        if (flat.length !== layout.total) {
          flat = new Float32Array(layout.total);
          flat.set(opts.adapter.params);
          flat.set(base, layout.rows.offset);
        }
        tokenRows = { ids: ctx.upload(Int32Array.from(ids), 'token row ids'), base: ctx.upload(base, 'token rows (frozen)') };
      }
      const params = ctx.upload(toGpuLayout(layout, flat), 'lora params');
      this.adapter = { spec: opts.adapter.spec, layout, entries: layout.all, gpuSize: layout.gpuSize, params, train: null, tokenRows };
    }
    this.adamw = new AdamWGpu(ctx);
    this.norm = new GradNormGpu(ctx);
    this.scale = new ScaleGpu(ctx);
  }

  private alive(): void {
    if (this.destroyed) throw new Error('this WebGPU model was destroyed');
    this.ctx.checkAlive();
  }

  get loraSpec(): LoraSpec | null {
    const s = this.adapter?.spec;
    return s ? { ...s, targets: [...s.targets], ...(s.tokenIds ? { tokenIds: [...s.tokenIds] } : {}) } : null;
  }

  /** Bytes of gradient + AdamW state on the GPU (0 before the first backward; adapter only). */
  get trainingBytes(): number {
    const tr = this.trainable;
    return tr?.train ? 3 * 4 * tr.gpuSize : 0;
  }

  private get trainable(): Trainable | null {
    return this.adapter ?? this.full;
  }

  private adapterOff = false;

  /**
   * Off: forward passes and generation use the frozen base alone, as if no adapter were attached
   * (LoRA's KL reference without a second copy of the weights). A backward pass needs it on.
   */
  setAdapterEnabled(on: boolean): void {
    if (this.adapter) this.adapterOff = !on;
  }

  /** The adapter's matrices under PEFT names, read back without the base weights (null without one). */
  async exportAdapter(): Promise<{ spec: LoraSpec; tensors: Map<string, NamedTensor> } | null> {
    this.alive();
    return this.adapter ? { spec: this.loraSpec!, tensors: await this.readTrainable(this.adapter.params) } : null;
  }

  private readonly loraOf: LoraOf = (l, name) => {
    const ad = this.adapter;
    const pair = ad?.layout.pairs[l].get(name);
    if (!ad || !pair || this.adapterOff) return null;
    const b: LoraBinding = {
      r: ad.spec.r, scale: loraScale(ad.spec),
      a: entryBinding(ad.params, pair.a), b: entryBinding(ad.params, pair.b),
      da: ad.train ? entryBinding(ad.train.grads, pair.a) : null,
      db: ad.train ? entryBinding(ad.train.grads, pair.b) : null,
    };
    return b;
  };

  /** The trainable token rows as the passes bind them (also with the adapter switched off: as on the CPU, they are part of the embedding). */
  private tokenRows(): GpuTokenRows | null {
    const ad = this.adapter;
    if (!ad?.tokenRows || !ad.layout.rows) return null;
    const e = ad.layout.rows;
    return {
      K: e.shape[0], ids: ad.tokenRows.ids, base: ad.tokenRows.base, rows: entryBinding(ad.params, e),
      grad: ad.train ? entryBinding(ad.train.grads, e) : null, tied: this.config.tieWordEmbeddings,
    };
  }

  private activations(B: number, T: number): GpuLlamaActs {
    if (this.acts && this.acts.B === B && this.acts.T === T) return this.acts;
    releaseBuffers(this.ctx, this.acts);
    releaseBuffers(this.ctx, this.gacts);
    this.gacts = null;
    this.acts = allocLlamaActs(this.ctx, this.config, B, T, this.adapter?.spec.targets ?? [], this.adapter?.spec.r ?? 0, true, B * T);
    return this.acts;
  }

  private gradActs(B: number, T: number): GpuLlamaGradActs {
    this.gacts ??= allocLlamaGradActs(this.ctx, this.config, B, T, this.adapter?.spec.r ?? 0);
    return this.gacts;
  }

  private writeInputs(a: GpuLlamaActs, tokens: Int32Array): void {
    this.ctx.write(a.tokens, tokens);
    this.ctx.write(a.pos, Int32Array.from({ length: a.N }, (_, i) => i % a.T));
  }

  async forwardLogits(tokens: Int32Array, B: number, T: number): Promise<Float32Array> {
    this.alive();
    checkTokens(this.config, tokens, B, T);
    const a = this.activations(B, T);
    this.writeInputs(a, tokens);
    const enc = this.ctx.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    recordForward(this.ctx, pass, this.config, this.w, this.loraOf, a, this.rope, this.tokenRows());
    pass.end();
    this.last = null;
    return this.ctx.readF32(a.logits, 0, B * T * this.config.vocabSize, enc);
  }

  async forwardLogprobs(batch: TokenBatch): Promise<LogprobResult> {
    this.alive();
    const { B, T, tokens, targets } = batch;
    checkTokens(this.config, tokens, B, T);
    if (targets.length !== B * T) throw new Error(`targets has length ${targets.length}, expected B*T = ${B * T}`);
    for (let i = 0; i < targets.length; i++) {
      if (targets[i] < -1 || targets[i] >= this.config.vocabSize) throw new Error(`target ${targets[i]} at row ${Math.floor(i / T)}, position ${i % T} is neither -1 nor a token id`);
    }
    const a = this.activations(B, T);
    const g = this.gradActs(B, T);
    this.writeInputs(a, tokens);
    this.ctx.write(g.targets, targets);
    const enc = this.ctx.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    recordForward(this.ctx, pass, this.config, this.w, this.loraOf, a, this.rope, this.tokenRows());
    const invT = inverseTemperature(batch.temperature);
    logprobsForwardGpu(this.ctx, pass, g.logprobs, g.entropy, g.probs, a.logits, g.targets, B * T, this.config.vocabSize, invT);
    pass.end();
    const [logprobs, entropy] = await this.ctx.readRegionsF32([{ buf: g.logprobs, offset: 0, count: B * T }, { buf: g.entropy, offset: 0, count: B * T }], enc);
    this.last = { B, T, invT };
    return { logprobs, entropy };
  }

  private ensureTrain(): NonNullable<Trainable['train']> {
    const tr = this.trainable;
    if (!tr) throw new Error(`training every parameter of a ${this.config.architecture} model on WebGPU needs fullFineTune (float32, small models); otherwise attach a LoRA adapter (the base weights stay frozen 16-bit), or use the CPU backend`);
    this.alive();
    if (!tr.train) {
      const n = tr.gpuSize * 4;
      tr.train = { grads: this.ctx.storage(n, 'grads'), m: this.ctx.storage(n, 'adamw m'), v: this.ctx.storage(n, 'adamw v'), t: 0 };
      const enc = this.ctx.device.createCommandEncoder();
      for (const b of [tr.train.grads, tr.train.m, tr.train.v]) enc.clearBuffer(b);
      this.ctx.device.queue.submit([enc.finish()]);
      if (this.full) this.full.dw = flatLlamaWeights(this.config, this.full.layout, tr.train.grads);
    }
    return tr.train;
  }

  async backwardLogprobs(dlogprobs: Float32Array, dentropy?: Float32Array): Promise<void> {
    if (this.adapterOff) throw new Error('the adapter is switched off (frozen reference view); switch it on before training');
    const last = this.last;
    if (!last || !this.acts || !this.gacts) throw new Error('backwardLogprobs needs a forwardLogprobs first');
    const N = last.B * last.T;
    if (dlogprobs.length !== N) throw new Error(`dlogprobs has length ${dlogprobs.length}, expected B*T = ${N}`);
    if (dentropy && dentropy.length !== N) throw new Error(`dentropy has length ${dentropy.length}, expected B*T = ${N}`);
    this.ensureTrain();
    const g = this.gacts;
    this.ctx.write(g.dlogprobs, dlogprobs);
    if (dentropy) this.ctx.write(g.dentropy, dentropy);
    const enc = this.ctx.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    logprobsBackwardGpu(this.ctx, pass, g.dlogits, g.dlogprobs, dentropy ? g.dentropy : null, g.probs, g.targets, N, this.config.vocabSize, last.invT);
    recordBackward(this.ctx, pass, this.config, this.w, this.loraOf, this.acts, g, this.rope, this.full?.dw ?? null, this.tokenRows());
    pass.end();
    this.ctx.device.queue.submit([enc.finish()]);
    await this.ctx.sync();
  }

  zeroGrad(): void {
    const tr = this.trainable?.train;
    if (!tr || this.destroyed) return;
    const enc = this.ctx.device.createCommandEncoder();
    enc.clearBuffer(tr.grads);
    this.ctx.device.queue.submit([enc.finish()]);
  }

  async step(opts: AdamWOptions): Promise<StepResult> {
    const tr = this.ensureTrain();
    const N = this.trainable!.gpuSize;
    const enc = this.ctx.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    this.norm.record(pass, [{ buf: tr.grads, N }]);
    pass.end();
    const { sumSquares, nonFinite } = await this.norm.read(enc);
    const gradNorm = nonFinite > 0 ? NaN : Math.sqrt(sumSquares);
    if (!Number.isFinite(gradNorm)) return { gradNorm, skipped: true };
    const enc2 = this.ctx.device.createCommandEncoder();
    const pass2 = enc2.beginComputePass();
    const max = opts.maxGradNorm ?? 0;
    if (max > 0) {
      const coef = max / (gradNorm + 1e-6);
      if (coef < 1) this.scale.record(pass2, tr.grads, N, coef);
    }
    tr.t += 1;
    this.adamw.record(pass2, this.trainable!.params, tr.m, tr.v, tr.grads, N, opts, tr.t);
    pass2.end();
    this.ctx.device.queue.submit([enc2.finish()]);
    return { gradNorm, skipped: false };
  }

  async generate(prompts: number[][], opts: SampleOptions): Promise<SampleResult> {
    const dec = this.kvDecoder({ rows: prompts.length, longestPrompt: Math.max(1, ...prompts.map((p) => p.length)) });
    try {
      return await generateWithDecoder(pickOnCpu(dec), prompts, opts, this.config.blockSize, this.config.vocabSize);
    } finally {
      dec.destroy();
    }
  }

  /** A KV decoder over the current weights and adapter (the caller destroys it). */
  kvDecoder(expect: KvDecodeExpect): GpuLlamaKvDecoder {
    this.alive();
    return new GpuLlamaKvDecoder(this.ctx, this.config, this.w, this.loraOf, this.adapter?.spec.targets ?? [], this.adapter?.spec.r ?? 0, this.rope, this.tokenRows(), expect);
  }

  /** A buffer of the trainable layout as named tensors (PEFT names for an adapter, HF names when full). */
  private async readTrainable(buf: GPUBuffer): Promise<Map<string, NamedTensor>> {
    const tr = this.trainable!;
    const all = await this.ctx.readF32(buf, 0, tr.gpuSize);
    const out = new Map<string, NamedTensor>();
    for (const e of tr.entries) out.set(e.name, { shape: [...e.shape], data: all.slice(e.gpuOffset, e.gpuOffset + e.size) });
    return out;
  }

  private packTrainable(src: Map<string, Float32Array>, what: string): Float32Array {
    const tr = this.trainable!;
    const known = new Set(tr.entries.map((e) => e.name));
    for (const k of src.keys()) if (!known.has(k)) throw new Error(`${what}: unexpected tensor '${k}'`);
    const flat = new Float32Array(tr.gpuSize);
    for (const e of tr.entries) {
      const t = src.get(e.name);
      if (!t) throw new Error(`${what}: missing tensor '${e.name}' (expected shape [${e.shape.join(', ')}])`);
      if (t.length !== e.size) throw new Error(`${what}: tensor '${e.name}' has ${t.length} values, expected ${e.size}`);
      flat.set(t, e.gpuOffset);
    }
    return flat;
  }

  /**
   * Base parameters (HF names, widened to float32) and, with an adapter, its matrices (PEFT names).
   * Trainable token rows appear both as the adapter's rows and inside embed_tokens (their current
   * values), as on the CPU.
   */
  async exportParams(): Promise<Map<string, NamedTensor>> {
    this.alive();
    const c = this.config, ctx = this.ctx;
    const out = new Map<string, NamedTensor>();
    if (this.full) return this.readTrainable(this.full.params);
    const vec = async (name: string, b: Binding, n: number) => out.set(name, { shape: [n], data: 'buffer' in b ? await ctx.readF32(b.buffer, b.offset / 4, n) : await ctx.readF32(b, 0, n) });
    const mat = async (name: string, m: GpuLlamaWeights['embed']) => out.set(name, { shape: [m.rows, m.cols], data: await readMatrix(ctx, m) });
    await mat('model.embed_tokens.weight', this.w.embed);
    for (let l = 0; l < c.nLayer; l++) {
      const L = this.w.layers[l];
      await vec(`model.layers.${l}.input_layernorm.weight`, L.inNorm, c.hiddenSize);
      for (const n of LINEAR_NAMES) {
        await mat(`${linearPath(l, n)}.weight`, L.lin[n].w);
        if (linearHasBias(c, n)) await vec(`${linearPath(l, n)}.bias`, L.lin[n].b!, L.lin[n].w.rows);
      }
      if (c.qkNorm) {
        await vec(`model.layers.${l}.self_attn.q_norm.weight`, L.qNorm!, c.headDim);
        await vec(`model.layers.${l}.self_attn.k_norm.weight`, L.kNorm!, c.headDim);
      }
      await vec(`model.layers.${l}.post_attention_layernorm.weight`, L.postNorm, c.hiddenSize);
    }
    await vec('model.norm.weight', this.w.norm, c.hiddenSize);
    if (!c.tieWordEmbeddings) await mat('lm_head.weight', this.w.head);
    if (this.adapter) {
      const ad = await this.readTrainable(this.adapter.params);
      for (const [k, t] of ad) out.set(k, t);
      const rows = this.adapter.layout.rows;
      if (rows) {
        const H = c.hiddenSize, embed = out.get('model.embed_tokens.weight')!.data, r = ad.get(rows.name)!.data;
        this.adapter.spec.tokenIds!.forEach((id, k) => embed.set(r.subarray(k * H, (k + 1) * H), id * H));
      }
    }
    return out;
  }

  /** Replaces the trainable tensors (all present, checked first): the adapter's, or every parameter when full. */
  async importParams(params: Map<string, NamedTensor>): Promise<void> {
    this.alive();
    const tr = this.trainable;
    if (!this.full) {
      for (const k of params.keys()) {
        if (!k.startsWith('base_model.model.')) throw new Error(`importParams: '${k}' is a base weight; a WebGPU ${this.config.architecture} model keeps its base frozen as loaded (build a new model from the checkpoint, or use fullFineTune)`);
        if (!tr) throw new Error(`importParams: '${k}' is an adapter tensor but no adapter is attached`);
      }
    }
    if (!tr) return;
    const src = new Map<string, Float32Array>();
    for (const [k, t] of params) {
      const e = tr.entries.find((x) => x.name === k);
      if (e && (t.shape.length !== e.shape.length || t.shape.some((d, i) => d !== e.shape[i]))) throw new Error(`importParams: tensor '${k}' has shape [${t.shape.join(', ')}], expected [${e.shape.join(', ')}]`);
      src.set(k, t.data);
    }
    this.ctx.write(tr.params, this.packTrainable(src, 'importParams'));
  }

  /** Gradients of the trainable tensors: the adapter's (PEFT names) or every parameter's (HF names). */
  async exportGrads(): Promise<Map<string, NamedTensor>> {
    this.alive();
    return this.readTrainable(this.ensureTrain().grads);
  }

  async exportOptimizerState(): Promise<OptimizerState> {
    const tr = this.ensureTrain();
    const m = new Map<string, Float32Array>(), v = new Map<string, Float32Array>();
    for (const [k, t] of await this.readTrainable(tr.m)) m.set(k, t.data);
    for (const [k, t] of await this.readTrainable(tr.v)) v.set(k, t.data);
    return { step: tr.t, m, v };
  }

  async importOptimizerState(state: OptimizerState): Promise<void> {
    if (!Number.isInteger(state.step) || state.step < 0) throw new Error(`optimizer state: step must be a non-negative integer, got ${state.step}`);
    const tr = this.ensureTrain();
    const m = this.packTrainable(state.m, 'optimizer state m'), v = this.packTrainable(state.v, 'optimizer state v');
    this.ctx.write(tr.m, m);
    this.ctx.write(tr.v, v);
    tr.t = state.step;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    const ctx = this.ctx;
    releaseBuffers(ctx, this.acts);
    releaseBuffers(ctx, this.gacts);
    this.acts = this.gacts = null;
    releaseLlamaWeights(ctx, this.w);
    ctx.release(this.rope.cos);
    ctx.release(this.rope.sin);
    if (this.adapter?.tokenRows) {
      ctx.release(this.adapter.tokenRows.ids);
      ctx.release(this.adapter.tokenRows.base);
    }
    const tr = this.trainable;
    if (tr) {
      ctx.release(tr.params);
      if (tr.train) for (const b of [tr.train.grads, tr.train.m, tr.train.v]) ctx.release(b);
      tr.train = null;
    }
    this.adamw.destroy();
    this.norm.destroy();
    this.scale.destroy();
    if (this.opts.ownsDevice) ctx.device.destroy();
  }
}
