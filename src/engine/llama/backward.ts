// Exports: llamaBackward, the backward pass of llamaForward from d(loss)/d(logits) down to every
// trainable parameter (the net's non-null gradient views: the full model, or only LoRA matrices
// with the base frozen). ACCUMULATES into parameter gradients (zeroGrad clears them); activation
// gradients are fresh scratch.
import type { LlamaConfig } from '../hf/config';
import { gqaBackward, gqaShape } from '../kernels/gqa-attention';
import { matmulBackwardNT, matmulForward } from '../kernels/matmul';
import { rmsnormBackward } from '../kernels/rmsnorm';
import { ropeBackward } from '../kernels/rope';
import { swigluBackward } from '../kernels/swiglu';
import type { LlamaActs } from './forward';
import { linearBackward } from './linear';
import type { LlamaNet } from './net';

export function llamaBackward(c: LlamaConfig, net: LlamaNet, acts: LlamaActs, dlogits: Float32Array, tokens: Int32Array): void {
  const { B, T } = acts;
  const N = B * T;
  const H = c.hiddenSize, V = c.vocabSize, I = c.intermediateSize, D = c.headDim;
  const QD = c.nHead * D, KD = c.nKvHead * D;
  const f = (n: number) => new Float32Array(n);
  const sink = (n: number, g: Float32Array | null) => g ?? f(n); // frozen norm weights: gradient discarded

  // LM head and final norm
  const dlnf = f(N * H);
  if (net.dHead) matmulBackwardNT(dlnf, net.dHead, dlogits, acts.lnf, net.head, N, H, V);
  else matmulForward(dlnf, dlogits, net.head, null, N, V, H);
  const rows = net.tokenRows;
  if (rows?.grad && rows.tied) {
    // the head's share: d row_k += Σ_n dlogits[n, id_k] lnf[n]
    rows.ids.forEach((id, k) => {
      const g = rows.grad!.subarray(k * H, (k + 1) * H);
      for (let n = 0; n < N; n++) {
        const d = dlogits[n * V + id];
        if (d !== 0) for (let i = 0; i < H; i++) g[i] += d * acts.lnf[n * H + i];
      }
    });
  }
  let dres = f(N * H);
  const last = c.nLayer > 0 ? acts.layers[c.nLayer - 1].res3 : acts.embedded;
  rmsnormBackward(dres, sink(H, net.dNorm), dlnf, last, net.norm, acts.rstdf, N, H);

  const shape = gqaShape(B, T, c.nHead, c.nKvHead, D);
  for (let l = c.nLayer - 1; l >= 0; l--) {
    const L = net.layers[l];
    const a = acts.layers[l];
    const xa = (n: Parameters<typeof a.xa.get>[0]) => a.xa.get(n) ?? null;
    // res3 = res2 + down(swiglu(gate(ln2), up(ln2)))
    const dres2 = dres.slice();
    const dact = f(N * I);
    linearBackward(L.lin.down_proj, dact, dres, a.act, xa('down_proj'), N);
    const dgate = f(N * I), dup = f(N * I);
    swigluBackward(dgate, dup, dact, a.gate, a.up, N * I);
    const dln2 = f(N * H);
    linearBackward(L.lin.gate_proj, dln2, dgate, a.ln2, xa('gate_proj'), N);
    linearBackward(L.lin.up_proj, dln2, dup, a.ln2, xa('up_proj'), N);
    rmsnormBackward(dres2, sink(H, L.dPostNorm), dln2, a.res2, L.postNorm, a.rstd2, N, H);
    // res2 = x + o_proj(attention(rope(norm(q)), rope(norm(k)), v))
    const dx = dres2.slice();
    const dy = f(N * QD);
    linearBackward(L.lin.o_proj, dy, dres2, a.y, xa('o_proj'), N);
    const dqr = f(N * QD), dkr = f(N * KD), dv = f(N * KD);
    gqaBackward(dqr, dkr, dv, dy, a.qr, a.kr, a.v, a.att, shape);
    const dqn = f(N * QD), dkn = f(N * KD);
    ropeBackward(dqn, dqr, acts.cos, acts.sin, N, c.nHead, D);
    ropeBackward(dkn, dkr, acts.cos, acts.sin, N, c.nKvHead, D);
    let dq = dqn, dk = dkn;
    if (c.qkNorm) {
      dq = f(N * QD);
      dk = f(N * KD);
      rmsnormBackward(dq, sink(D, L.dqNorm), dqn, a.q, L.qNorm!, a.qRstd, N * c.nHead, D);
      rmsnormBackward(dk, sink(D, L.dkNorm), dkn, a.k, L.kNorm!, a.kRstd, N * c.nKvHead, D);
    }
    const dln1 = f(N * H);
    linearBackward(L.lin.q_proj, dln1, dq, a.ln1, xa('q_proj'), N);
    linearBackward(L.lin.k_proj, dln1, dk, a.ln1, xa('k_proj'), N);
    linearBackward(L.lin.v_proj, dln1, dv, a.ln1, xa('v_proj'), N);
    rmsnormBackward(dx, sink(H, L.dInNorm), dln1, a.x, L.inNorm, a.rstd1, N, H);
    dres = dx;
  }
  if (rows?.grad) {
    const index = new Map(rows.ids.map((id, k) => [id, k]));
    for (let n = 0; n < N; n++) {
      const k = index.get(tokens[n]);
      if (k === undefined) continue;
      for (let i = 0; i < H; i++) rows.grad[k * H + i] += dres[n * H + i];
    }
  }
  if (net.dEmbed) {
    for (let n = 0; n < N; n++) {
      const row = tokens[n] * H;
      for (let i = 0; i < H; i++) net.dEmbed[row + i] += dres[n * H + i];
    }
  }
}
