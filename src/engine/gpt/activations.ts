// Activations of one forward pass over a [B, T] batch, kept for the backward pass (llm.c's
// ActivationTensors), plus the scratch buffers of the backward pass. Allocated once per (B, T).
import type { GPTConfig } from '../model-api';

export interface LayerActs {
  ln1: Float32Array; ln1Mean: Float32Array; ln1Rstd: Float32Array; // [BT,C], [BT], [BT]
  qkv: Float32Array; // [BT,3C]
  atty: Float32Array; // [BT,C]
  preatt: Float32Array; att: Float32Array; // [B,NH,T,T]
  attproj: Float32Array; // [BT,C]
  residual2: Float32Array; // [BT,C]
  ln2: Float32Array; ln2Mean: Float32Array; ln2Rstd: Float32Array;
  fch: Float32Array; fchGelu: Float32Array; // [BT,4C]
  fcproj: Float32Array; // [BT,C]
  residual3: Float32Array; // [BT,C]
}

export interface Activations {
  B: number;
  T: number;
  encoded: Float32Array; // [BT,C]
  layers: LayerActs[];
  lnf: Float32Array; lnfMean: Float32Array; lnfRstd: Float32Array;
  logits: Float32Array; // [BT,V]
  probs: Float32Array; // [BT,V]
}

/** Gradient scratch for the backward pass; one set of per-layer buffers reused layer by layer. */
export interface GradActs {
  dresA: Float32Array; dresB: Float32Array; // residual stream, ping-pong [BT,C]
  dlnf: Float32Array; dlogits: Float32Array;
  dln1: Float32Array; dqkv: Float32Array; datty: Float32Array;
  dpreatt: Float32Array; datt: Float32Array;
  dattproj: Float32Array; dresidual2: Float32Array;
  dln2: Float32Array; dfch: Float32Array; dfchGelu: Float32Array; dfcproj: Float32Array;
}

export function allocActivations(config: GPTConfig, B: number, T: number): Activations {
  const { nEmbd: C, nHead: NH, vocabSize: V } = config;
  const BT = B * T;
  const f = (n: number) => new Float32Array(n);
  const layers: LayerActs[] = [];
  for (let l = 0; l < config.nLayer; l++) {
    layers.push({
      ln1: f(BT * C), ln1Mean: f(BT), ln1Rstd: f(BT),
      qkv: f(BT * 3 * C), atty: f(BT * C),
      preatt: f(B * NH * T * T), att: f(B * NH * T * T),
      attproj: f(BT * C), residual2: f(BT * C),
      ln2: f(BT * C), ln2Mean: f(BT), ln2Rstd: f(BT),
      fch: f(BT * 4 * C), fchGelu: f(BT * 4 * C),
      fcproj: f(BT * C), residual3: f(BT * C),
    });
  }
  return {
    B, T, encoded: f(BT * C), layers,
    lnf: f(BT * C), lnfMean: f(BT), lnfRstd: f(BT),
    logits: f(BT * V), probs: f(BT * V),
  };
}

export function allocGradActs(config: GPTConfig, B: number, T: number): GradActs {
  const { nEmbd: C, nHead: NH, vocabSize: V } = config;
  const BT = B * T;
  const f = (n: number) => new Float32Array(n);
  return {
    dresA: f(BT * C), dresB: f(BT * C), dlnf: f(BT * C), dlogits: f(BT * V),
    dln1: f(BT * C), dqkv: f(BT * 3 * C), datty: f(BT * C),
    dpreatt: f(B * NH * T * T), datt: f(B * NH * T * T),
    dattproj: f(BT * C), dresidual2: f(BT * C),
    dln2: f(BT * C), dfch: f(BT * 4 * C), dfchGelu: f(BT * 4 * C), dfcproj: f(BT * C),
  };
}
