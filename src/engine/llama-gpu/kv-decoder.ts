// The WebGPU KV cache for the Llama family (an IncrementalDecoder for the shared generation driver,
// as llama/kv-decoder.ts on the CPU): each row has per-layer key/value caches [capacity, nKv*D] on the
// GPU, grown by doubling (prefix copied) when a row outgrows them; a prompt runs as one call of N
// tokens (keys and values written, each query attending up to its own position), then one token per
// step. Only the last token's logits [V] are read back per call. One set of activations serves every
// call: sized for the longest prompt so far (grown when a longer one comes), the shorter calls use its
// first rows, and two layers' worth (layers alternate between them: nothing is kept for a backward) — a batch of prompts of many lengths holds one prompt's activations, not one per length.
import type { GpuContext } from '../backend/gpu-context';
import type { LlamaConfig } from '../hf/config';
import type { LinearName } from '../hf/llama-params';
import { kvGrownCapacity, kvStartCapacity } from '../kv-capacity';
import { gqaDecodeGpu, gqaKvWriteGpu } from '../kernels/gqa-attention.gpu';
import type { IncrementalDecoder } from '../sample/generate';
import { allocLlamaActs, releaseBuffers, type GpuLlamaActs } from './activations';
import { recordEmbed, recordHead, recordLayer, type LoraOf, type RopeTable } from './forward';
import type { GpuTokenRows } from './token-rows/token-rows-gpu';
import type { GpuLlamaWeights } from './weights';

interface RowCache {
  cap: number;
  len: number;
  k: GPUBuffer[];
  v: GPUBuffer[];
}

export class GpuLlamaKvDecoder implements IncrementalDecoder {
  private rows = new Map<number, RowCache>();
  private acts: GpuLlamaActs | null = null;
  private scores: GPUBuffer | null = null;
  private scoresFloats = 0;
  private readonly lastRow: GPUBuffer;
  private readonly small: GPUBuffer[];

  constructor(
    private readonly ctx: GpuContext, private readonly c: LlamaConfig, private readonly w: GpuLlamaWeights,
    private readonly loraOf: LoraOf, private readonly loraTargets: LinearName[], private readonly loraR: number, private readonly rope: RopeTable,
    private readonly tokenRows: GpuTokenRows | null = null,
  ) {
    this.lastRow = ctx.storage(c.hiddenSize * 4, 'decode last row');
    this.small = [ctx.storage(c.hiddenSize * 4, 'decode lnf'), ctx.storage(16, 'decode rstdf')];
  }

  private kvFloats(cap: number): number {
    return cap * this.c.nKvHead * this.c.headDim;
  }

  private ensureCapacity(row: RowCache, need: number): void {
    if (need <= row.cap) return;
    const cap = kvGrownCapacity(row.cap, need, this.c.blockSize);
    const enc = this.ctx.device.createCommandEncoder();
    const grow = (old: GPUBuffer[]) => old.map((b) => {
      const nb = this.ctx.storage(this.kvFloats(cap) * 4, 'kv cache');
      if (row.len > 0) enc.copyBufferToBuffer(b, 0, nb, 0, this.kvFloats(row.len) * 4);
      return nb;
    });
    const k = grow(row.k), v = grow(row.v);
    this.ctx.device.queue.submit([enc.finish()]);
    for (const b of [...row.k, ...row.v]) this.ctx.release(b);
    Object.assign(row, { cap, k, v });
  }

  private actsFor(N: number): GpuLlamaActs {
    if (!this.acts || this.acts.N < N) {
      releaseBuffers(this.ctx, this.acts);
      this.acts = allocLlamaActs(this.ctx, this.c, 1, N, this.loraTargets, this.loraR, false, 1, 2);
    }
    return this.acts;
  }

  private async run(rowId: number, tokens: number[]): Promise<Float32Array> {
    const c = this.c, ctx = this.ctx;
    const row = this.rows.get(rowId)!;
    const N = tokens.length;
    const start = row.len;
    if (start + N > c.blockSize) throw new Error(`row ${rowId}: ${start + N} tokens exceed max_position_embeddings ${c.blockSize}`);
    this.ensureCapacity(row, start + N);
    const a = this.actsFor(N);
    ctx.write(a.tokens, Int32Array.from(tokens));
    ctx.write(a.pos, Int32Array.from({ length: N }, (_, i) => start + i));
    ctx.write(a.rowOf, new Int32Array(N));
    const need = N * c.nHead * row.cap;
    if (!this.scores || this.scoresFloats < need) {
      if (this.scores) ctx.release(this.scores);
      this.scores = ctx.storage(need * 4, 'decode scores');
      this.scoresFloats = need;
    }
    const scores = this.scores;
    const enc = ctx.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    recordEmbed(ctx, pass, c, this.w, a.embedded, a.tokens, N, this.tokenRows);
    let x: GPUBuffer = a.embedded;
    a.layers.forEach((la, l) => {
      recordLayer(ctx, pass, c, l, this.w.layers[l], this.loraOf, la, x, N, this.rope, a.pos, a.scratchH, (qr, kr, v, y) => {
        gqaKvWriteGpu(ctx, pass, row.k[l], row.v[l], kr, v, a.rowOf, a.pos, N, c.nKvHead, c.headDim, row.cap);
        gqaDecodeGpu(ctx, pass, y, scores, qr, row.k[l], row.v[l], a.rowOf, a.pos, N, c.nHead, c.nKvHead, c.headDim, row.cap, 1 / Math.sqrt(c.headDim));
      });
      x = la.res3;
    });
    pass.end();
    const H = c.hiddenSize;
    enc.copyBufferToBuffer(x, (N - 1) * H * 4, this.lastRow, 0, H * 4);
    const pass2 = enc.beginComputePass();
    recordHead(ctx, pass2, c, this.w, this.small[0], this.small[1], this.lastRow, a.logits, 1, this.tokenRows);
    pass2.end();
    const logits = await ctx.readF32(a.logits, 0, c.vocabSize, enc);
    row.len = start + N;
    return logits;
  }

  async prefill(rowId: number, prompt: number[]): Promise<Float32Array> {
    const old = this.rows.get(rowId);
    if (old) for (const b of [...old.k, ...old.v]) this.ctx.release(b);
    const cap = kvStartCapacity(prompt.length, this.c.blockSize);
    const mk = () => Array.from({ length: this.c.nLayer }, () => this.ctx.storage(this.kvFloats(cap) * 4, 'kv cache'));
    this.rows.set(rowId, { cap, len: 0, k: mk(), v: mk() });
    return this.run(rowId, prompt);
  }

  async step(rows: number[], tokens: number[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < rows.length; i++) out.push(await this.run(rows[i], [tokens[i]]));
    return out;
  }

  destroy(): void {
    for (const r of this.rows.values()) for (const b of [...r.k, ...r.v]) this.ctx.release(b);
    this.rows.clear();
    releaseBuffers(this.ctx, this.acts);
    this.acts = null;
    if (this.scores) this.ctx.release(this.scores);
    this.scores = null;
    this.ctx.release(this.lastRow);
    for (const b of this.small) this.ctx.release(b);
  }
}
