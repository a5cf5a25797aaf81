// GPU buffers of one Llama-family forward (and backward) over N = B*T tokens: per-layer
// activations the backward pass reads, shared scratch, and gradient scratch (allocated with the first
// backward). Every buffer is registered in `all` so release frees each exactly once.
import type { GpuContext } from '../backend/gpu-context';
import type { LlamaConfig } from '../hf/config';
import type { LinearName } from '../hf/llama-params';

export interface GpuLayerActs {
  ln1: GPUBuffer; rstd1: GPUBuffer;
  q: GPUBuffer; k: GPUBuffer; v: GPUBuffer;
  /** Qwen3: q_norm / k_norm outputs and their rstd (null otherwise) */
  qn: GPUBuffer | null; kn: GPUBuffer | null; qRstd: GPUBuffer | null; kRstd: GPUBuffer | null;
  /** attention probabilities [B, nHead, T, T] (training) */
  att: GPUBuffer | null;
  y: GPUBuffer; res2: GPUBuffer; ln2: GPUBuffer; rstd2: GPUBuffer;
  gate: GPUBuffer; up: GPUBuffer; act: GPUBuffer; res3: GPUBuffer;
  xa: Map<LinearName, GPUBuffer>;
}

export interface GpuLlamaActs {
  B: number;
  T: number;
  N: number;
  tokens: GPUBuffer; pos: GPUBuffer; rowOf: GPUBuffer;
  embedded: GPUBuffer;
  layers: GpuLayerActs[];
  /** o_proj / down_proj output before the residual add */
  scratchH: GPUBuffer;
  lnf: GPUBuffer; rstdf: GPUBuffer;
  /** logits rows: N in training, 1 per call in decoding */
  logits: GPUBuffer;
  all: GPUBuffer[];
}

export interface GpuLlamaGradActs {
  targets: GPUBuffer; probs: GPUBuffer; logprobs: GPUBuffer; entropy: GPUBuffer;
  dlogprobs: GPUBuffer; dentropy: GPUBuffer; dlogits: GPUBuffer;
  dres: GPUBuffer; dln: GPUBuffer; dy: GPUBuffer;
  dact: GPUBuffer; dgate: GPUBuffer; dup: GPUBuffer;
  dq: GPUBuffer; dk: GPUBuffer; dv: GPUBuffer; dqn: GPUBuffer | null; dkn: GPUBuffer | null;
  datt: GPUBuffer; dxa: GPUBuffer | null;
  all: GPUBuffer[];
}

function maker(ctx: GpuContext, all: GPUBuffer[]) {
  return (floats: number, label: string) => {
    const b = ctx.storage(Math.max(floats, 1) * 4, label);
    all.push(b);
    return b;
  };
}

/**
 * `loraR`: rank per LoRA projection; `training` keeps att; `logitRows`: N or 1 (decoding).
 * `heldLayers`: how many layers' buffers are made; layer l uses set l % heldLayers. A forward with no
 * backward (decoding) needs 2: each layer reads the previous one's output and writes the other set.
 */
export function allocLlamaActs(ctx: GpuContext, c: LlamaConfig, B: number, T: number, loraTargets: LinearName[], loraR: number, training: boolean, logitRows: number, heldLayers = c.nLayer): GpuLlamaActs {
  const all: GPUBuffer[] = [];
  const f = maker(ctx, all);
  const N = B * T, H = c.hiddenSize, I = c.intermediateSize, QD = c.nHead * c.headDim, KD = c.nKvHead * c.headDim;
  const sets = Array.from({ length: Math.min(heldLayers, c.nLayer) }, (_, l): GpuLayerActs => ({
    ln1: f(N * H, `l${l}.ln1`), rstd1: f(N, 'rstd1'),
    q: f(N * QD, 'q'), k: f(N * KD, 'k'), v: f(N * KD, 'v'),
    qn: c.qkNorm ? f(N * QD, 'qn') : null, kn: c.qkNorm ? f(N * KD, 'kn') : null,
    qRstd: c.qkNorm ? f(N * c.nHead, 'qRstd') : null, kRstd: c.qkNorm ? f(N * c.nKvHead, 'kRstd') : null,
    att: training ? f(B * c.nHead * T * T, 'att') : null,
    y: f(N * QD, 'y'), res2: f(N * H, 'res2'), ln2: f(N * H, 'ln2'), rstd2: f(N, 'rstd2'),
    gate: f(N * I, 'gate'), up: f(N * I, 'up'), act: f(N * I, 'act'), res3: f(N * H, 'res3'),
    xa: new Map(loraTargets.map((t) => [t, f(N * loraR, `xa ${t}`)])),
  }));
  const layers = Array.from({ length: c.nLayer }, (_, l) => sets[l % sets.length]);
  return {
    B, T, N,
    tokens: f(N, 'tokens'), pos: f(N, 'pos'), rowOf: f(N, 'rowOf'),
    embedded: f(N * H, 'embedded'), layers, scratchH: f(N * H, 'o/down'),
    lnf: f(N * H, 'lnf'), rstdf: f(N, 'rstdf'), logits: f(logitRows * c.vocabSize, 'logits'), all,
  };
}

export function allocLlamaGradActs(ctx: GpuContext, c: LlamaConfig, B: number, T: number, loraR: number): GpuLlamaGradActs {
  const all: GPUBuffer[] = [];
  const f = maker(ctx, all);
  const N = B * T, H = c.hiddenSize, I = c.intermediateSize, QD = c.nHead * c.headDim, KD = c.nKvHead * c.headDim, V = c.vocabSize;
  return {
    targets: f(N, 'targets'), probs: f(N * V, 'probs'), logprobs: f(N, 'logprobs'), entropy: f(N, 'entropy'),
    dlogprobs: f(N, 'dlogprobs'), dentropy: f(N, 'dentropy'), dlogits: f(N * V, 'dlogits'),
    dres: f(N * H, 'dres'), dln: f(N * H, 'dln'), dy: f(N * QD, 'dy'),
    dact: f(N * I, 'dact'), dgate: f(N * I, 'dgate'), dup: f(N * I, 'dup'),
    dq: f(N * QD, 'dq'), dk: f(N * KD, 'dk'), dv: f(N * KD, 'dv'),
    dqn: c.qkNorm ? f(N * QD, 'dqn') : null, dkn: c.qkNorm ? f(N * KD, 'dkn') : null,
    datt: f(B * c.nHead * T * T, 'datt'), dxa: loraR > 0 ? f(N * loraR, 'dxa') : null, all,
  };
}

export function releaseBuffers(ctx: GpuContext, set: { all: GPUBuffer[] } | null): void {
  if (!set) return;
  for (const b of set.all) ctx.release(b);
  set.all.length = 0;
}
