// Per-tensor views into the flat llm.c-style parameter (or gradient) buffer, grouped the way the
// forward and backward passes use them. The same structure serves weights and their gradients.
import type { GPTConfig } from '../model-api';
import { paramTable } from './params';

export interface LayerWeights {
  ln1w: Float32Array; ln1b: Float32Array;
  qkvw: Float32Array; qkvb: Float32Array;
  attprojw: Float32Array; attprojb: Float32Array;
  ln2w: Float32Array; ln2b: Float32Array;
  fcw: Float32Array; fcb: Float32Array;
  fcprojw: Float32Array; fcprojb: Float32Array;
}

export interface GptWeights {
  wte: Float32Array;
  wpe: Float32Array;
  layers: LayerWeights[];
  lnfw: Float32Array;
  lnfb: Float32Array;
}

const LAYER_KEYS: [keyof LayerWeights, string][] = [
  ['ln1w', 'ln_1.weight'], ['ln1b', 'ln_1.bias'],
  ['qkvw', 'attn.c_attn.weight'], ['qkvb', 'attn.c_attn.bias'],
  ['attprojw', 'attn.c_proj.weight'], ['attprojb', 'attn.c_proj.bias'],
  ['ln2w', 'ln_2.weight'], ['ln2b', 'ln_2.bias'],
  ['fcw', 'mlp.c_fc.weight'], ['fcb', 'mlp.c_fc.bias'],
  ['fcprojw', 'mlp.c_proj.weight'], ['fcprojb', 'mlp.c_proj.bias'],
];

export function weightViews(config: GPTConfig, flat: Float32Array): GptWeights {
  const byName = new Map<string, Float32Array>();
  for (const e of paramTable(config)) byName.set(e.name, flat.subarray(e.offset, e.offset + e.size));
  const get = (n: string) => byName.get(n)!;
  const layers: LayerWeights[] = [];
  for (let l = 0; l < config.nLayer; l++) {
    const lw = {} as LayerWeights;
    for (const [key, suffix] of LAYER_KEYS) lw[key] = get(`transformer.h.${l}.${suffix}`);
    layers.push(lw);
  }
  return {
    wte: get('transformer.wte.weight'),
    wpe: get('transformer.wpe.weight'),
    layers,
    lnfw: get('transformer.ln_f.weight'),
    lnfb: get('transformer.ln_f.bias'),
  };
}
