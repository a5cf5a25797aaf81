// The GPT-2 backward pass on CPU, llm.c's gpt2_backward, from d(loss)/d(logits) (already in
// g.dlogits) down to every parameter. ACCUMULATES into the parameter gradients `dw` (zeroGrad
// clears them); the activation-gradient scratch in `g` is cleared here as it is used.
import type { GPTConfig } from '../model-api';
import { attentionBackward } from '../kernels/attention';
import { encoderBackward } from '../kernels/encoder';
import { geluBackward } from '../kernels/gelu';
import { layernormBackward } from '../kernels/layernorm';
import { matmulBackward, matmulBackwardNT } from '../kernels/matmul';
import { residualBackward } from '../kernels/residual';
import type { Activations, GradActs } from './activations';
import type { GptWeights } from './weights';

export function gptBackward(
  config: GPTConfig, w: GptWeights, dw: GptWeights, acts: Activations, g: GradActs, tokens: Int32Array,
): void {
  const { B, T } = acts;
  const { nEmbd: C, nHead: NH, vocabSize: V, nLayer: L } = config;
  const BT = B * T;
  g.dlnf.fill(0);
  matmulBackwardNT(g.dlnf, dw.wte, g.dlogits, acts.lnf, w.wte, BT, C, V);
  let dres = g.dresA; // gradient w.r.t. the residual stream entering ln_f
  let dprev = g.dresB;
  dres.fill(0);
  const lastResidual = L > 0 ? acts.layers[L - 1].residual3 : acts.encoded;
  layernormBackward(dres, dw.lnfw, dw.lnfb, g.dlnf, lastResidual, w.lnfw, acts.lnfMean, acts.lnfRstd, BT, C);
  for (let l = L - 1; l >= 0; l--) {
    const lw = w.layers[l];
    const ld = dw.layers[l];
    const a = acts.layers[l];
    const residual = l === 0 ? acts.encoded : acts.layers[l - 1].residual3;
    // residual3 = residual2 + fcproj
    g.dresidual2.fill(0);
    g.dfcproj.fill(0);
    residualBackward(g.dresidual2, g.dfcproj, dres, BT * C);
    g.dfchGelu.fill(0);
    matmulBackward(g.dfchGelu, ld.fcprojw, ld.fcprojb, g.dfcproj, a.fchGelu, lw.fcprojw, BT, 4 * C, C);
    g.dfch.fill(0);
    geluBackward(g.dfch, a.fch, g.dfchGelu, BT * 4 * C);
    g.dln2.fill(0);
    matmulBackward(g.dln2, ld.fcw, ld.fcb, g.dfch, a.ln2, lw.fcw, BT, C, 4 * C);
    layernormBackward(g.dresidual2, ld.ln2w, ld.ln2b, g.dln2, a.residual2, lw.ln2w, a.ln2Mean, a.ln2Rstd, BT, C);
    // residual2 = residual + attproj
    dprev.fill(0);
    g.dattproj.fill(0);
    residualBackward(dprev, g.dattproj, g.dresidual2, BT * C);
    g.datty.fill(0);
    matmulBackward(g.datty, ld.attprojw, ld.attprojb, g.dattproj, a.atty, lw.attprojw, BT, C, C);
    g.dqkv.fill(0);
    g.dpreatt.fill(0);
    g.datt.fill(0);
    attentionBackward(g.dqkv, g.dpreatt, g.datt, g.datty, a.qkv, a.att, B, T, C, NH);
    g.dln1.fill(0);
    matmulBackward(g.dln1, ld.qkvw, ld.qkvb, g.dqkv, a.ln1, lw.qkvw, BT, C, 3 * C);
    layernormBackward(dprev, ld.ln1w, ld.ln1b, g.dln1, residual, lw.ln1w, a.ln1Mean, a.ln1Rstd, BT, C);
    const t = dres;
    dres = dprev;
    dprev = t;
  }
  encoderBackward(dw.wte, dw.wpe, dres, tokens, B, T, C);
}
