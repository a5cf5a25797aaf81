// Exports: CpuLlamaModel, the CPU reference model of the Llama family (Llama 3.x / SmolLM2, Qwen2,
// Qwen3), implementing the engine's Model<LlamaConfig>: logits, log-probs/entropy, backward, AdamW
// (optim/adamw-step), generation with a KV cache. Two training modes:
// - full fine-tuning (no adapter): every parameter trainable; gradients and AdamW moments are
//   allocated with the first backward;
// - LoRA (an adapter attached): base weights frozen (no gradient or AdamW memory for them), only the
//   adapter's A and B trained; exportGrads / optimizer state use PEFT names.
// Parameters are float32 (bf16/f16 checkpoints are widened on load).
import type { LlamaConfig } from '../hf/config';
import { logprobsBackward, logprobsForward } from '../kernels/logprobs';
import type {
  AdamWOptions, BackendName, LogprobResult, Model, NamedTensor, OptimizerState, SampleOptions,
  SampleResult, StepResult, TokenBatch,
} from '../model-api';
import { inverseTemperature } from '../model-api';
import { clipAndAdamW } from '../optim/adamw-step';
import { generateWithDecoder, pickOnCpu } from '../sample/generate';
import { llamaBackward } from './backward';
import { allocActs, llamaForward, type LlamaActs } from './forward';
import { LlamaKvDecoder } from './kv-decoder';
import { adapterLayout, loraScale, loraViews, validateLoraSpec, type LoraSpec } from './lora';
import { buildNet, type LlamaNet } from './net';
import { flatLayout, llamaWeightViews, type FlatEntry } from './weights';
import { checkTokenBatch } from '../token-check';

export interface LlamaAdapter {
  spec: LoraSpec;
  /**
   * flat in adapterLayout order; with spec.tokenIds the token rows may be left out (then they start
   * as the base embedding's rows)
   */
  params: Float32Array;
}

function checkTokens(c: LlamaConfig, tokens: Int32Array, B: number, T: number): void {
  checkTokenBatch(tokens, B, T, c.vocabSize, c.blockSize, 'max_position_embeddings');
}

function toMap(entries: FlatEntry[], flat: Float32Array): Map<string, NamedTensor> {
  const out = new Map<string, NamedTensor>();
  for (const e of entries) out.set(e.name, { shape: [...e.shape], data: flat.slice(e.offset, e.offset + e.size) });
  return out;
}

function fromMap(entries: FlatEntry[], flat: Float32Array, src: Map<string, NamedTensor | Float32Array>, source: string, partialOk = false): void {
  const known = new Set(entries.map((e) => e.name));
  for (const name of src.keys()) if (!known.has(name)) throw new Error(`${source}: unexpected tensor '${name}'`);
  for (const e of entries) {
    const t = src.get(e.name);
    if (!t) {
      if (partialOk) continue;
      throw new Error(`${source}: missing tensor '${e.name}' (expected shape [${e.shape.join(', ')}])`);
    }
    const data = t instanceof Float32Array ? t : t.data;
    if (!(t instanceof Float32Array) && (t.shape.length !== e.shape.length || t.shape.some((d, i) => d !== e.shape[i]))) {
      throw new Error(`${source}: tensor '${e.name}' has shape [${t.shape.join(', ')}], expected [${e.shape.join(', ')}]`);
    }
    if (data.length !== e.size) throw new Error(`${source}: tensor '${e.name}' has ${data.length} values, expected ${e.size}`);
    flat.set(data, e.offset);
  }
}

export class CpuLlamaModel implements Model<LlamaConfig> {
  readonly backend: BackendName = 'cpu';
  readonly config: LlamaConfig;
  /** base parameters, flat in llamaParamTable order */
  readonly params: Float32Array;
  private readonly baseEntries: FlatEntry[];
  private adapter: { spec: LoraSpec; params: Float32Array; entries: FlatEntry[]; loraTotal: number } | null = null;
  private train: { grads: Float32Array; m: Float32Array; v: Float32Array; t: number } | null = null;
  private net: LlamaNet;
  private acts: LlamaActs | null = null;
  /** forwardLogits' own activations, so it never disturbs a pending backward (as the GPT-2 model) */
  private logitActs: LlamaActs | null = null;
  private last: { tokens: Int32Array; targets: Int32Array; B: number; T: number; invT: number } | null = null;

