// The WebGPU KV cache for the Llama family (an IncrementalDecoder for the shared generation driver,
// as llama/kv-decoder.ts on the CPU). Per layer ONE key and ONE value cache hold every row, laid out
// [slots, cap, nKv*D] (the gqa kernels' [rows, MAX_T, NKV, D] with rowOf = slot): a row's slot is fixed
// at its prefill; cap is shared and grows by doubling (kv-capacity.ts) when any row needs more, each
// row's prefix copied to its place in the new layout; slots grow as prefill adds rows.
// A prompt runs as one call of its tokens (one row per call: prompts differ in length), reading back
// the last token's logits [V]. A step runs all its rows' tokens in ONE pass (every weight read once
// for the batch), the LM head over the N rows, and ONE readback of the [N, V] logits; when [N, V]
// exceeds maxStorageBufferBindingSize the rows go in groups that fit (kv-decode-shape.ts).
// One set of activations serves every call: sized for max(longest prompt, rows per group) tokens
// (grown if a longer prompt comes than announced), shorter calls use its first rows, and two layers'
// worth (layers alternate between them: nothing is kept for a backward).
import type { GpuContext } from '../backend/gpu-context';
import type { LlamaConfig } from '../hf/config';
import type { LinearName } from '../hf/llama-params';
import { kvGrownCapacity, kvStartCapacity } from '../kv-capacity';
import { kvActTokens, kvStepGroup } from '../kv-decode-shape';
import { gqaDecodeGpu, gqaKvWriteGpu } from '../kernels/gqa-attention.gpu';
import type { IncrementalDecoder } from '../sample/generate';
import { allocLlamaActs, releaseBuffers, type GpuLlamaActs } from './activations';
import { recordEmbed, recordHead, recordLayer, type LoraOf, type RopeTable } from './forward';
import type { GpuTokenRows } from './token-rows/token-rows-gpu';
import type { GpuLlamaWeights } from './weights';

/** What the caller knows before the first prefill, so buffers are sized once. */
export interface KvDecodeExpect {
  rows: number;
  longestPrompt: number;
  /** at most this many rows per step pass (default: as many as the logits binding allows) */
  maxGroup?: number;
}

export class GpuLlamaKvDecoder implements IncrementalDecoder {
  private readonly slotOf = new Map<number, number>();
  private lens: number[] = [];
  private slots = 0;
  private cap = 0;
  private k: GPUBuffer[] = [];
  private v: GPUBuffer[] = [];
  private acts: GpuLlamaActs | null = null;
  private scores: GPUBuffer | null = null;
  private scoresFloats = 0;
  private readonly lastRow: GPUBuffer;
  private readonly group: number;

  constructor(
    private readonly ctx: GpuContext, private readonly c: LlamaConfig, private readonly w: GpuLlamaWeights,
    private readonly loraOf: LoraOf, private readonly loraTargets: LinearName[], private readonly loraR: number, private readonly rope: RopeTable,
    private readonly tokenRows: GpuTokenRows | null = null,
    private readonly expect: KvDecodeExpect = { rows: 1, longestPrompt: 1 },
  ) {
    this.group = Math.min(kvStepGroup(Math.max(1, expect.rows), c.vocabSize, ctx.limits.maxStorageBufferBindingSize), Math.max(1, expect.maxGroup ?? Infinity));
    this.lastRow = ctx.storage(c.hiddenSize * 4, 'decode last row');
  }

  /** rows each step pass decodes at most */
  get stepGroup(): number {
    return this.group;
  }

  private kvFloats(slots: number, cap: number): number {
    return slots * cap * this.c.nKvHead * this.c.headDim;
  }

  /** Makes the shared caches hold `slots` rows of `cap` positions, re-laying the rows already there. */
  private ensureCache(slots: number, cap: number): void {
    if (this.k.length > 0 && slots <= this.slots && cap <= this.cap) return;
    const nSlots = Math.max(this.slots, slots), nCap = Math.max(this.cap, cap);
    const bytes = this.kvFloats(nSlots, nCap) * 4;
    const lim = this.ctx.limits.maxStorageBufferBindingSize;
    if (bytes > lim) throw new Error(`KV cache of one layer (${nSlots} rows x ${nCap} positions) needs ${bytes} bytes, more than the device's maxStorageBufferBindingSize ${lim}: decode fewer rows at once or lower the maximum length`);
    const row = this.kvFloats(1, 1) * 4;
    const enc = this.ctx.device.createCommandEncoder();
    const grow = (old: GPUBuffer[]) => Array.from({ length: this.c.nLayer }, (_, l) => {
      const nb = this.ctx.storage(bytes, 'kv cache');
      if (old.length > 0) {
        if (nCap === this.cap) enc.copyBufferToBuffer(old[l], 0, nb, 0, this.kvFloats(this.slots, this.cap) * 4);
        else for (let s = 0; s < this.slots; s++) if (this.lens[s] > 0) enc.copyBufferToBuffer(old[l], s * this.cap * row, nb, s * nCap * row, this.lens[s] * row);
      }
      return nb;
    });
    const k = grow(this.k), v = grow(this.v);
    this.ctx.device.queue.submit([enc.finish()]);
    for (const b of [...this.k, ...this.v]) this.ctx.release(b);
    Object.assign(this, { k, v, slots: nSlots, cap: nCap });
  }

  private actsFor(N: number): GpuLlamaActs {
    if (!this.acts || this.acts.N < N) {
      releaseBuffers(this.ctx, this.acts);
      const T = Math.max(N, kvActTokens(this.expect.longestPrompt, this.group));
      this.acts = allocLlamaActs(this.ctx, this.c, 1, T, this.loraTargets, this.loraR, false, this.group, 2);
    }
    return this.acts;
  }

