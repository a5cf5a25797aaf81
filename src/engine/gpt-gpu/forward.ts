// The GPT-2 forward pass on the GPU as one sequence of dispatches in a single compute pass, the same
// steps as gpt/forward.ts (llm.c's gpt2_forward): embedding, per layer (ln_1, c_attn, attention,
// c_proj, residual, ln_2, c_fc, gelu, c_proj, residual), ln_f, tied LM head, then optionally the
// per-token log-probabilities and entropies.
import type { GpuContext } from '../backend/gpu-context';
import type { GPTConfig } from '../model-api';
import { attentionForwardGpu } from '../kernels/attention.gpu';
import { encoderForwardGpu } from '../kernels/encoder.gpu';
import { geluForwardGpu } from '../kernels/gelu.gpu';
import { layernormForwardGpu } from '../kernels/layernorm.gpu';
import { logprobsForwardGpu } from '../kernels/logprobs.gpu';
import { matmulForwardGpu, matmulForwardNTGpu } from '../kernels/matmul.gpu';
import { residualForwardGpu } from '../kernels/residual.gpu';
import type { GpuActivations } from './activations';
import type { GpuWeights } from './weights';

export function recordForward(ctx: GpuContext, pass: GPUComputePassEncoder, config: GPTConfig, w: GpuWeights, a: GpuActivations, withLogprobs: boolean, invT = 1): void {
  const { B, T } = a;
  const { nEmbd: C, nHead: NH, vocabSize: V } = config;
  const eps = config.layerNormEps ?? 1e-5;
  const BT = B * T;
  encoderForwardGpu(ctx, pass, a.encoded, a.tokens, w.wte, w.wpe, B, T, C);
  let residual = a.encoded;
  for (let l = 0; l < config.nLayer; l++) {
    const lw = w.layers[l];
    const L = a.layers[l];
    layernormForwardGpu(ctx, pass, L.ln1, L.ln1Mean, L.ln1Rstd, residual, lw.ln1w, lw.ln1b, BT, C, eps);
    matmulForwardGpu(ctx, pass, L.qkv, L.ln1, lw.qkvw, lw.qkvb, BT, C, 3 * C);
    attentionForwardGpu(ctx, pass, L.atty, L.preatt, L.att, L.qkv, B, T, C, NH);
    matmulForwardGpu(ctx, pass, L.attproj, L.atty, lw.attprojw, lw.attprojb, BT, C, C);
    residualForwardGpu(ctx, pass, L.residual2, residual, L.attproj, BT * C);
    layernormForwardGpu(ctx, pass, L.ln2, L.ln2Mean, L.ln2Rstd, L.residual2, lw.ln2w, lw.ln2b, BT, C, eps);
    matmulForwardGpu(ctx, pass, L.fch, L.ln2, lw.fcw, lw.fcb, BT, C, 4 * C);
    geluForwardGpu(ctx, pass, L.fchGelu, L.fch, BT * 4 * C);
    matmulForwardGpu(ctx, pass, L.fcproj, L.fchGelu, lw.fcprojw, lw.fcprojb, BT, 4 * C, C);
    residualForwardGpu(ctx, pass, L.residual3, L.residual2, L.fcproj, BT * C);
    residual = L.residual3;
  }
  layernormForwardGpu(ctx, pass, a.lnf, a.lnfMean, a.lnfRstd, residual, w.lnfw, w.lnfb, BT, C, eps);
  matmulForwardNTGpu(ctx, pass, a.logits, a.lnf, w.wte, BT, C, V);
  if (withLogprobs) logprobsForwardGpu(ctx, pass, a.logprobs, a.entropy, a.probs, a.logits, a.targets, BT, V, invT);
}