  /** `params`: base weights flat in llamaParamTable order (float32). */
  constructor(config: LlamaConfig, params: Float32Array, adapter?: LlamaAdapter) {
    const { entries, total } = flatLayout(config);
    if (params.length !== total) throw new Error(`params has ${params.length} values, this ${config.architecture} config needs ${total}`);
    this.config = config;
    this.params = params;
    this.baseEntries = entries;
    if (adapter) this.setAdapter(adapter);
    this.net = this.rebuild();
  }

  /** Builds from named float32 tensors (Hugging Face names, every parameter present). */
  static fromTensors(config: LlamaConfig, tensors: Map<string, NamedTensor | Float32Array>, source: string, adapter?: LlamaAdapter): CpuLlamaModel {
    const { entries, total } = flatLayout(config);
    const flat = new Float32Array(total);
    fromMap(entries, flat, tensors, source);
    return new CpuLlamaModel(config, flat, adapter);
  }

  private setAdapter(a: LlamaAdapter): void {
    validateLoraSpec(a.spec);
    const { entries, loraTotal, total } = adapterLayout(this.config, a.spec);
    let params = a.params;
    if (params.length === loraTotal && total > loraTotal) {
      // token rows start as the current embedding rows (PEFT's TrainableTokens init)
      params = new Float32Array(total);
      params.set(a.params);
      const H = this.config.hiddenSize;
      const embed = llamaWeightViews(this.config, this.params).embed;
      a.spec.tokenIds!.forEach((id, k) => params.set(embed.subarray(id * H, (id + 1) * H), loraTotal + k * H));
    }
    if (params.length !== total) throw new Error(`adapter has ${a.params.length} values, r=${a.spec.r} on ${a.spec.targets.join(', ')}${a.spec.tokenIds ? ` with ${a.spec.tokenIds.length} token rows` : ''} needs ${total}`);
    this.adapter = { spec: a.spec, params, entries, loraTotal };
  }

  /** Writes the adapter's token rows into the embedding (the tied head reads the same buffer). */
  private syncTokenRows(): void {
    const ad = this.adapter;
    if (!ad?.spec.tokenIds?.length) return;
    const H = this.config.hiddenSize;
    const embed = llamaWeightViews(this.config, this.params).embed;
    ad.spec.tokenIds.forEach((id, k) => embed.set(ad.params.subarray(ad.loraTotal + k * H, ad.loraTotal + (k + 1) * H), id * H));
  }

  private rebuild(): LlamaNet {
    const c = this.config;
    const w = llamaWeightViews(c, this.params);
    const ad = this.adapter;
    if (ad) {
      const grads = this.train ? loraViews(c, ad.spec, this.train.grads) : null;
      return buildNet(c, w, null, {
        r: ad.spec.r, scale: loraScale(ad.spec), params: loraViews(c, ad.spec, ad.params), grads,
        tokenIds: ad.spec.tokenIds, tokenGrad: this.train ? this.train.grads.subarray(ad.loraTotal) : null,
      });
    }
    return buildNet(c, w, this.train ? llamaWeightViews(c, this.train.grads) : null, null);
  }

  /** The trainable tensors: the adapter's (PEFT names) with LoRA, else every base parameter. */
  private trainable(): { entries: FlatEntry[]; flat: Float32Array } {
    return this.adapter ? { entries: this.adapter.entries, flat: this.adapter.params } : { entries: this.baseEntries, flat: this.params };
  }

  private adapterOff = false;

  /**
   * Off: forward passes and generation use the base weights alone, as if no adapter were attached
   * (LoRA's frozen KL reference without a second copy of the weights; trainable token rows stay in
   * the embedding). On again: the adapter as before. A backward pass needs it on.
   */
  setAdapterEnabled(on: boolean): void {
    if (!this.adapter || on === !this.adapterOff) return;
    this.adapterOff = !on;
    this.net = on ? this.rebuild() : buildNet(this.config, llamaWeightViews(this.config, this.params), null, null);
    this.acts = null;
  }

