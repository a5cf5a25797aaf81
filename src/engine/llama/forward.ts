// Exports: LayerActs / LlamaActs (everything the backward pass reads), allocLayerActs / allocActs,
// layerForward (one decoder layer for N tokens: input RMSNorm, q/k/v projections, Qwen3's per-head
// q_norm/k_norm, RoPE, attention through a callback (full causal GQA for training, the KV cache for
// decoding), o_proj, residual, post-attention RMSNorm, SwiGLU MLP, residual) and llamaForward (the
// whole model over B rows of T tokens at positions 0..T-1, to the logits), as transformers'
// LlamaModel / Qwen2Model / Qwen3Model in float32.
import type { LlamaConfig } from '../hf/config';
import type { LinearName } from '../hf/llama-params';
import { gqaForward, gqaShape } from '../kernels/gqa-attention';
import { matmulForwardNT } from '../kernels/matmul';
import { rmsnormForward } from '../kernels/rmsnorm';
import { ropeForward, ropeInvFreq, ropeTable } from '../kernels/rope';
import { swigluForward } from '../kernels/swiglu';
import { linearForward } from './linear';
import type { LayerNet, LlamaNet } from './net';

export interface LayerActs {
  N: number;
  /** the residual stream entering the layer (a reference, not a copy) */
  x: Float32Array;
  ln1: Float32Array; rstd1: Float32Array;
  q: Float32Array; k: Float32Array; v: Float32Array;
  /** after q_norm / k_norm (the same arrays as q, k without Qwen3's norms) */
  qn: Float32Array; kn: Float32Array; qRstd: Float32Array; kRstd: Float32Array;
  /** after RoPE */
  qr: Float32Array; kr: Float32Array;
  /** softmax probabilities [B, nHead, T, T] (training only) */
  att: Float32Array;
  y: Float32Array; o: Float32Array; res2: Float32Array;
  ln2: Float32Array; rstd2: Float32Array;
  gate: Float32Array; up: Float32Array; act: Float32Array; down: Float32Array; res3: Float32Array;
  /** x Aᵀ of each LoRA projection [N, r] */
  xa: Map<LinearName, Float32Array>;
}

export interface LlamaActs {
  B: number;
  T: number;
  embedded: Float32Array;
  layers: LayerActs[];
  lnf: Float32Array;
  rstdf: Float32Array;
  logits: Float32Array;
  probs: Float32Array;
  cos: Float32Array;
  sin: Float32Array;
}

export function allocLayerActs(c: LlamaConfig, net: LayerNet, N: number, attSize: number): LayerActs {
  const H = c.hiddenSize, I = c.intermediateSize, QD = c.nHead * c.headDim, KD = c.nKvHead * c.headDim;
  const f = (n: number) => new Float32Array(n);
  const q = f(N * QD), k = f(N * KD);
  const xa = new Map<LinearName, Float32Array>();
  for (const [name, lin] of Object.entries(net.lin) as [LinearName, LayerNet['lin'][LinearName]][]) if (lin.lora) xa.set(name, f(N * lin.lora.r));
  return {
    N, x: f(0), ln1: f(N * H), rstd1: f(N), q, k, v: f(N * KD),
    qn: c.qkNorm ? f(N * QD) : q, kn: c.qkNorm ? f(N * KD) : k, qRstd: f(c.qkNorm ? N * c.nHead : 0), kRstd: f(c.qkNorm ? N * c.nKvHead : 0),
    qr: f(N * QD), kr: f(N * KD), att: f(attSize), y: f(N * QD), o: f(N * H), res2: f(N * H),
    ln2: f(N * H), rstd2: f(N), gate: f(N * I), up: f(N * I), act: f(N * I), down: f(N * H), res3: f(N * H), xa,
  };
}

export function allocActs(c: LlamaConfig, net: LlamaNet, B: number, T: number): LlamaActs {
  const N = B * T;
  const H = c.hiddenSize;
  return {
    B, T, embedded: new Float32Array(N * H),
    layers: net.layers.map((ln) => allocLayerActs(c, ln, N, B * c.nHead * T * T)),
    lnf: new Float32Array(N * H), rstdf: new Float32Array(N),
    logits: new Float32Array(N * c.vocabSize), probs: new Float32Array(N * c.vocabSize),
    cos: new Float32Array(0), sin: new Float32Array(0),
  };
}