  private scoresFor(N: number): GPUBuffer {
    const need = N * this.c.nHead * this.cap;
    if (!this.scores || this.scoresFloats < need) {
      if (this.scores) this.ctx.release(this.scores);
      this.scores = this.ctx.storage(need * 4, 'decode scores');
      this.scoresFloats = need;
    }
    return this.scores;
  }

  /** Records the layers over N tokens (tokens/pos/rowOf written) into `pass`; returns the last hidden states. */
  private recordLayers(pass: GPUComputePassEncoder, a: GpuLlamaActs, N: number): GPUBuffer {
    const c = this.c, ctx = this.ctx, cap = this.cap;
    const scores = this.scoresFor(N);
    recordEmbed(ctx, pass, c, this.w, a.embedded, a.tokens, N, this.tokenRows);
    let x: GPUBuffer = a.embedded;
    a.layers.forEach((la, l) => {
      recordLayer(ctx, pass, c, l, this.w.layers[l], this.loraOf, la, x, N, this.rope, a.pos, a.scratchH, (qr, kr, v, y) => {
        gqaKvWriteGpu(ctx, pass, this.k[l], this.v[l], kr, v, a.rowOf, a.pos, N, c.nKvHead, c.headDim, cap);
        gqaDecodeGpu(ctx, pass, y, scores, qr, this.k[l], this.v[l], a.rowOf, a.pos, N, c.nHead, c.nKvHead, c.headDim, cap, 1 / Math.sqrt(c.headDim));
      });
      x = la.res3;
    });
    return x;
  }

  private write(a: GpuLlamaActs, tokens: number[], pos: number[], rowOf: number[]): void {
    this.ctx.write(a.tokens, Int32Array.from(tokens));
    this.ctx.write(a.pos, Int32Array.from(pos));
    this.ctx.write(a.rowOf, Int32Array.from(rowOf));
  }

  async prefill(rowId: number, prompt: number[]): Promise<Float32Array> {
    const c = this.c, ctx = this.ctx, N = prompt.length;
    if (N > c.blockSize) throw new Error(`row ${rowId}: ${N} tokens exceed max_position_embeddings ${c.blockSize}`);
    let slot = this.slotOf.get(rowId);
    if (slot === undefined) {
      slot = this.slotOf.size;
      this.slotOf.set(rowId, slot);
    }
    this.lens[slot] = 0;
    const first = this.k.length === 0;
    const start = kvStartCapacity(first ? Math.max(N, this.expect.longestPrompt) : N, c.blockSize);
    this.ensureCache(first ? Math.max(slot + 1, this.expect.rows) : slot + 1, this.cap === 0 ? start : kvGrownCapacity(this.cap, start, c.blockSize));
    const a = this.actsFor(N);
    this.write(a, prompt, prompt.map((_, i) => i), prompt.map(() => slot));
    const enc = ctx.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    const x = this.recordLayers(pass, a, N);
    pass.end();
    const H = c.hiddenSize;
    enc.copyBufferToBuffer(x, (N - 1) * H * 4, this.lastRow, 0, H * 4);
    const pass2 = enc.beginComputePass();
    recordHead(ctx, pass2, c, this.w, a.lnf, a.rstdf, this.lastRow, a.logits, 1, this.tokenRows);
    pass2.end();
    const logits = await ctx.readF32(a.logits, 0, c.vocabSize, enc);
    this.lens[slot] = N;
    return logits;
  }

  async step(rows: number[], tokens: number[]): Promise<Float32Array[]> {
    if (rows.length !== tokens.length) throw new Error(`step: ${rows.length} rows but ${tokens.length} tokens`);
    const out: Float32Array[] = [];
    for (let g = 0; g < rows.length; g += this.group) out.push(...await this.stepRows(rows.slice(g, g + this.group), tokens.slice(g, g + this.group)));
    return out;
  }

  private async stepRows(rows: number[], tokens: number[]): Promise<Float32Array[]> {
    const c = this.c, ctx = this.ctx, N = rows.length, V = c.vocabSize;
    const slots = rows.map((r) => {
      const s = this.slotOf.get(r);
      if (s === undefined) throw new Error(`step: row ${r} was never prefilled`);
      return s;
    });
    if (new Set(slots).size !== N) throw new Error('step: a row is listed twice');
    const pos = slots.map((s) => this.lens[s]);
    const need = Math.max(...pos) + 1;
    if (need > c.blockSize) throw new Error(`row ${rows[pos.indexOf(need - 1)]}: ${need} tokens exceed max_position_embeddings ${c.blockSize}`);
    this.ensureCache(this.slots, kvGrownCapacity(this.cap, need, c.blockSize));
    const a = this.actsFor(N);
    this.write(a, tokens, pos, slots);
    const enc = ctx.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    const x = this.recordLayers(pass, a, N);
    pass.end();
    const pass2 = enc.beginComputePass();
    recordHead(ctx, pass2, c, this.w, a.lnf, a.rstdf, x, a.logits, N, this.tokenRows);
    pass2.end();
    const all = await ctx.readF32(a.logits, 0, N * V, enc);
    slots.forEach((s) => { this.lens[s] += 1; });
    return rows.map((_, i) => all.subarray(i * V, (i + 1) * V));
  }

  destroy(): void {
    for (const b of [...this.k, ...this.v]) this.ctx.release(b);
    this.k = [];
    this.v = [];
    this.slotOf.clear();
    this.lens = [];
    this.slots = 0;
    this.cap = 0;
    releaseBuffers(this.ctx, this.acts);
    this.acts = null;
    if (this.scores) this.ctx.release(this.scores);
    this.scores = null;
    this.ctx.release(this.lastRow);
  }
}
