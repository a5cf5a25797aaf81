// Exports: LlamaConfig (the engine's config for the Llama family: Llama 3.x / SmolLM2, Qwen2 /
// Qwen2.5, Qwen3), RopeScaling (re-exported from kernels/rope), parseLlamaConfig (Hugging Face config.json -> LlamaConfig, both the
// newer `rope_parameters` and the older `rope_theta` + `rope_scaling` styles, refusing unsupported
// architectures and options by name), toHfLlamaConfig (the reverse, for `engine init`) and
// hfArchitecture (which family a config.json describes, 'gpt2' included).
import type { RopeScaling } from '../kernels/rope';
import { parseGenerationIds } from './generation-config';

export type { RopeScaling };

export type LlamaFamily = 'llama' | 'qwen2' | 'qwen3';

export interface LlamaConfig {
  family: LlamaFamily;
  /** e.g. 'LlamaForCausalLM' */
  architecture: string;
  vocabSize: number;
  hiddenSize: number;
  intermediateSize: number;
  nLayer: number;
  nHead: number;
  /** key/value heads (GQA when < nHead, MQA when 1) */
  nKvHead: number;
  /** per-head width; Qwen3 may differ from hiddenSize / nHead */
  headDim: number;
  /** max_position_embeddings */
  blockSize: number;
  rmsNormEps: number;
  ropeTheta: number;
  rope: RopeScaling;
  /** bias on q_proj, k_proj, v_proj (Qwen2 always; Llama/Qwen3 when attention_bias) */
  qkvBias: boolean;
  /** bias on o_proj (Llama/Qwen3 when attention_bias) */
  oBias: boolean;
  /** RMSNorm over each head of q and k before RoPE (Qwen3's q_norm / k_norm) */
  qkNorm: boolean;
  /** LM head shares the embedding matrix (no lm_head.weight stored) */
  tieWordEmbeddings: boolean;
  bosId: number | null;
  /** eos_token_id may be a list on the hub (Llama 3 instruct) */
  eosIds: number[];
  padId: number | null;
}

const ARCH: Record<string, LlamaFamily> = {
  LlamaForCausalLM: 'llama',
  Qwen2ForCausalLM: 'qwen2',
  Qwen3ForCausalLM: 'qwen3',
};
const MODEL_TYPE: Record<string, LlamaFamily> = { llama: 'llama', qwen2: 'qwen2', qwen3: 'qwen3' };

