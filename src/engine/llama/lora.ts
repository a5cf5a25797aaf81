// Exports: LoraSpec (rank, alpha, target projections; dropout is 0), loraScale (alpha / r),
// peftName (PEFT's tensor name for a LoRA matrix, e.g.
// base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight), loraLayout (the adapter's flat
// buffer: every A [r, in] and B [out, r] in PEFT's sorted name order), LoraViews / loraViews (per layer,
// per projection views) and initLora (PEFT's init: A kaiming-uniform(a = sqrt 5), i.e. U(-1/sqrt(in),
// 1/sqrt(in)), B zero; seeded), adapterLayout (the same plus trainable token rows) and packLora.
import type { LlamaConfig } from '../hf/config';
import { LINEAR_NAMES, linearPath, linearShape, type LinearName } from '../hf/llama-params';
import { Rng } from '../rng';
import type { FlatEntry } from './weights';

export interface LoraSpec {
  r: number;
  alpha: number;
  targets: LinearName[];
  /**
   * token ids whose embedding rows train too (PEFT's trainable_token_indices, e.g. new
   * <|out_lang_xx|> tags); with a tied head the same rows are the LM head's
   */
  tokenIds?: number[];
}

/** PEFT's name for the trainable token rows of embed_tokens (full row values, [n, hidden]) */
const TOKEN_ROWS_NAME = 'base_model.model.model.embed_tokens.token_adapter.trainable_tokens_delta';

export function validateLoraSpec(s: LoraSpec): void {
  if (!Number.isInteger(s.r) || s.r <= 0) throw new Error(`LoRA rank r must be a positive integer, got ${s.r}`);
  if (!(s.alpha > 0) || !Number.isFinite(s.alpha)) throw new Error(`LoRA alpha must be a positive number, got ${s.alpha}`);
  if (s.targets.length === 0) throw new Error('LoRA needs at least one target projection');
  for (const t of s.targets) if (!LINEAR_NAMES.includes(t)) throw new Error(`LoRA target '${t}' is not one of ${LINEAR_NAMES.join(', ')}`);
  if (s.tokenIds) {
    const seen = new Set<number>();
    for (const id of s.tokenIds) {
      if (!Number.isInteger(id) || id < 0) throw new Error(`trainable token id ${id} is not a token id`);
      if (seen.has(id)) throw new Error(`trainable token id ${id} is listed twice`);
      seen.add(id);
    }
  }
}

/** loraLayout plus, when spec.tokenIds is set, the token rows [n, hidden] after every LoRA matrix. */
export function adapterLayout(c: LlamaConfig, s: LoraSpec): { entries: FlatEntry[]; loraTotal: number; total: number } {
  const { entries, total } = loraLayout(c, s);
  const out: FlatEntry[] = [...entries];
  let end = total;
  if (s.tokenIds && s.tokenIds.length > 0) {
    for (const id of s.tokenIds) if (id >= c.vocabSize) throw new Error(`trainable token id ${id} is outside the vocabulary [0, ${c.vocabSize}); resize the embeddings first`);
    const size = s.tokenIds.length * c.hiddenSize;
    out.push({ name: TOKEN_ROWS_NAME, shape: [s.tokenIds.length, c.hiddenSize], offset: total, size });
    end += size;
  }
  return { entries: out, loraTotal: total, total: end };
}

export function loraScale(s: LoraSpec): number {
  return s.alpha / s.r;
}

export function peftName(l: number, target: LinearName, which: 'A' | 'B'): string {
  return `base_model.model.${linearPath(l, target)}.lora_${which}.weight`;
}

export interface LoraEntry extends FlatEntry {
  layer: number;
  target: LinearName;
  which: 'A' | 'B';
}

export function loraLayout(c: LlamaConfig, s: LoraSpec): { entries: LoraEntry[]; total: number } {
  validateLoraSpec(s);
  const list: Omit<LoraEntry, 'offset'>[] = [];
  for (let l = 0; l < c.nLayer; l++) {
    for (const t of s.targets) {
      const [out, inp] = linearShape(c, t);
      list.push({ name: peftName(l, t, 'A'), shape: [s.r, inp], size: s.r * inp, layer: l, target: t, which: 'A' });
      list.push({ name: peftName(l, t, 'B'), shape: [out, s.r], size: out * s.r, layer: l, target: t, which: 'B' });
    }
  }
  list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let offset = 0;
  const entries = list.map((e) => {
    const x = { ...e, offset };
    offset += e.size;
    return x;
  });
  return { entries, total: offset };
}

export interface LoraPair {
  a: Float32Array;
  b: Float32Array;
}
/** per layer: target -> {A, B} views */
export type LoraViews = Map<LinearName, LoraPair>[];

export function loraViews(c: LlamaConfig, s: LoraSpec, flat: Float32Array): LoraViews {
  const out: LoraViews = Array.from({ length: c.nLayer }, () => new Map());
  for (const e of loraLayout(c, s).entries) {
    const view = flat.subarray(e.offset, e.offset + e.size);
    const m = out[e.layer];
    const pair = m.get(e.target) ?? { a: view, b: view };
    if (e.which === 'A') pair.a = view;
    else pair.b = view;
    m.set(e.target, pair);
  }
  return out;
}

export function initLora(c: LlamaConfig, s: LoraSpec, seed: number): Float32Array {
  const { entries, total } = loraLayout(c, s);
  const flat = new Float32Array(total);
  const rng = new Rng(seed);
  for (const e of entries) {
    if (e.which === 'B') continue;
    const bound = 1 / Math.sqrt(e.shape[1]);
    for (let i = 0; i < e.size; i++) flat[e.offset + i] = (2 * rng.nextF32() - 1) * bound;
  }
  return flat;
}

/** PEFT-named tensors -> the flat adapter buffer (adapterLayout: every matrix, then any token rows). */
export function packLora(c: LlamaConfig, s: LoraSpec, tensors: Map<string, { shape: number[]; data: Float32Array }>, source: string): Float32Array {
  const { entries, total } = adapterLayout(c, s);
  const flat = new Float32Array(total);
  for (const e of entries) {
    const t = tensors.get(e.name);
    if (!t) throw new Error(`${source}: missing tensor '${e.name}'`);
    if (t.data.length !== e.size) throw new Error(`${source}: tensor '${e.name}' has ${t.data.length} values, expected ${e.size} ([${e.shape.join(', ')}])`);
    flat.set(t.data, e.offset);
  }
  return flat;
}
