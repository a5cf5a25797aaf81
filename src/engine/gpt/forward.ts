// The GPT-2 forward pass on CPU, llm.c's gpt2_forward: embedding, per layer (ln_1, c_attn,
// attention, c_proj, residual, ln_2, c_fc, gelu, c_proj, residual), ln_f, tied LM head.
// Fills every activation the backward pass needs and the logits.
import type { GPTConfig } from '../model-api';
import { attentionForward } from '../kernels/attention';
import { encoderForward } from '../kernels/encoder';
import { geluForward } from '../kernels/gelu';
import { layernormForward } from '../kernels/layernorm';
import { matmulForward, matmulForwardNT } from '../kernels/matmul';
import { residualForward } from '../kernels/residual';
import type { Activations } from './activations';
import type { GptWeights } from './weights';
import { checkTokenBatch } from '../token-check';

export function checkTokens(config: GPTConfig, tokens: Int32Array, B: number, T: number): void {
  checkTokenBatch(tokens, B, T, config.vocabSize, config.blockSize, 'the block size');
}

export function gptForward(config: GPTConfig, w: GptWeights, acts: Activations, tokens: Int32Array): void {
  const { B, T } = acts;
  const { nEmbd: C, nHead: NH, vocabSize: V } = config;
  const eps = config.layerNormEps ?? 1e-5;
  const BT = B * T;
  encoderForward(acts.encoded, tokens, w.wte, w.wpe, B, T, C);
  let residual = acts.encoded;
  for (let l = 0; l < config.nLayer; l++) {
    const lw = w.layers[l];
    const a = acts.layers[l];
    layernormForward(a.ln1, a.ln1Mean, a.ln1Rstd, residual, lw.ln1w, lw.ln1b, BT, C, eps);
    matmulForward(a.qkv, a.ln1, lw.qkvw, lw.qkvb, BT, C, 3 * C);
    attentionForward(a.atty, a.preatt, a.att, a.qkv, B, T, C, NH);
    matmulForward(a.attproj, a.atty, lw.attprojw, lw.attprojb, BT, C, C);
    residualForward(a.residual2, residual, a.attproj, BT * C);
    layernormForward(a.ln2, a.ln2Mean, a.ln2Rstd, a.residual2, lw.ln2w, lw.ln2b, BT, C, eps);
    matmulForward(a.fch, a.ln2, lw.fcw, lw.fcb, BT, C, 4 * C);
    geluForward(a.fchGelu, a.fch, BT * 4 * C);
    matmulForward(a.fcproj, a.fchGelu, lw.fcprojw, lw.fcprojb, BT, 4 * C, C);
    residualForward(a.residual3, a.residual2, a.fcproj, BT * C);
    residual = a.residual3;
  }
  layernormForward(acts.lnf, acts.lnfMean, acts.lnfRstd, residual, w.lnfw, w.lnfb, BT, C, eps);
  matmulForwardNT(acts.logits, acts.lnf, w.wte, BT, C, V);
}
