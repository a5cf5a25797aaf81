// Incremental decoding on the GPU with a KV cache per layer ([rows, blockSize, C] for k and for v).
// Implements the shared SamplingDecoder (sample/generate.ts), so stopping and random numbers follow
// exactly the CPU model's rules, and picks tokens on the GPU (kernels/sample_tokens.wgsl, the same
// rule as the CPU sampler). Every call is one submission over a batch of tokens, each tagged with
// its cache row and position: a batched prefill is all prompts' tokens at once (kvcache_write
// stores every k/v before attention reads them, and each token attends only to its own row), a
// decode step is one token per active row. Only the tokens that need a next token (each prompt's
// last, every decode token) go through the LM head: their final-LayerNorm rows are gathered with
// buffer copies. The read-back is two floats per row: token id and log-probability.
import type { GpuContext } from '../backend/gpu-context';
import type { GPTConfig } from '../model-api';
import type { PickRequest, SamplingDecoder } from '../sample/generate';
import type { PickedToken } from '../kernels/sample-tokens';
import { attentionDecodeGpu, kvcacheWriteGpu } from '../kernels/attention.gpu';
import { encoderPositionsGpu } from '../kernels/encoder.gpu';
import { geluForwardGpu } from '../kernels/gelu.gpu';
import { layernormForwardGpu } from '../kernels/layernorm.gpu';
import { matmulForwardGpu, matmulForwardNTGpu } from '../kernels/matmul.gpu';
import { residualForwardGpu } from '../kernels/residual.gpu';
import { sampleTokensGpu } from '../kernels/sample-tokens.gpu';
import type { GpuWeights } from './weights';

type TokenScratch = Record<'tok' | 'pos' | 'row' | 'x' | 'x2' | 'ln' | 'mean' | 'rstd' | 'qkv' | 'atty' | 'proj' | 'fch' | 'fchGelu', GPUBuffer>;
type HeadScratch = Record<'lnSel' | 'logits' | 'w' | 'u' | 'out', GPUBuffer>;

export class GpuKvDecoder implements SamplingDecoder {
  private readonly lengths: number[];
  private readonly kcache: GPUBuffer[] = [];
  private readonly vcache: GPUBuffer[] = [];
  /** per-token activations for up to `capacity` tokens per call, grown when a prefill needs more */
  private s: TokenScratch | null = null;
  private capacity = 0;
  /** per picked row (at most `rows` per call) */
  private readonly h: HeadScratch;

  constructor(private readonly ctx: GpuContext, private readonly config: GPTConfig, private readonly w: GpuWeights, readonly rows: number) {
    const { nEmbd: C, blockSize, vocabSize: V, nLayer } = config;
    // attention_decode keeps one row of scores (blockSize floats) plus a 64-float reduction in workgroup memory
    const shared = (blockSize + 65) * 4;
    if (shared > ctx.device.limits.maxComputeWorkgroupStorageSize) {
      throw new Error(`block size ${blockSize} needs ${shared} bytes of workgroup memory for KV-cache decoding; this device allows ${ctx.device.limits.maxComputeWorkgroupStorageSize}`);
    }
    this.lengths = new Array(rows).fill(0);
    for (let l = 0; l < nLayer; l++) {
      this.kcache.push(ctx.storage(rows * blockSize * C * 4, `kcache ${l}`));
      this.vcache.push(ctx.storage(rows * blockSize * C * 4, `vcache ${l}`));
    }
    const f = (k: number, label: string) => ctx.storage(k * 4, label);
    this.h = { lnSel: f(rows * C, 'dec ln picked'), logits: f(rows * V, 'dec logits'), w: f(rows * V, 'dec sample w'), u: f(rows, 'dec uniforms'), out: f(2 * rows, 'dec picks') };
    this.ensureCapacity(Math.max(blockSize, rows));
  }

  /** Token scratch for n tokens per call: a power of two, at most every row's full block. */
  private ensureCapacity(n: number): void {
    if (n <= this.capacity) return;
    const { nEmbd: C, blockSize } = this.config;
    let cap = 1;
    while (cap < n) cap *= 2;
    cap = Math.min(cap, this.rows * blockSize);
    if (cap < n) cap = n;
    if (this.s) for (const b of Object.values(this.s)) this.ctx.release(b);
    const f = (k: number, label: string) => this.ctx.storage(k * 4, label);
    this.s = {
      tok: f(cap, 'dec tok'), pos: f(cap, 'dec pos'), row: f(cap, 'dec row'), x: f(cap * C, 'dec x'), x2: f(cap * C, 'dec x2'),
      ln: f(cap * C, 'dec ln'), mean: f(cap, 'dec mean'), rstd: f(cap, 'dec rstd'), qkv: f(cap * 3 * C, 'dec qkv'),
      atty: f(cap * C, 'dec atty'), proj: f(cap * C, 'dec proj'), fch: f(cap * 4 * C, 'dec fch'), fchGelu: f(cap * 4 * C, 'dec fchGelu'),
    };
    this.capacity = cap;
  }

  async prefill(rows: number[], prompts: number[][], pick: PickRequest): Promise<PickedToken[]> {
    const rowOf: number[] = [];
    const tokens: number[] = [];
    const last: number[] = [];
    rows.forEach((r, k) => {
      const prompt = prompts[k];
      if (prompt.length === 0) throw new Error(`row ${r}: an empty prompt has no next token`);
      if (prompt.length > this.config.blockSize) throw new Error(`prompt of ${prompt.length} tokens exceeds the block size ${this.config.blockSize}`);
      this.lengths[r] = 0;
      for (const t of prompt) {
        rowOf.push(r);
        tokens.push(t);
      }
      last.push(tokens.length - 1);
    });
    return this.run(rowOf, tokens, last, pick);
  }

