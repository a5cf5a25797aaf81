// Exports: LlamaKvDecoder, the CPU KV cache for the Llama family (an IncrementalDecoder for the
// shared generation driver): a prompt runs as one batch of N tokens at positions 0..N-1 (keys and
// values written to the row's cache, each query attending to the cache up to its own position), then
// one token per step.
import type { LlamaConfig } from '../hf/config';
import { gqaDecode, kvCacheWrite } from '../kernels/gqa-attention';
import type { IncrementalDecoder } from '../sample/generate';
import { allocLayerActs, embed, headForward, layerForward, ropeFor } from './forward';
import type { LlamaNet } from './net';

export class LlamaKvDecoder implements IncrementalDecoder {
  private keys: Float32Array[][] = []; // [row][layer] -> [blockSize, nKv, D]
  private values: Float32Array[][] = [];
  private lengths: number[] = [];

  constructor(private readonly c: LlamaConfig, private readonly net: LlamaNet) {}

  private run(row: number, tokens: number[]): Float32Array {
    const c = this.c;
    const N = tokens.length;
    const start = this.lengths[row];
    if (start + N > c.blockSize) throw new Error(`row ${row}: ${start + N} tokens exceed max_position_embeddings ${c.blockSize}`);
    const pos = Int32Array.from({ length: N }, (_, i) => start + i);
    const rowOf = new Int32Array(N);
    const { cos, sin } = ropeFor(c, pos);
    const H = c.hiddenSize;
    let x: Float32Array = new Float32Array(N * H);
    embed(c, x, this.net.embed, tokens);
    this.net.layers.forEach((L, l) => {
      const a = allocLayerActs(c, L, N, 0);
      const kc = this.keys[row][l], vc = this.values[row][l];
      layerForward(c, L, a, x, cos, sin, (la) => {
        kvCacheWrite(kc, vc, la.kr, la.v, rowOf, pos, N, c.nKvHead, c.headDim, c.blockSize);
        gqaDecode(la.y, la.qr, kc, vc, rowOf, pos, N, c.nHead, c.nKvHead, c.headDim, c.blockSize, 1 / Math.sqrt(c.headDim));
      });
      x = a.res3;
    });
    this.lengths[row] = start + N;
    const lastRow = x.subarray((N - 1) * H, N * H);
    const logits = new Float32Array(c.vocabSize);
    headForward(c, this.net, new Float32Array(H), new Float32Array(1), logits, lastRow, 1);
    return logits;
  }

  async prefill(row: number, prompt: number[]): Promise<Float32Array> {
    const size = this.c.blockSize * this.c.nKvHead * this.c.headDim;
    this.keys[row] = Array.from({ length: this.c.nLayer }, () => new Float32Array(size));
    this.values[row] = Array.from({ length: this.c.nLayer }, () => new Float32Array(size));
    this.lengths[row] = 0;
    return this.run(row, prompt);
  }

  async step(rows: number[], tokens: number[]): Promise<Float32Array[]> {
    return rows.map((r, k) => this.run(r, [tokens[k]]));
  }
}
