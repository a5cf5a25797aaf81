// GPU activations of one forward pass over a [B, T] batch (llm.c's ActivationTensors) and the
// backward pass's gradient scratch. Allocated once per (B, T) and reused every step; released as a
// whole when the shape changes or the model is destroyed.
import type { GpuContext } from '../backend/gpu-context';
import type { GPTConfig } from '../model-api';

export interface GpuLayerActs {
  ln1: GPUBuffer; ln1Mean: GPUBuffer; ln1Rstd: GPUBuffer; qkv: GPUBuffer; atty: GPUBuffer;
  preatt: GPUBuffer; att: GPUBuffer; attproj: GPUBuffer; residual2: GPUBuffer;
  ln2: GPUBuffer; ln2Mean: GPUBuffer; ln2Rstd: GPUBuffer; fch: GPUBuffer; fchGelu: GPUBuffer;
  fcproj: GPUBuffer; residual3: GPUBuffer;
}

export interface GpuActivations {
  B: number;
  T: number;
  tokens: GPUBuffer; targets: GPUBuffer; // i32 [BT]
  encoded: GPUBuffer;
  layers: GpuLayerActs[];
  lnf: GPUBuffer; lnfMean: GPUBuffer; lnfRstd: GPUBuffer;
  logits: GPUBuffer; probs: GPUBuffer; // [BT, V]
  logprobs: GPUBuffer; entropy: GPUBuffer; // [BT]
}

/** Backward scratch, shared by all layers (each is rewritten or zeroed before use). */
export interface GpuGradActs {
  dlogprobs: GPUBuffer; dentropy: GPUBuffer; dlogits: GPUBuffer; dlnf: GPUBuffer;
  dres: GPUBuffer; dfchGelu: GPUBuffer; dfch: GPUBuffer; dln2: GPUBuffer; datty: GPUBuffer;
  dqkv: GPUBuffer; dpreatt: GPUBuffer; datt: GPUBuffer; dln1: GPUBuffer;
}

export function allocGpuActivations(ctx: GpuContext, config: GPTConfig, B: number, T: number): GpuActivations {
  const { nEmbd: C, nHead: NH, vocabSize: V } = config;
  const BT = B * T;
  const f = (n: number, label: string) => ctx.storage(n * 4, label);
  const layers: GpuLayerActs[] = [];
  for (let l = 0; l < config.nLayer; l++) {
    layers.push({
      ln1: f(BT * C, 'ln1'), ln1Mean: f(BT, 'ln1Mean'), ln1Rstd: f(BT, 'ln1Rstd'), qkv: f(BT * 3 * C, 'qkv'),
      atty: f(BT * C, 'atty'), preatt: f(B * NH * T * T, 'preatt'), att: f(B * NH * T * T, 'att'),
      attproj: f(BT * C, 'attproj'), residual2: f(BT * C, 'residual2'), ln2: f(BT * C, 'ln2'),
      ln2Mean: f(BT, 'ln2Mean'), ln2Rstd: f(BT, 'ln2Rstd'), fch: f(BT * 4 * C, 'fch'), fchGelu: f(BT * 4 * C, 'fchGelu'),
      fcproj: f(BT * C, 'fcproj'), residual3: f(BT * C, 'residual3'),
    });
  }
  return {
    B, T, tokens: f(BT, 'tokens'), targets: f(BT, 'targets'), encoded: f(BT * C, 'encoded'), layers,
    lnf: f(BT * C, 'lnf'), lnfMean: f(BT, 'lnfMean'), lnfRstd: f(BT, 'lnfRstd'),
    logits: f(BT * V, 'logits'), probs: f(BT * V, 'probs'), logprobs: f(BT, 'logprobs'), entropy: f(BT, 'entropy'),
  };
}

export function allocGpuGradActs(ctx: GpuContext, config: GPTConfig, B: number, T: number): GpuGradActs {
  const { nEmbd: C, nHead: NH, vocabSize: V } = config;
  const BT = B * T;
  const f = (n: number, label: string) => ctx.storage(n * 4, label);
  return {
    dlogprobs: f(BT, 'dlogprobs'), dentropy: f(BT, 'dentropy'), dlogits: f(BT * V, 'dlogits'), dlnf: f(BT * C, 'dlnf'),
    dres: f(BT * C, 'dres'), dfchGelu: f(BT * 4 * C, 'dfchGelu'), dfch: f(BT * 4 * C, 'dfch'), dln2: f(BT * C, 'dln2'),
    datty: f(BT * C, 'datty'), dqkv: f(BT * 3 * C, 'dqkv'), dpreatt: f(B * NH * T * T, 'dpreatt'), datt: f(B * NH * T * T, 'datt'),
    dln1: f(BT * C, 'dln1'),
  };
}

/** Destroys every buffer of an activation or gradient set. */
export function releaseAll(ctx: GpuContext, set: object): void {
  for (const v of Object.values(set)) {
    if (Array.isArray(v)) v.forEach((x) => releaseAll(ctx, x));
    else if (v && typeof v === 'object' && 'destroy' in v) ctx.release(v as GPUBuffer);
  }
}
