// config.json in Hugging Face GPT-2 form, both ways. We write every field GPT2LMHeadModel needs to
// rebuild our model (dropouts 0, gelu_new, tied embeddings) and read back only what defines it,
// refusing configs that describe a different architecture, with the field named.
import type { GPTConfig } from '../model-api';

export interface SpecialIds {
  bos: number;
  eos: number;
  pad: number | null;
}

export function toHfConfig(config: GPTConfig, ids: SpecialIds): Record<string, unknown> {
  return {
    architectures: ['GPT2LMHeadModel'],
    model_type: 'gpt2',
    vocab_size: config.vocabSize,
    n_positions: config.blockSize,
    n_embd: config.nEmbd,
    n_layer: config.nLayer,
    n_head: config.nHead,
    n_inner: null,
    activation_function: 'gelu_new',
    layer_norm_epsilon: config.layerNormEps ?? 1e-5,
    resid_pdrop: 0,
    embd_pdrop: 0,
    attn_pdrop: 0,
    initializer_range: 0.02,
    scale_attn_weights: true,
    scale_attn_by_inverse_layer_idx: false,
    reorder_and_upcast_attn: false,
    tie_word_embeddings: true,
    bos_token_id: ids.bos,
    eos_token_id: ids.eos,
    pad_token_id: ids.pad,
    dtype: 'float32',
    use_cache: true,
  };
}

function positiveInt(json: Record<string, unknown>, field: string, file: string): number {
  const v = json[field];
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new Error(`${file}: field '${field}' must be a positive integer, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Reads a Hugging Face GPT-2 config.json (already parsed); `file` names it in error messages. */
export function fromHfConfig(json: unknown, file: string): { config: GPTConfig; ids: Partial<SpecialIds> } {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${file}: config must be a JSON object`);
  const j = json as Record<string, unknown>;
  if (j.model_type !== undefined && j.model_type !== 'gpt2') {
    throw new Error(`${file}: field 'model_type' is ${JSON.stringify(j.model_type)}; only 'gpt2' is supported`);
  }
  const act = j.activation_function ?? 'gelu_new';
  if (act !== 'gelu_new') throw new Error(`${file}: field 'activation_function' is ${JSON.stringify(act)}; the engine implements 'gelu_new' (tanh GELU)`);
  if (j.tie_word_embeddings === false) throw new Error(`${file}: field 'tie_word_embeddings' is false; the engine ties the LM head to wte`);
  const nEmbd = positiveInt(j, 'n_embd', file);
  if (j.n_inner !== undefined && j.n_inner !== null && j.n_inner !== 4 * nEmbd) {
    throw new Error(`${file}: field 'n_inner' is ${JSON.stringify(j.n_inner)}; the engine's MLP width is 4 * n_embd`);
  }
  for (const f of ['scale_attn_by_inverse_layer_idx', 'reorder_and_upcast_attn'] as const) {
    if (j[f] === true) throw new Error(`${file}: field '${f}' is true, which the engine does not implement`);
  }
  if (j.scale_attn_weights === false) throw new Error(`${file}: field 'scale_attn_weights' is false, which the engine does not implement`);
  const eps = j.layer_norm_epsilon ?? 1e-5;
  if (typeof eps !== 'number' || !(eps > 0)) throw new Error(`${file}: field 'layer_norm_epsilon' must be a positive number, got ${JSON.stringify(eps)}`);
  const config: GPTConfig = {
    nLayer: positiveInt(j, 'n_layer', file),
    nHead: positiveInt(j, 'n_head', file),
    nEmbd,
    blockSize: positiveInt(j, 'n_positions', file),
    vocabSize: positiveInt(j, 'vocab_size', file),
    layerNormEps: eps,
  };
  if (nEmbd % config.nHead !== 0) throw new Error(`${file}: n_embd (${nEmbd}) is not divisible by n_head (${config.nHead})`);
  const ids: Partial<SpecialIds> = {};
  if (typeof j.bos_token_id === 'number') ids.bos = j.bos_token_id;
  if (typeof j.eos_token_id === 'number') ids.eos = j.eos_token_id;
  if (typeof j.pad_token_id === 'number') ids.pad = j.pad_token_id;
  return { config, ids };
}
