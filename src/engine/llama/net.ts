// Exports: LlamaNet / LayerNet (a Llama-family model as the forward and backward passes see it:
// parameter views, their gradient views (null where frozen) and the seven projections as Linears
// with optional LoRA) and buildNet (assembles one from weight views, optional full-model gradient
// views and an optional adapter).
import type { LlamaConfig } from '../hf/config';
import type { LinearName } from '../hf/llama-params';
import { linearShape } from '../hf/llama-params';
import type { Linear } from './linear';
import type { LoraViews } from './lora';
import type { LinearParams, LlamaWeights } from './weights';

export interface LayerNet {
  inNorm: Float32Array;
  dInNorm: Float32Array | null;
  qNorm: Float32Array | null;
  dqNorm: Float32Array | null;
  kNorm: Float32Array | null;
  dkNorm: Float32Array | null;
  postNorm: Float32Array;
  dPostNorm: Float32Array | null;
  lin: Record<LinearName, Linear>;
}

export interface LlamaNet {
  embed: Float32Array;
  dEmbed: Float32Array | null;
  layers: LayerNet[];
  norm: Float32Array;
  dNorm: Float32Array | null;
  head: Float32Array;
  dHead: Float32Array | null;
  /**
   * trainable token rows (base frozen): their values live in the embedding (and the tied head);
   * grad [n, hidden] receives d(loss)/d(row) through the embedding and, when tied, the head
   */
  tokenRows: { ids: number[]; grad: Float32Array | null; tied: boolean } | null;
}

export interface AdapterViews {
  r: number;
  scale: number;
  params: LoraViews;
  grads: LoraViews | null;
  tokenIds?: number[];
  tokenGrad?: Float32Array | null;
}

const KEY: Record<LinearName, keyof Pick<LlamaWeights['layers'][number], 'q' | 'k' | 'v' | 'o' | 'gate' | 'up' | 'down'>> = {
  q_proj: 'q', k_proj: 'k', v_proj: 'v', o_proj: 'o', gate_proj: 'gate', up_proj: 'up', down_proj: 'down',
};

export function buildNet(c: LlamaConfig, w: LlamaWeights, dw: LlamaWeights | null, adapter: AdapterViews | null): LlamaNet {
  const layers = w.layers.map((lw, l) => {
    const ld = dw ? dw.layers[l] : null;
    const lin = {} as Record<LinearName, Linear>;
    for (const name of Object.keys(KEY) as LinearName[]) {
      const p: LinearParams = lw[KEY[name]];
      const g: LinearParams | null = ld ? ld[KEY[name]] : null;
      const [outDim, inDim] = linearShape(c, name);
      const pair = adapter?.params[l].get(name);
      const gpair = adapter?.grads?.[l].get(name);
      lin[name] = {
        inDim, outDim, w: p.w, b: p.b, dw: g?.w ?? null, db: g?.b ?? null,
        lora: pair ? { a: pair.a, b: pair.b, r: adapter!.r, scale: adapter!.scale, da: gpair?.a ?? null, dB: gpair?.b ?? null } : null,
      };
    }
    return {
      inNorm: lw.inNorm, dInNorm: ld?.inNorm ?? null,
      qNorm: lw.qNorm, dqNorm: ld?.qNorm ?? null,
      kNorm: lw.kNorm, dkNorm: ld?.kNorm ?? null,
      postNorm: lw.postNorm, dPostNorm: ld?.postNorm ?? null,
      lin,
    };
  });
  return {
    embed: w.embed, dEmbed: dw?.embed ?? null, layers,
    norm: w.norm, dNorm: dw?.norm ?? null,
    head: w.head, dHead: dw?.head ?? null,
    tokenRows: adapter?.tokenIds && adapter.tokenIds.length > 0 ? { ids: adapter.tokenIds, grad: adapter.tokenGrad ?? null, tied: c.tieWordEmbeddings } : null,
  };
}