  private ensureTrain(): void {
    if (this.adapterOff) throw new Error('the adapter is switched off (frozen reference view); switch it on before training');
    if (this.train) return;
    const n = this.trainable().flat.length;
    this.train = { grads: new Float32Array(n), m: new Float32Array(n), v: new Float32Array(n), t: 0 };
    this.net = this.rebuild();
    this.acts = null;
    this.logitActs = null;
  }

  get loraSpec(): LoraSpec | null {
    const s = this.adapter?.spec;
    return s ? { ...s, targets: [...s.targets], ...(s.tokenIds ? { tokenIds: [...s.tokenIds] } : {}) } : null;
  }

  /** Bytes of gradient + AdamW state allocated so far (0 before the first backward). */
  get trainingBytes(): number {
    return this.train ? 4 * 3 * this.train.grads.length : 0;
  }

  private activations(B: number, T: number, forLogits = false): LlamaActs {
    const cur = forLogits ? this.logitActs : this.acts;
    if (cur && cur.B === B && cur.T === T) return cur;
    const a = allocActs(this.config, this.net, B, T);
    if (forLogits) this.logitActs = a;
    else this.acts = a;
    return a;
  }

  async forwardLogits(tokens: Int32Array, B: number, T: number): Promise<Float32Array> {
    checkTokens(this.config, tokens, B, T);
    const acts = this.activations(B, T, true);
    this.syncTokenRows();
    llamaForward(this.config, this.net, acts, tokens);
    return acts.logits.slice();
  }

  async forwardLogprobs(batch: TokenBatch): Promise<LogprobResult> {
    const { B, T, tokens, targets } = batch;
    checkTokens(this.config, tokens, B, T);
    if (targets.length !== B * T) throw new Error(`targets has length ${targets.length}, expected B*T = ${B * T}`);
    for (let i = 0; i < targets.length; i++) {
      if (targets[i] < -1 || targets[i] >= this.config.vocabSize) throw new Error(`target ${targets[i]} at row ${Math.floor(i / T)}, position ${i % T} is neither -1 nor a token id`);
    }
    const acts = this.activations(B, T);
    this.syncTokenRows();
    llamaForward(this.config, this.net, acts, tokens);
    const logprobs = new Float32Array(B * T);
    const entropy = new Float32Array(B * T);
    const invT = inverseTemperature(batch.temperature);
    logprobsForward(logprobs, entropy, acts.probs, acts.logits, targets, B * T, this.config.vocabSize, invT);
    this.last = { tokens: tokens.slice(), targets: targets.slice(), B, T, invT };
    return { logprobs, entropy };
  }

  async backwardLogprobs(dlogprobs: Float32Array, dentropy?: Float32Array): Promise<void> {
    const last = this.last;
    if (!last || !this.acts) throw new Error('backwardLogprobs needs a forwardLogprobs first');
    const N = last.B * last.T;
    if (dlogprobs.length !== N) throw new Error(`dlogprobs has length ${dlogprobs.length}, expected B*T = ${N}`);
    if (dentropy && dentropy.length !== N) throw new Error(`dentropy has length ${dentropy.length}, expected B*T = ${N}`);
    if (!this.train) {
      // first backward: allocate gradients and rebuild the net around them (activations stay valid:
      // LoRA x·Aᵀ buffers are keyed by the same projections)
      const acts = this.acts;
      this.ensureTrain();
      this.acts = acts;
    }
    const dlogits = new Float32Array(N * this.config.vocabSize);
    logprobsBackward(dlogits, dlogprobs, dentropy ?? null, this.acts.probs, last.targets, N, this.config.vocabSize, last.invT);
    llamaBackward(this.config, this.net, this.acts, dlogits, last.tokens);
  }

  zeroGrad(): void {
    this.train?.grads.fill(0);
  }

  async step(opts: AdamWOptions): Promise<StepResult> {
    this.ensureTrain();
    const tr = this.train!;
    const b = { params: this.trainable().flat, grads: tr.grads, m: tr.m, v: tr.v, step: tr.t };
    const r = clipAndAdamW(b, opts);
    tr.t = b.step;
    return r;
  }

