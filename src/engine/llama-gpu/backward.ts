// Recording of the Llama-family backward pass on the GPU with the base frozen (as llama/backward.ts
// with only LoRA matrices trainable): from dlogits through the LM head, every layer in reverse, into
// the adapter's gradients (accumulated), and the trainable token rows' when given. No gradient of a base weight, norm weight or the embedding
// is computed. The residual-stream gradient dres is updated in place: each RMSNorm backward adds its
// share to it, which is the residual connection's sum.
import type { GpuContext } from '../backend/gpu-context';
import type { LlamaConfig } from '../hf/config';
import type { LinearName } from '../hf/llama-params';
import { gqaBackwardGpu } from '../kernels/gqa-attention.gpu';
import { gqaShape } from '../kernels/gqa-attention';
import { rmsnormBackwardGpu } from '../kernels/rmsnorm.gpu';
import { ropeBackwardGpu } from '../kernels/rope.gpu';
import { swigluBackwardGpu } from '../kernels/swiglu.gpu';
import { zeroFillGpu } from '../kernels/zero-fill.gpu';
import { gemmGpu } from '../kernels/matmul.gpu';
import embedBwd from '../kernels/encoder_backward_wte.wgsl?raw';
import type { GpuLlamaActs, GpuLlamaGradActs } from './activations';
import { rotatedQK, type LoraOf, type RopeTable } from './forward';
import { matBwdInput } from './gpu-matrix';
import { linearBwdGpu } from './linear-gpu';
import { tokenRowsGradGpu, tokenRowsHeadDxGpu, type GpuTokenRows } from './token-rows/token-rows-gpu';
import type { GpuLlamaWeights } from './weights';

/**
 * g.dlogits holds d loss / d logits [N, V]. `dw` (full fine-tuning): gradient views of every
 * parameter, accumulated into (the tied embedding gets the LM head's share and the rows' scatter).
 */
export function recordBackward(
  ctx: GpuContext, pass: GPUComputePassEncoder, c: LlamaConfig, w: GpuLlamaWeights, loraOf: LoraOf, acts: GpuLlamaActs, g: GpuLlamaGradActs, rope: RopeTable,
  dw: GpuLlamaWeights | null = null, tokenRows: GpuTokenRows | null = null,
): void {
  const { B, T, N } = acts;
  const H = c.hiddenSize, D = c.headDim, QD = c.nHead * D, KD = c.nKvHead * D;
  const shape = gqaShape(B, T, c.nHead, c.nKvHead, D);
  // LM head (frozen) and final norm: dres = rmsnorm'(dlnf)
  matBwdInput(ctx, pass, w.head, g.dln, g.dlogits, N, false);
  if (tokenRows) tokenRowsHeadDxGpu(ctx, pass, tokenRows, g.dln, g.dlogits, N, H, c.vocabSize);
  if (dw) gemmGpu(ctx, pass, dw.head.f32!, g.dlogits, acts.lnf, { M: c.vocabSize, N: H, K: N, transA: true, transB: false, accumulate: true });
  zeroFillGpu(ctx, pass, g.dres, N * H);
  const last = c.nLayer > 0 ? acts.layers[c.nLayer - 1].res3 : acts.embedded;
  rmsnormBackwardGpu(ctx, pass, g.dres, dw?.norm ?? null, g.dln, last, w.norm, acts.rstdf, N, H);
  for (let l = c.nLayer - 1; l >= 0; l--) {
    const L = w.layers[l];
    const D_ = dw?.layers[l] ?? null;
    const a = acts.layers[l];
    const x = l > 0 ? acts.layers[l - 1].res3 : acts.embedded;
    const lin = (name: LinearName, dx: GPUBuffer, dy: GPUBuffer, inp: GPUBuffer, accumulate: boolean) =>
      linearBwdGpu(ctx, pass, L.lin[name], loraOf(l, name), dx, dy, inp, a.xa.get(name) ?? null, g.dxa, N, accumulate, D_?.lin[name] ?? null);
    // MLP: res3 = res2 + down(swiglu(gate(ln2), up(ln2)))
    lin('down_proj', g.dact, g.dres, a.act, false);
    swigluBackwardGpu(ctx, pass, g.dgate, g.dup, g.dact, a.gate, a.up, N * c.intermediateSize);
    lin('gate_proj', g.dln, g.dgate, a.ln2, false);
    lin('up_proj', g.dln, g.dup, a.ln2, true);
    rmsnormBackwardGpu(ctx, pass, g.dres, D_?.postNorm ?? null, g.dln, a.res2, L.postNorm, a.rstd2, N, H);
    // attention: res2 = x + o_proj(attn(rope(norm(q)), rope(norm(k)), v))
    lin('o_proj', g.dy, g.dres, a.y, false);
    const { qr, kr } = rotatedQK(c, a);
    const dqr = c.qkNorm ? g.dqn! : g.dq, dkr = c.qkNorm ? g.dkn! : g.dk;
    zeroFillGpu(ctx, pass, dqr, N * QD);
    zeroFillGpu(ctx, pass, dkr, N * KD);
    zeroFillGpu(ctx, pass, g.dv, N * KD);
    gqaBackwardGpu(ctx, pass, dqr, dkr, g.dv, g.datt, g.dy, qr, kr, a.v, a.att!, shape);
    ropeBackwardGpu(ctx, pass, dqr, rope.cos, rope.sin, acts.pos, N, c.nHead, D);
    ropeBackwardGpu(ctx, pass, dkr, rope.cos, rope.sin, acts.pos, N, c.nKvHead, D);
    if (c.qkNorm) {
      zeroFillGpu(ctx, pass, g.dq, N * QD);
      zeroFillGpu(ctx, pass, g.dk, N * KD);
      rmsnormBackwardGpu(ctx, pass, g.dq, D_?.qNorm ?? null, dqr, a.q, L.qNorm!, a.qRstd!, N * c.nHead, D);
      rmsnormBackwardGpu(ctx, pass, g.dk, D_?.kNorm ?? null, dkr, a.k, L.kNorm!, a.kRstd!, N * c.nKvHead, D);
    }
    lin('q_proj', g.dln, g.dq, a.ln1, false);
    lin('k_proj', g.dln, g.dk, a.ln1, true);
    lin('v_proj', g.dln, g.dv, a.ln1, true);
    rmsnormBackwardGpu(ctx, pass, g.dres, D_?.inNorm ?? null, g.dln, x, L.inNorm, a.rstd1, N, H);
  }
  // the embedding rows of the batch's tokens (one thread per channel walks the rows: no races)
  if (tokenRows?.grad) tokenRowsGradGpu(ctx, pass, tokenRows, g.dlogits, acts.lnf, g.dres, acts.tokens, N, H, c.vocabSize);
  if (dw) ctx.dispatch(pass, embedBwd, [ctx.params([N, H]), dw.embed.f32!, g.dres, acts.tokens], [Math.ceil(H / 64)]);
}
