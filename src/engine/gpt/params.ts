// The GPT-2 parameter table, llm.c style: every parameter lives in one contiguous Float32Array
// (and its gradient in another of the same layout) at a fixed offset. Names and shapes are Hugging
// Face GPT-2's (Conv1D weights [in, out]); the WebGPU backend mirrors this layout in one GPU buffer.
import type { GPTConfig } from '../model-api';
import { Rng } from '../rng';

export interface ParamEntry {
  name: string;
  shape: number[];
  offset: number;
  size: number;
}

/** Ordered parameter table: wte, wpe, per layer (ln_1, attn, ln_2, mlp), ln_f. */
export function paramTable(config: GPTConfig): ParamEntry[] {
  const { nLayer: L, nEmbd: C, blockSize: maxT, vocabSize: V } = config;
  const specs: [string, number[]][] = [
    ['transformer.wte.weight', [V, C]],
    ['transformer.wpe.weight', [maxT, C]],
  ];
  for (let l = 0; l < L; l++) {
    const p = `transformer.h.${l}.`;
    specs.push(
      [p + 'ln_1.weight', [C]], [p + 'ln_1.bias', [C]],
      [p + 'attn.c_attn.weight', [C, 3 * C]], [p + 'attn.c_attn.bias', [3 * C]],
      [p + 'attn.c_proj.weight', [C, C]], [p + 'attn.c_proj.bias', [C]],
      [p + 'ln_2.weight', [C]], [p + 'ln_2.bias', [C]],
      [p + 'mlp.c_fc.weight', [C, 4 * C]], [p + 'mlp.c_fc.bias', [4 * C]],
      [p + 'mlp.c_proj.weight', [4 * C, C]], [p + 'mlp.c_proj.bias', [C]],
    );
  }
  specs.push(['transformer.ln_f.weight', [C]], ['transformer.ln_f.bias', [C]]);
  let offset = 0;
  return specs.map(([name, shape]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const e = { name, shape, offset, size };
    offset += size;
    return e;
  });
}

/** total number of float32 parameters */
export function numParams(config: GPTConfig): number {
  const t = paramTable(config);
  const last = t[t.length - 1];
  return last.offset + last.size;
}

/** Checks a config's numbers; throws with the offending field named. */
export function validateConfig(config: GPTConfig): void {
  const fields: (keyof GPTConfig)[] = ['nLayer', 'nHead', 'nEmbd', 'blockSize', 'vocabSize'];
  for (const f of fields) {
    const v = config[f];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
      throw new Error(`GPT config: ${f} must be a positive integer, got ${JSON.stringify(v)}`);
    }
  }
  if (config.nEmbd % config.nHead !== 0) {
    throw new Error(`GPT config: nEmbd (${config.nEmbd}) must be divisible by nHead (${config.nHead})`);
  }
}

/**
 * GPT-2 initialisation from the seeded Rng, in table order: matrices and embeddings normal(0, 0.02),
 * c_proj weights normal(0, 0.02 / sqrt(2 n_layer)), biases 0, LayerNorm weights 1 and biases 0.
 * Both backends call this so a seed gives the same weights everywhere.
 */
export function initParams(config: GPTConfig, seed: number): Float32Array {
  validateConfig(config);
  const rng = new Rng(seed);
  const flat = new Float32Array(numParams(config));
  const projStd = 0.02 / Math.sqrt(2 * config.nLayer);
  for (const e of paramTable(config)) {
    const view = flat.subarray(e.offset, e.offset + e.size);
    if (/ln_\w+\.weight$/.test(e.name)) view.fill(1);
    else if (e.name.endsWith('.bias')) view.fill(0);
    else {
      const std = /c_proj\.weight$/.test(e.name) ? projStd : 0.02;
      for (let i = 0; i < e.size; i++) view[i] = rng.normal() * std;
    }
  }
  return flat;
}
