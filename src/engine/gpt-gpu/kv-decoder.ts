// Incremental decoding on the GPU with a KV cache per layer ([rows, blockSize, C] for k and for v).
// Implements the shared IncrementalDecoder (sample/generate.ts), so sampling, stopping and
// log-probabilities follow exactly the CPU model's rules. Every call runs a batch of tokens, each
// tagged with its cache row and position: a prompt is one call of len tokens (its k/v all written
// before attention reads them), a decode step is one call of one token per active row. Only the
// logits rows the sampler needs are read back.
import type { GpuContext } from '../backend/gpu-context';
import type { GPTConfig } from '../model-api';
import type { IncrementalDecoder } from '../sample/generate';
import { attentionDecodeGpu, kvcacheWriteGpu } from '../kernels/attention.gpu';
import { encoderPositionsGpu } from '../kernels/encoder.gpu';
import { geluForwardGpu } from '../kernels/gelu.gpu';
import { layernormForwardGpu } from '../kernels/layernorm.gpu';
import { matmulForwardGpu, matmulForwardNTGpu } from '../kernels/matmul.gpu';
import { residualForwardGpu } from '../kernels/residual.gpu';
import type { GpuWeights } from './weights';

export class GpuKvDecoder implements IncrementalDecoder {
  private readonly maxN: number;
  private readonly lengths: number[];
  private readonly kcache: GPUBuffer[] = [];
  private readonly vcache: GPUBuffer[] = [];
  private readonly s: Record<'tok' | 'pos' | 'row' | 'x' | 'x2' | 'ln' | 'mean' | 'rstd' | 'qkv' | 'atty' | 'proj' | 'fch' | 'fchGelu' | 'logits', GPUBuffer>;

  constructor(private readonly ctx: GpuContext, private readonly config: GPTConfig, private readonly w: GpuWeights, readonly rows: number) {
    const { nEmbd: C, blockSize, vocabSize: V, nLayer } = config;
    // attention_decode keeps one row of scores (blockSize floats) plus a 64-float reduction in workgroup memory
    const shared = (blockSize + 65) * 4;
    if (shared > ctx.device.limits.maxComputeWorkgroupStorageSize) {
      throw new Error(`block size ${blockSize} needs ${shared} bytes of workgroup memory for KV-cache decoding; this device allows ${ctx.device.limits.maxComputeWorkgroupStorageSize}`);
    }
    this.maxN = Math.max(blockSize, rows);
    this.lengths = new Array(rows).fill(0);
    for (let l = 0; l < nLayer; l++) {
      this.kcache.push(ctx.storage(rows * blockSize * C * 4, `kcache ${l}`));
      this.vcache.push(ctx.storage(rows * blockSize * C * 4, `vcache ${l}`));
    }
    const n = this.maxN;
    const f = (k: number, label: string) => ctx.storage(k * 4, label);
    this.s = {
      tok: f(n, 'dec tok'), pos: f(n, 'dec pos'), row: f(n, 'dec row'), x: f(n * C, 'dec x'), x2: f(n * C, 'dec x2'),
      ln: f(n * C, 'dec ln'), mean: f(n, 'dec mean'), rstd: f(n, 'dec rstd'), qkv: f(n * 3 * C, 'dec qkv'),
      atty: f(n * C, 'dec atty'), proj: f(n * C, 'dec proj'), fch: f(n * 4 * C, 'dec fch'), fchGelu: f(n * 4 * C, 'dec fchGelu'),
      logits: f(n * V, 'dec logits'),
    };
  }

  async prefill(row: number, prompt: number[]): Promise<Float32Array> {
    if (prompt.length > this.config.blockSize) throw new Error(`prompt of ${prompt.length} tokens exceeds the block size ${this.config.blockSize}`);
    this.lengths[row] = 0;
    const out = await this.run(prompt.map(() => row), prompt, [prompt.length - 1]);
    return out[0];
  }

  async step(rows: number[], tokens: number[]): Promise<Float32Array[]> {
    return this.run(rows, tokens, rows.map((_, k) => k));
  }

  /** Feeds tokens (token k goes to cache row rowOf[k] at that row's next position); returns logits of the `want` tokens. */
  private async run(rowOf: number[], tokens: number[], want: number[]): Promise<Float32Array[]> {
    const ctx = this.ctx;
    ctx.checkAlive();
    const N = tokens.length;
    if (N > this.maxN) throw new Error(`decoder batch of ${N} tokens exceeds its capacity ${this.maxN}`);
    const pos = new Int32Array(N);
    for (let k = 0; k < N; k++) {
      const r = rowOf[k];
      if (this.lengths[r] >= this.config.blockSize) throw new Error(`row ${r} is full: the block size is ${this.config.blockSize}`);
      pos[k] = this.lengths[r]++;
    }
    ctx.write(this.s.tok, Int32Array.from(tokens));
    ctx.write(this.s.pos, pos);
    ctx.write(this.s.row, Int32Array.from(rowOf));
    const enc = ctx.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    this.record(pass, N);
    pass.end();
    const V = this.config.vocabSize;
    return ctx.readRegionsF32(want.map((k) => ({ buf: this.s.logits, offset: k * V, count: V })), enc);
  }

  private record(pass: GPUComputePassEncoder, N: number): void {
    const { ctx, w, s } = this;
    const { nEmbd: C, nHead: NH, vocabSize: V, blockSize: maxT } = this.config;
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
    matmulForwardNTGpu(ctx, pass, s.logits, s.ln, w.wte, N, C, V);
  }

  destroy(): void {
    for (const b of [...this.kcache, ...this.vcache, ...Object.values(this.s)]) this.ctx.release(b);
  }
}