/** 'gpt2' | a Llama family, or an Error naming the unsupported architecture. */
export function hfArchitecture(json: unknown, file: string): 'gpt2' | LlamaFamily {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${file}: config must be a JSON object`);
  const j = json as Record<string, unknown>;
  const archs = Array.isArray(j.architectures) ? j.architectures : [];
  const arch = archs.length > 0 ? String(archs[0]) : undefined;
  if (arch === 'GPT2LMHeadModel' || (arch === undefined && j.model_type === 'gpt2')) return 'gpt2';
  if (arch !== undefined) {
    if (arch in ARCH) return ARCH[arch];
    throw new Error(`${file}: architecture '${arch}' is not supported (supported: GPT2LMHeadModel, ${Object.keys(ARCH).join(', ')})`);
  }
  if (typeof j.model_type === 'string' && j.model_type in MODEL_TYPE) return MODEL_TYPE[j.model_type];
  throw new Error(`${file}: neither 'architectures' nor a supported 'model_type' (got ${JSON.stringify(j.model_type)})`);
}

function posInt(j: Record<string, unknown>, f: string, file: string): number {
  const v = j[f];
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw new Error(`${file}: field '${f}' must be a positive integer, got ${JSON.stringify(v)}`);
  return v;
}

function posNum(v: unknown, f: string, file: string): number {
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new Error(`${file}: field '${f}' must be a positive number, got ${JSON.stringify(v)}`);
  return v;
}

function parseRope(j: Record<string, unknown>, file: string): { theta: number; rope: RopeScaling } {
  // newer: rope_parameters {rope_type, rope_theta, ...}; older: rope_theta + rope_scaling {rope_type|type, ...}
  let params: Record<string, unknown> | null = null;
  let where = 'rope_scaling';
  let theta: unknown;
  if (j.rope_parameters && typeof j.rope_parameters === 'object') {
    params = j.rope_parameters as Record<string, unknown>;
    where = 'rope_parameters';
    theta = params.rope_theta ?? j.rope_theta;
  } else {
    theta = j.rope_theta ?? 10000;
    if (j.rope_scaling !== undefined && j.rope_scaling !== null) {
      if (typeof j.rope_scaling !== 'object') throw new Error(`${file}: field 'rope_scaling' must be an object or null`);
      params = j.rope_scaling as Record<string, unknown>;
    }
  }
  const prf = params?.partial_rotary_factor ?? j.partial_rotary_factor;
  if (prf !== undefined && prf !== null && prf !== 1) throw new Error(`${file}: partial_rotary_factor ${JSON.stringify(prf)} is not supported (RoPE on the whole head only)`);
  const ropeTheta = posNum(theta ?? 10000, `${where === 'rope_parameters' ? 'rope_parameters.' : ''}rope_theta`, file);
  const type = params ? (params.rope_type ?? params.type ?? 'default') : 'default';
  if (type === 'default') return { theta: ropeTheta, rope: { type: 'default' } };
  if (type === 'llama3') {
    const p = params!;
    const f = (k: string) => posNum(p[k], `${where}.${k}`, file);
    const rope: RopeScaling = {
      type: 'llama3',
      factor: f('factor'),
      lowFreqFactor: f('low_freq_factor'),
      highFreqFactor: f('high_freq_factor'),
      originalMaxPositionEmbeddings: f('original_max_position_embeddings'),
    };
    if (rope.highFreqFactor === rope.lowFreqFactor) throw new Error(`${file}: ${where}: high_freq_factor equals low_freq_factor, which llama3 RoPE cannot use`);
    return { theta: ropeTheta, rope };
  }
  throw new Error(`${file}: RoPE type '${String(type)}' (${where}) is not supported; the engine implements 'default' and 'llama3'`);
}

/** Reads a Hugging Face Llama / Qwen2 / Qwen3 config.json (already parsed); `file` names it in errors. */
export function parseLlamaConfig(json: unknown, file: string): LlamaConfig {
  const family = hfArchitecture(json, file);
  if (family === 'gpt2') throw new Error(`${file}: a GPT-2 config; read it with checkpoint/hf-config`);
  const j = json as Record<string, unknown>;
  const architecture = Array.isArray(j.architectures) && j.architectures.length > 0 ? String(j.architectures[0]) : Object.keys(ARCH).find((k) => ARCH[k] === family)!;
  const act = j.hidden_act ?? 'silu';
  if (act !== 'silu') throw new Error(`${file}: hidden_act '${String(act)}' is not supported; the engine implements SwiGLU with 'silu'`);
  if (j.use_sliding_window === true) throw new Error(`${file}: sliding window attention is not supported (use_sliding_window is true)`);
  if (Array.isArray(j.layer_types) && j.layer_types.some((t) => t !== 'full_attention')) {
    throw new Error(`${file}: sliding window attention is not supported (layer_types holds ${JSON.stringify(j.layer_types.find((t) => t !== 'full_attention'))})`);
  }
  if (j.mlp_bias === true) throw new Error(`${file}: mlp_bias is not supported (bias on gate/up/down projections)`);
  if (typeof j.attention_dropout === 'number' && j.attention_dropout !== 0) throw new Error(`${file}: attention_dropout ${j.attention_dropout} is not supported (only 0)`);
  if (j.quantization_config !== undefined && j.quantization_config !== null) throw new Error(`${file}: quantized checkpoints (quantization_config) are not supported; use the f32/bf16/f16 weights`);
  const hiddenSize = posInt(j, 'hidden_size', file);
  const nHead = posInt(j, 'num_attention_heads', file);
  const nKvHead = j.num_key_value_heads === undefined || j.num_key_value_heads === null ? nHead : posInt(j, 'num_key_value_heads', file);
  if (nHead % nKvHead !== 0) throw new Error(`${file}: num_attention_heads (${nHead}) is not a multiple of num_key_value_heads (${nKvHead})`);
  let headDim: number;
  if (family !== 'qwen2' && j.head_dim !== undefined && j.head_dim !== null) headDim = posInt(j, 'head_dim', file);
  else {
    if (hiddenSize % nHead !== 0) throw new Error(`${file}: hidden_size (${hiddenSize}) is not divisible by num_attention_heads (${nHead}) and there is no head_dim`);
    headDim = hiddenSize / nHead;
  }
  if (headDim % 2 !== 0) throw new Error(`${file}: head_dim ${headDim} is odd; RoPE needs an even head width`);
  const { theta, rope } = parseRope(j, file);
  const attnBias = j.attention_bias === true;
  const ids = parseGenerationIds(j, file);
  return {
    family,
    architecture,
    vocabSize: posInt(j, 'vocab_size', file),
    hiddenSize,
    intermediateSize: posInt(j, 'intermediate_size', file),
    nLayer: posInt(j, 'num_hidden_layers', file),
    nHead,
    nKvHead,
    headDim,
    blockSize: posInt(j, 'max_position_embeddings', file),
    rmsNormEps: posNum(j.rms_norm_eps ?? 1e-6, 'rms_norm_eps', file),
    ropeTheta: theta,
    rope,
    qkvBias: family === 'qwen2' ? true : attnBias,
    oBias: family === 'qwen2' ? false : attnBias,
    qkNorm: family === 'qwen3',
    // LlamaConfig, Qwen2Config and Qwen3Config all default to an untied head
    tieWordEmbeddings: j.tie_word_embeddings === true,
    bosId: ids.bosId,
    eosIds: ids.eosIds,
    padId: ids.padId,
  };
}

/** config.json for a LlamaConfig (newer `rope_parameters` style), as transformers would write it. */
export function toHfLlamaConfig(c: LlamaConfig): Record<string, unknown> {
  const rope: Record<string, unknown> = { rope_theta: c.ropeTheta, rope_type: c.rope.type };
  if (c.rope.type === 'llama3') {
    rope.factor = c.rope.factor;
    rope.low_freq_factor = c.rope.lowFreqFactor;
    rope.high_freq_factor = c.rope.highFreqFactor;
    rope.original_max_position_embeddings = c.rope.originalMaxPositionEmbeddings;
  }
  const out: Record<string, unknown> = {
    architectures: [c.architecture],
    model_type: c.family,
    vocab_size: c.vocabSize,
    hidden_size: c.hiddenSize,
    intermediate_size: c.intermediateSize,
    num_hidden_layers: c.nLayer,
    num_attention_heads: c.nHead,
    num_key_value_heads: c.nKvHead,
    max_position_embeddings: c.blockSize,
    rms_norm_eps: c.rmsNormEps,
    rope_parameters: rope,
    hidden_act: 'silu',
    attention_dropout: 0,
    tie_word_embeddings: c.tieWordEmbeddings,
    bos_token_id: c.bosId,
    eos_token_id: c.eosIds.length === 1 ? c.eosIds[0] : c.eosIds,
    pad_token_id: c.padId,
    dtype: 'float32',
    use_cache: true,
  };
  if (c.family !== 'qwen2') {
    out.head_dim = c.headDim;
    out.attention_bias = c.qkvBias;
  } else {
    out.use_sliding_window = false;
    out.sliding_window = null;
  }
  if (c.family === 'llama') out.mlp_bias = false;
  return out;
}