/** cos, sin [N, headDim/2] for the given positions. */
export function ropeFor(c: LlamaConfig, positions: ArrayLike<number>): { cos: Float32Array; sin: Float32Array } {
  return ropeTable(ropeInvFreq(c.headDim, c.ropeTheta, c.rope), positions);
}

export function embed(c: LlamaConfig, out: Float32Array, table: Float32Array, tokens: ArrayLike<number>): void {
  const H = c.hiddenSize;
  for (let n = 0; n < tokens.length; n++) out.set(table.subarray(tokens[n] * H, (tokens[n] + 1) * H), n * H);
}

/** One decoder layer; `attend` fills a.y [N, nHead*D] from a.qr, a.kr, a.v. */
export function layerForward(
  c: LlamaConfig, L: LayerNet, a: LayerActs, x: Float32Array, cos: Float32Array, sin: Float32Array,
  attend: (a: LayerActs) => void,
): void {
  const { N } = a;
  const H = c.hiddenSize, D = c.headDim, I = c.intermediateSize;
  const eps = c.rmsNormEps;
  a.x = x;
  rmsnormForward(a.ln1, a.rstd1, x, L.inNorm, N, H, eps);
  linearForward(L.lin.q_proj, a.q, a.ln1, a.xa.get('q_proj') ?? null, N);
  linearForward(L.lin.k_proj, a.k, a.ln1, a.xa.get('k_proj') ?? null, N);
  linearForward(L.lin.v_proj, a.v, a.ln1, a.xa.get('v_proj') ?? null, N);
  if (c.qkNorm) {
    rmsnormForward(a.qn, a.qRstd, a.q, L.qNorm!, N * c.nHead, D, eps);
    rmsnormForward(a.kn, a.kRstd, a.k, L.kNorm!, N * c.nKvHead, D, eps);
  }
  ropeForward(a.qr, a.qn, cos, sin, N, c.nHead, D);
  ropeForward(a.kr, a.kn, cos, sin, N, c.nKvHead, D);
  attend(a);
  linearForward(L.lin.o_proj, a.o, a.y, a.xa.get('o_proj') ?? null, N);
  for (let i = 0; i < N * H; i++) a.res2[i] = x[i] + a.o[i];
  rmsnormForward(a.ln2, a.rstd2, a.res2, L.postNorm, N, H, eps);
  linearForward(L.lin.gate_proj, a.gate, a.ln2, a.xa.get('gate_proj') ?? null, N);
  linearForward(L.lin.up_proj, a.up, a.ln2, a.xa.get('up_proj') ?? null, N);
  swigluForward(a.act, a.gate, a.up, N * I);
  linearForward(L.lin.down_proj, a.down, a.act, a.xa.get('down_proj') ?? null, N);
  for (let i = 0; i < N * H; i++) a.res3[i] = a.res2[i] + a.down[i];
}

/** Final RMSNorm and LM head for N rows of the residual stream. */
export function headForward(c: LlamaConfig, net: LlamaNet, lnf: Float32Array, rstdf: Float32Array, logits: Float32Array, res: Float32Array, N: number): void {
  rmsnormForward(lnf, rstdf, res, net.norm, N, c.hiddenSize, c.rmsNormEps);
  matmulForwardNT(logits, lnf, net.head, N, c.hiddenSize, c.vocabSize);
}

export function llamaForward(c: LlamaConfig, net: LlamaNet, acts: LlamaActs, tokens: Int32Array): void {
  const { B, T } = acts;
  const N = B * T;
  const positions = new Int32Array(N);
  for (let i = 0; i < N; i++) positions[i] = i % T;
  const { cos, sin } = ropeFor(c, positions);
  acts.cos = cos;
  acts.sin = sin;
  embed(c, acts.embedded, net.embed, tokens);
  const shape = gqaShape(B, T, c.nHead, c.nKvHead, c.headDim);
  let x = acts.embedded;
  net.layers.forEach((L, l) => {
    const a = acts.layers[l];
    layerForward(c, L, a, x, cos, sin, (la) => gqaForward(la.y, la.att, la.qr, la.kr, la.v, shape));
    x = a.res3;
  });
  headForward(c, net, acts.lnf, acts.rstdf, acts.logits, x, N);
}
