// Per-tensor bindings into the flat GPU parameter (or gradient) buffer, grouped like the CPU
// model's GptWeights so the GPU forward/backward read the same way as gpt/forward.ts.
import type { Binding } from '../backend/gpu-context';
import type { GpuParamLayout } from './layout';

export interface GpuLayerWeights {
  ln1w: Binding; ln1b: Binding; qkvw: Binding; qkvb: Binding; attprojw: Binding; attprojb: Binding;
  ln2w: Binding; ln2b: Binding; fcw: Binding; fcb: Binding; fcprojw: Binding; fcprojb: Binding;
}

export interface GpuWeights {
  wte: Binding;
  wpe: Binding;
  layers: GpuLayerWeights[];
  lnfw: Binding;
  lnfb: Binding;
}

const LAYER_KEYS: [keyof GpuLayerWeights, string][] = [
  ['ln1w', 'ln_1.weight'], ['ln1b', 'ln_1.bias'], ['qkvw', 'attn.c_attn.weight'], ['qkvb', 'attn.c_attn.bias'],
  ['attprojw', 'attn.c_proj.weight'], ['attprojb', 'attn.c_proj.bias'], ['ln2w', 'ln_2.weight'], ['ln2b', 'ln_2.bias'],
  ['fcw', 'mlp.c_fc.weight'], ['fcb', 'mlp.c_fc.bias'], ['fcprojw', 'mlp.c_proj.weight'], ['fcprojb', 'mlp.c_proj.bias'],
];

export function gpuWeightBindings(layout: GpuParamLayout, buffer: GPUBuffer, nLayer: number): GpuWeights {
  const get = (name: string): Binding => {
    const e = layout.byName.get(name);
    if (!e) throw new Error(`no parameter '${name}' in the layout`);
    return { buffer, offset: e.gpuOffset * 4, size: Math.max(e.size, 1) * 4 };
  };
  const layers: GpuLayerWeights[] = [];
  for (let l = 0; l < nLayer; l++) {
    const lw = {} as GpuLayerWeights;
    for (const [k, suffix] of LAYER_KEYS) lw[k] = get(`transformer.h.${l}.${suffix}`);
    layers.push(lw);
  }
  return { wte: get('transformer.wte.weight'), wpe: get('transformer.wpe.weight'), layers, lnfw: get('transformer.ln_f.weight'), lnfb: get('transformer.ln_f.bias') };
}
