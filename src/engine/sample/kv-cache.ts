// The CPU KV cache: incremental GPT-2 decoding one token at a time per row. Each layer keeps the
// keys and values of every position already fed, so a new token costs one pass over the cached
// positions instead of a full recomputation. Implements IncrementalDecoder (logits out); generation
// wraps it with pickOnCpu (sample/generate.ts), which picks tokens with the shared rule.
import type { GPTConfig } from '../model-api';
import { geluForward } from '../kernels/gelu';
import { layernormForward } from '../kernels/layernorm';
import { matmulForwardNT, matmulForwardPretransposed, transposed } from '../kernels/matmul';
import type { GptWeights } from '../gpt/weights';
import type { IncrementalDecoder } from './generate';

export class CpuKvDecoder implements IncrementalDecoder {
  private keys: Float32Array[][] = []; // [row][layer] -> [blockSize, C]
  private values: Float32Array[][] = [];
  private lengths: number[] = [];
  private readonly C: number;
  // scratch for one position
  private x: Float32Array; private ln: Float32Array; private qkv: Float32Array; private y: Float32Array;
  private proj: Float32Array; private fch: Float32Array; private fchGelu: Float32Array;
  private logits: Float32Array; private scores: Float32Array;
  private mean = new Float32Array(1); private rstd = new Float32Array(1);
  /** per layer: c_attn, attn c_proj, c_fc, mlp c_proj weights transposed to [out, in], once */
  private wT: { qkv: Float32Array; attproj: Float32Array; fc: Float32Array; fcproj: Float32Array }[];

  constructor(private readonly config: GPTConfig, private readonly w: GptWeights) {
    const C = (this.C = config.nEmbd);
    this.x = new Float32Array(C); this.ln = new Float32Array(C); this.qkv = new Float32Array(3 * C);
    this.y = new Float32Array(C); this.proj = new Float32Array(C);
    this.fch = new Float32Array(4 * C); this.fchGelu = new Float32Array(4 * C);
    this.logits = new Float32Array(config.vocabSize); this.scores = new Float32Array(config.blockSize);
    this.wT = w.layers.map((lw) => ({
      qkv: transposed(lw.qkvw, C, 3 * C),
      attproj: transposed(lw.attprojw, C, C),
      fc: transposed(lw.fcw, C, 4 * C),
      fcproj: transposed(lw.fcprojw, 4 * C, C),
    }));
  }

  async prefill(row: number, prompt: number[]): Promise<Float32Array> {
    const { nLayer, blockSize } = this.config;
    this.keys[row] = Array.from({ length: nLayer }, () => new Float32Array(blockSize * this.C));
    this.values[row] = Array.from({ length: nLayer }, () => new Float32Array(blockSize * this.C));
    this.lengths[row] = 0;
    let out = this.logits;
    for (const id of prompt) out = this.feed(row, id);
    return out.slice();
  }

  async step(rows: number[], tokens: number[]): Promise<Float32Array[]> {
    return rows.map((r, k) => this.feed(r, tokens[k]).slice());
  }

  /** Runs one token of one row through the model at the row's next position; returns the logits. */
  private feed(row: number, id: number): Float32Array {
    const { nEmbd: C, nHead: NH, vocabSize: V, blockSize } = this.config;
    const eps = this.config.layerNormEps ?? 1e-5;
    const pos = this.lengths[row];
    if (pos >= blockSize) throw new Error(`row ${row} is full: the block size is ${blockSize}`);
    const w = this.w;
    const x = this.x;
    for (let i = 0; i < C; i++) x[i] = w.wte[id * C + i] + w.wpe[pos * C + i];
    const hs = C / NH;
    const scale = 1 / Math.sqrt(hs);
    for (let l = 0; l < this.config.nLayer; l++) {
      const lw = w.layers[l];
      const K = this.keys[row][l];
      const Vc = this.values[row][l];
      layernormForward(this.ln, this.mean, this.rstd, x, lw.ln1w, lw.ln1b, 1, C, eps);
      matmulForwardPretransposed(this.qkv, this.ln, this.wT[l].qkv, lw.qkvb, 1, C, 3 * C);
      K.set(this.qkv.subarray(C, 2 * C), pos * C);
      Vc.set(this.qkv.subarray(2 * C, 3 * C), pos * C);
      for (let h = 0; h < NH; h++) {
        let maxv = -Infinity;
        for (let t2 = 0; t2 <= pos; t2++) {
          let s = 0;
          for (let i = 0; i < hs; i++) s += this.qkv[h * hs + i] * K[t2 * C + h * hs + i];
          s *= scale;
          this.scores[t2] = s;
          if (s > maxv) maxv = s;
        }
        let sum = 0;
        for (let t2 = 0; t2 <= pos; t2++) {
          const e = Math.exp(this.scores[t2] - maxv);
          this.scores[t2] = e;
          sum += e;
        }
        // same operation order and float32 roundings as attentionForward, so logits match exactly
        const inv = 1 / sum;
        for (let t2 = 0; t2 <= pos; t2++) this.scores[t2] *= inv;
        for (let i = 0; i < hs; i++) {
          let s = 0;
          for (let t2 = 0; t2 <= pos; t2++) s += this.scores[t2] * Vc[t2 * C + h * hs + i];
          this.y[h * hs + i] = s;
        }
      }
      matmulForwardPretransposed(this.proj, this.y, this.wT[l].attproj, lw.attprojb, 1, C, C);
      for (let i = 0; i < C; i++) x[i] += this.proj[i];
      layernormForward(this.ln, this.mean, this.rstd, x, lw.ln2w, lw.ln2b, 1, C, eps);
      matmulForwardPretransposed(this.fch, this.ln, this.wT[l].fc, lw.fcb, 1, C, 4 * C);
      geluForward(this.fchGelu, this.fch, 4 * C);
      matmulForwardPretransposed(this.proj, this.fchGelu, this.wT[l].fcproj, lw.fcprojb, 1, 4 * C, C);
      for (let i = 0; i < C; i++) x[i] += this.proj[i];
    }
    layernormForward(this.ln, this.mean, this.rstd, x, w.lnfw, w.lnfb, 1, C, eps);
    matmulForwardNT(this.logits, this.ln, w.wte, 1, C, V);
    this.lengths[row] = pos + 1;
    return this.logits;
  }
}