  /** forward, zero-grad, backward of loss = -mean log p(target) over targets != -1; no update. */
  async lossAndGradCrossEntropy(batch: TokenBatch): Promise<number> {
    const { logprobs } = await this.forwardLogprobs(batch);
    let count = 0, sum = 0;
    for (let i = 0; i < batch.targets.length; i++) if (batch.targets[i] >= 0) { count++; sum += logprobs[i]; }
    if (count === 0) throw new Error('the batch has no targets (every target is -1)');
    const d = new Float32Array(batch.targets.length);
    for (let i = 0; i < d.length; i++) d[i] = batch.targets[i] >= 0 ? -1 / count : 0;
    this.zeroGrad();
    await this.backwardLogprobs(d);
    return -sum / count;
  }

  async generate(prompts: number[][], opts: SampleOptions): Promise<SampleResult> {
    this.syncTokenRows();
    return generateWithDecoder(pickOnCpu(new LlamaKvDecoder(this.config, this.net)), prompts, opts, this.config.blockSize, this.config.vocabSize);
  }

  /**
   * Base parameters (HF names) and, with an adapter, its matrices (PEFT names). Trainable token rows
   * appear both as the adapter's rows and inside embed_tokens (their current values).
   */
  async exportParams(): Promise<Map<string, NamedTensor>> {
    this.syncTokenRows();
    const out = toMap(this.baseEntries, this.params);
    if (this.adapter) for (const [k, t] of toMap(this.adapter.entries, this.adapter.params)) out.set(k, t);
    return out;
  }

  /** Replaces base parameters (all present) and/or adapter matrices (all present), checked first. */
  async importParams(params: Map<string, NamedTensor>): Promise<void> {
    const base = new Map<string, NamedTensor>();
    const lora = new Map<string, NamedTensor>();
    for (const [k, t] of params) (k.startsWith('base_model.model.') ? lora : base).set(k, t);
    const nb = base.size > 0 ? new Float32Array(this.params.length) : null;
    if (nb) fromMap(this.baseEntries, nb, base, 'importParams');
    let na: Float32Array | null = null;
    if (lora.size > 0) {
      if (!this.adapter) throw new Error(`importParams: '${lora.keys().next().value}' is an adapter tensor but no adapter is attached`);
      na = new Float32Array(this.adapter.params.length);
      fromMap(this.adapter.entries, na, lora, 'importParams');
    }
    if (nb) this.params.set(nb);
    if (na) this.adapter!.params.set(na);
  }

  /** Gradients of the trainable tensors (PEFT names with LoRA, HF names otherwise). */
  async exportGrads(): Promise<Map<string, NamedTensor>> {
    const { entries, flat } = this.trainable();
    return toMap(entries, this.train ? this.train.grads : new Float32Array(flat.length));
  }

  async exportOptimizerState(): Promise<OptimizerState> {
    const { entries, flat } = this.trainable();
    const z = new Float32Array(flat.length);
    const m = new Map<string, Float32Array>(), v = new Map<string, Float32Array>();
    for (const [k, t] of toMap(entries, this.train?.m ?? z)) m.set(k, t.data);
    for (const [k, t] of toMap(entries, this.train?.v ?? z)) v.set(k, t.data);
    return { step: this.train?.t ?? 0, m, v };
  }

  async importOptimizerState(state: OptimizerState): Promise<void> {
    if (!Number.isInteger(state.step) || state.step < 0) throw new Error(`optimizer state: step must be a non-negative integer, got ${state.step}`);
    const { entries, flat } = this.trainable();
    const m = new Float32Array(flat.length), v = new Float32Array(flat.length);
    fromMap(entries, m, state.m, 'optimizer state m');
    fromMap(entries, v, state.v, 'optimizer state v');
    this.ensureTrain();
    this.train!.m.set(m);
    this.train!.v.set(v);
    this.train!.t = state.step;
  }

  destroy(): void {
    this.acts = null;
    this.logitActs = null;
    this.last = null;
  }
}