  async step(rows: number[], tokens: number[], pick: PickRequest): Promise<PickedToken[]> {
    return this.run(rows, tokens, null, pick);
  }

  /**
   * Feeds tokens (token k goes to cache row rowOf[k] at that row's next position) and picks a next
   * token after each token listed in `want` (null = after every token).
   */
  private async run(rowOf: number[], tokens: number[], want: number[] | null, pick: PickRequest): Promise<PickedToken[]> {
    const ctx = this.ctx;
    ctx.checkAlive();
    const N = tokens.length;
    const M = want ? want.length : N;
    if (M > this.rows) throw new Error(`decoder call picks ${M} tokens but has ${this.rows} rows`);
    if (pick.u.length !== M) throw new Error(`decoder call picks ${M} tokens but got ${pick.u.length} uniforms`);
    const pos = new Int32Array(N);
    for (let k = 0; k < N; k++) {
      const r = rowOf[k];
      if (!(r >= 0 && r < this.rows)) throw new Error(`row ${r} is outside the decoder's ${this.rows} rows`);
      if (this.lengths[r] >= this.config.blockSize) throw new Error(`row ${r} is full: the block size is ${this.config.blockSize}`);
      pos[k] = this.lengths[r]++;
    }
    if (M === 0) return [];
    this.ensureCapacity(N);
    const s = this.s!;
    ctx.write(s.tok, Int32Array.from(tokens));
    ctx.write(s.pos, pos);
    ctx.write(s.row, Int32Array.from(rowOf));
    ctx.write(this.h.u, pick.u);
    const { nEmbd: C, vocabSize: V } = this.config;
    const enc = ctx.device.createCommandEncoder();
    let pass = enc.beginComputePass();
    this.recordBody(pass, N);
    let head = s.ln;
    if (want && !want.every((t, k) => t === k)) {
      // gather the final-LayerNorm rows of the picked tokens (copies sit between compute passes)
      pass.end();
      want.forEach((t, k) => enc.copyBufferToBuffer(s.ln, t * C * 4, this.h.lnSel, k * C * 4, C * 4));
      pass = enc.beginComputePass();
      head = this.h.lnSel;
    }
    matmulForwardNTGpu(ctx, pass, this.h.logits, head, this.w.wte, M, C, V);
    sampleTokensGpu(ctx, pass, this.h.out, this.h.logits, this.h.u, this.h.w, M, V, pick.settings);
    pass.end();
    const [o] = await ctx.readRegionsF32([{ buf: this.h.out, offset: 0, count: 2 * M }], enc);
    return Array.from({ length: M }, (_, k) => ({ token: o[2 * k], logprob: o[2 * k + 1] }));
  }

  /** embeddings, every block and the final LayerNorm for N tokens, into s.ln */
  private recordBody(pass: GPUComputePassEncoder, N: number): void {
    const { ctx, w } = this;
    const s = this.s!;
    const { nEmbd: C, nHead: NH, blockSize: maxT } = this.config;
    const eps = this.config.layerNormEps ?? 1e-5;
    encoderPositionsGpu(ctx, pass, s.x, s.tok, s.pos, w.wte, w.wpe, N, C);
    for (let l = 0; l < this.config.nLayer; l++) {
      const lw = w.layers[l];
      layernormForwardGpu(ctx, pass, s.ln, s.mean, s.rstd, s.x, lw.ln1w, lw.ln1b, N, C, eps);
      matmulForwardGpu(ctx, pass, s.qkv, s.ln, lw.qkvw, lw.qkvb, N, C, 3 * C);
      kvcacheWriteGpu(ctx, pass, this.kcache[l], this.vcache[l], s.qkv, s.row, s.pos, N, C, maxT);
      attentionDecodeGpu(ctx, pass, s.atty, s.qkv, this.kcache[l], this.vcache[l], s.row, s.pos, N, C, NH, maxT);
      matmulForwardGpu(ctx, pass, s.proj, s.atty, lw.attprojw, lw.attprojb, N, C, C);
      residualForwardGpu(ctx, pass, s.x2, s.x, s.proj, N * C);
      layernormForwardGpu(ctx, pass, s.ln, s.mean, s.rstd, s.x2, lw.ln2w, lw.ln2b, N, C, eps);
      matmulForwardGpu(ctx, pass, s.fch, s.ln, lw.fcw, lw.fcb, N, C, 4 * C);
      geluForwardGpu(ctx, pass, s.fchGelu, s.fch, N * 4 * C);
      matmulForwardGpu(ctx, pass, s.proj, s.fchGelu, lw.fcprojw, lw.fcprojb, N, 4 * C, C);
      residualForwardGpu(ctx, pass, s.x, s.x2, s.proj, N * C);
    }
    layernormForwardGpu(ctx, pass, s.ln, s.mean, s.rstd, s.x, w.lnfw, w.lnfb, N, C, eps);
  }

  destroy(): void {
    for (const b of [...this.kcache, ...this.vcache, ...Object.values(this.h), ...(this.s ? Object.values(this.s) : [])]) this.ctx.release(b);
  }
}
