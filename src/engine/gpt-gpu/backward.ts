// The GPT-2 backward pass on the GPU (llm.c's gpt2_backward) from d(loss)/d(logprob) and
// d(loss)/d(entropy) per token, as one sequence of dispatches in a single compute pass. Parameter
// gradients ACCUMULATE into the flat gradient buffer (same semantics as the CPU model). The residual
// stream's gradient lives in one buffer `dres`: the residual adds pass it through unchanged, and each
// LayerNorm backward adds its input gradient into it (llm.c's CUDA trick), so no copies are needed.
import type { GpuContext } from '../backend/gpu-context';
import type { GPTConfig } from '../model-api';
import { attentionBackwardGpu } from '../kernels/attention.gpu';
import { encoderBackwardGpu } from '../kernels/encoder.gpu';
import { geluBackwardGpu } from '../kernels/gelu.gpu';
import { layernormBackwardGpu } from '../kernels/layernorm.gpu';
import { logprobsBackwardGpu } from '../kernels/logprobs.gpu';
import { matmulBackwardGpu, matmulBackwardNTGpu } from '../kernels/matmul.gpu';
import { zeroFillGpu } from '../kernels/zero-fill.gpu';
import type { GpuActivations, GpuGradActs } from './activations';
import type { GpuWeights } from './weights';

export function recordBackward(
  ctx: GpuContext, pass: GPUComputePassEncoder, config: GPTConfig, w: GpuWeights, dw: GpuWeights,
  a: GpuActivations, g: GpuGradActs, withEntropy: boolean, invT = 1,
): void {
  const { B, T } = a;
  const { nEmbd: C, nHead: NH, vocabSize: V } = config;
  const BT = B * T;
  logprobsBackwardGpu(ctx, pass, g.dlogits, g.dlogprobs, withEntropy ? g.dentropy : null, a.probs, a.targets, BT, V, invT);
  matmulBackwardNTGpu(ctx, pass, g.dlnf, dw.wte, g.dlogits, a.lnf, w.wte, BT, C, V, false);
  zeroFillGpu(ctx, pass, g.dres, BT * C);
  const last = config.nLayer > 0 ? a.layers[config.nLayer - 1].residual3 : a.encoded;
  layernormBackwardGpu(ctx, pass, g.dres, dw.lnfw, dw.lnfb, g.dlnf, last, w.lnfw, a.lnfMean, a.lnfRstd, BT, C);
  for (let l = config.nLayer - 1; l >= 0; l--) {
    const lw = w.layers[l];
    const ldw = dw.layers[l];
    const L = a.layers[l];
    const residualIn = l === 0 ? a.encoded : a.layers[l - 1].residual3;
    // MLP: residual3 = residual2 + c_proj(gelu(c_fc(ln_2(residual2))))
    matmulBackwardGpu(ctx, pass, g.dfchGelu, ldw.fcprojw, ldw.fcprojb, g.dres, L.fchGelu, lw.fcprojw, BT, 4 * C, C, false);
    zeroFillGpu(ctx, pass, g.dfch, BT * 4 * C);
    geluBackwardGpu(ctx, pass, g.dfch, L.fch, g.dfchGelu, BT * 4 * C);
    matmulBackwardGpu(ctx, pass, g.dln2, ldw.fcw, ldw.fcb, g.dfch, L.ln2, lw.fcw, BT, C, 4 * C, false);
    layernormBackwardGpu(ctx, pass, g.dres, ldw.ln2w, ldw.ln2b, g.dln2, L.residual2, lw.ln2w, L.ln2Mean, L.ln2Rstd, BT, C);
    // attention: residual2 = residualIn + c_proj(attention(c_attn(ln_1(residualIn))))
    matmulBackwardGpu(ctx, pass, g.datty, ldw.attprojw, ldw.attprojb, g.dres, L.atty, lw.attprojw, BT, C, C, false);
    zeroFillGpu(ctx, pass, g.dqkv, BT * 3 * C);
    zeroFillGpu(ctx, pass, g.dpreatt, B * NH * T * T);
    zeroFillGpu(ctx, pass, g.datt, B * NH * T * T);
    attentionBackwardGpu(ctx, pass, g.dqkv, g.dpreatt, g.datt, g.datty, L.qkv, L.att, B, T, C, NH);
    matmulBackwardGpu(ctx, pass, g.dln1, ldw.qkvw, ldw.qkvb, g.dqkv, L.ln1, lw.qkvw, BT, C, 3 * C, false);
    layernormBackwardGpu(ctx, pass, g.dres, ldw.ln1w, ldw.ln1b, g.dln1, residualIn, lw.ln1w, L.ln1Mean, L.ln1Rstd, BT, C);
  }
  encoderBackwardGpu(ctx, pass, dw.wte, dw.wpe, g.dres, a.tokens, B, T, C);
}
