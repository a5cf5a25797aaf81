// Exports: PeftAdapter (a LoRA adapter as PEFT saves it: adapter_config.json + adapter_model.safetensors
// with PEFT tensor names), readPeftAdapter (folder -> adapter, checked against the base config, refusing
// options the engine does not implement by name; trainable_token_indices on embed_tokens is read as
// LoraSpec.tokenIds with the rows under PEFT's token_adapter.trainable_tokens_delta name), peftAdapterFiles (adapter -> the two files, in
// PEFT's layout: tensors sorted by name, F32, metadata {format: pt}; a loaded adapter's config keeps
// every field it had) and newPeftConfig (adapter_config.json for an adapter made here).
import type { LoraSpec } from '../llama/lora';
import { adapterLayout } from '../llama/lora';
import type { LlamaConfig } from './config';
import { readJson, type HfFolder } from './folder';
import { LINEAR_NAMES, type LinearName } from './llama-params';
import { readHfSafetensors, tensorToF32, writeHfSafetensors, type HfTensor } from './tensors';

const ADAPTER_CONFIG = 'adapter_config.json';
const ADAPTER_WEIGHTS = 'adapter_model.safetensors';

export interface PeftAdapter {
  spec: LoraSpec;
  /** PEFT name -> float32 tensor, in loraLayout order */
  tensors: Map<string, { shape: number[]; data: Float32Array }>;
  /** the adapter_config.json object (kept whole so a saved adapter carries every field it had) */
  configJson: Record<string, unknown>;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === false || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
}

export function parsePeftConfig(json: unknown, file: string): LoraSpec {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${file}: must be a JSON object`);
  const j = json as Record<string, unknown>;
  if (j.peft_type !== 'LORA') throw new Error(`${file}: peft_type ${JSON.stringify(j.peft_type)} is not supported (only LORA)`);
  const r = j.r;
  if (typeof r !== 'number' || !Number.isInteger(r) || r <= 0) throw new Error(`${file}: field 'r' must be a positive integer, got ${JSON.stringify(r)}`);
  const alpha = j.lora_alpha ?? 8;
  if (typeof alpha !== 'number' || !(alpha > 0)) throw new Error(`${file}: field 'lora_alpha' must be a positive number, got ${JSON.stringify(alpha)}`);
  if (typeof j.lora_dropout === 'number' && j.lora_dropout !== 0) throw new Error(`${file}: lora_dropout ${j.lora_dropout} is not supported (only 0)`);
  const refuse: [string, string][] = [
    ['use_dora', 'DoRA (use_dora)'], ['use_rslora', 'rank-stabilized LoRA (use_rslora)'], ['fan_in_fan_out', 'fan_in_fan_out'],
    ['modules_to_save', 'modules_to_save'], ['rank_pattern', 'per-module ranks (rank_pattern)'], ['alpha_pattern', 'per-module alphas (alpha_pattern)'],
    ['layers_to_transform', 'layers_to_transform'], ['use_qalora', 'QA-LoRA (use_qalora)'],
    ['lora_bias', 'lora_bias'], ['target_parameters', 'target_parameters'], ['layer_replication', 'layer_replication'],
  ];
  for (const [f, what] of refuse) if (!isEmpty(j[f])) throw new Error(`${file}: ${what} is not supported`);
  if (j.bias !== undefined && j.bias !== 'none') throw new Error(`${file}: bias '${String(j.bias)}' is not supported (only 'none')`);
  const tm = j.target_modules;
  if (typeof tm === 'string') throw new Error(`${file}: target_modules as a regular expression ('${tm}') is not supported; list the projections`);
  if (!Array.isArray(tm) || tm.length === 0) throw new Error(`${file}: field 'target_modules' must be a non-empty list`);
  const targets: LinearName[] = [];
  for (const t of tm) {
    if (!LINEAR_NAMES.includes(t as LinearName)) throw new Error(`${file}: target module '${String(t)}' is not supported (supported: ${LINEAR_NAMES.join(', ')})`);
    targets.push(t as LinearName);
  }
  // a stable order (PEFT stores a set)
  targets.sort((a, b) => LINEAR_NAMES.indexOf(a) - LINEAR_NAMES.indexOf(b));
  const spec: LoraSpec = { r, alpha, targets };
  let tti = j.trainable_token_indices;
  if (tti && typeof tti === 'object' && !Array.isArray(tti)) {
    const keys = Object.keys(tti);
    if (keys.some((k) => k !== 'embed_tokens')) throw new Error(`${file}: trainable_token_indices on ${keys.filter((k) => k !== 'embed_tokens').join(', ')} is not supported (only embed_tokens)`);
    tti = (tti as Record<string, unknown>).embed_tokens;
  }
  if (tti !== undefined && tti !== null) {
    if (!Array.isArray(tti) || tti.some((x) => !Number.isInteger(x) || x < 0)) throw new Error(`${file}: trainable_token_indices must be a list of token ids`);
    if (tti.length > 0) spec.tokenIds = tti as number[];
  }
  return spec;
}

export async function readPeftAdapter(folder: HfFolder, base: LlamaConfig): Promise<PeftAdapter> {
  const cfg = await readJson(folder, ADAPTER_CONFIG);
  if (cfg === null) throw new Error(`${folder.label}: no ${ADAPTER_CONFIG}; is this a PEFT adapter folder?`);
  const spec = parsePeftConfig(cfg, `${folder.label}/${ADAPTER_CONFIG}`);
  const outside = spec.tokenIds?.find((id) => id >= base.vocabSize);
  if (outside !== undefined) throw new Error(`${folder.label}/${ADAPTER_CONFIG}: trainable_token_indices holds ${outside}, outside the base model's vocabulary (vocab_size ${base.vocabSize}); the adapter was trained with added tokens (e.g. the <|out_lang_xx|> tags of instruction_mode tag)`);
  const bytes = await folder.read(ADAPTER_WEIGHTS);
  const file = `${folder.label}/${ADAPTER_WEIGHTS}`;
  if (!bytes) throw new Error(`${folder.label}: no ${ADAPTER_WEIGHTS}${(await folder.read('adapter_model.bin')) ? ' (adapter_model.bin is a pickle; save with safe_serialization)' : ''}`);
  const { tensors } = readHfSafetensors(bytes, file);
  const out = new Map<string, { shape: number[]; data: Float32Array }>();
  const { entries } = adapterLayout(base, spec);
  const known = new Set(entries.map((e) => e.name));
  for (const name of tensors.keys()) {
    // PEFT's saved names drop the adapter name ("default"); some tools keep it
    if (!known.has(name) && !known.has(name.replace('.default.weight', '.weight'))) throw new Error(`${file}: unexpected tensor '${name}' (not a LoRA matrix of r=${spec.r} on ${spec.targets.join(', ')} for this base model)`);
  }
  for (const e of entries) {
    const t = tensors.get(e.name) ?? tensors.get(e.name.replace(/\.weight$/, '.default.weight'));
    if (!t) throw new Error(`${file}: missing tensor '${e.name}'`);
    if (t.shape.length !== 2 || t.shape[0] !== e.shape[0] || t.shape[1] !== e.shape[1]) {
      throw new Error(`${file}: tensor '${e.name}' has shape [${t.shape.join(', ')}], expected [${e.shape.join(', ')}] (r=${spec.r} on the base's projection)`);
    }
    const data = tensorToF32(t);
    out.set(e.name, { shape: e.shape, data: data === t.data ? data.slice() : data });
  }
  return { spec, tensors: out, configJson: cfg as Record<string, unknown> };
}

/** adapter_config.json as PEFT 0.21 writes it for a plain LoRA, for an adapter made here. */
export function newPeftConfig(spec: LoraSpec, baseName: string): Record<string, unknown> {
  return {
    alpha_pattern: {},
    auto_mapping: null,
    base_model_name_or_path: baseName,
    bias: 'none',
    fan_in_fan_out: false,
    inference_mode: true,
    init_lora_weights: true,
    layer_replication: null,
    layers_pattern: null,
    layers_to_transform: null,
    lora_alpha: spec.alpha,
    lora_bias: false,
    lora_dropout: 0.0,
    modules_to_save: null,
    peft_type: 'LORA',
    r: spec.r,
    rank_pattern: {},
    revision: null,
    target_modules: [...spec.targets],
    task_type: 'CAUSAL_LM',
    use_dora: false,
    use_rslora: false,
    trainable_token_indices: spec.tokenIds && spec.tokenIds.length > 0 ? [...spec.tokenIds] : null,
  };
}

/** The adapter folder's two files. */
export function peftAdapterFiles(a: PeftAdapter): Map<string, Uint8Array> {
  const cfg: Record<string, unknown> = { ...a.configJson, r: a.spec.r, lora_alpha: a.spec.alpha };
  if (a.spec.tokenIds?.length || (a.configJson.trainable_token_indices !== undefined && a.configJson.trainable_token_indices !== null)) {
    cfg.trainable_token_indices = a.spec.tokenIds?.length ? [...a.spec.tokenIds] : null;
  }
  // keep the loaded order of target_modules when it names the same set
  const prev = Array.isArray(a.configJson.target_modules) ? (a.configJson.target_modules as string[]) : [];
  const same = prev.length === a.spec.targets.length && prev.every((t) => a.spec.targets.includes(t as LinearName));
  cfg.target_modules = same ? prev : [...a.spec.targets];
  const names = [...a.tensors.keys()].sort();
  const tensors = new Map<string, HfTensor>();
  for (const n of names) {
    const t = a.tensors.get(n)!;
    tensors.set(n, { dtype: 'F32', shape: t.shape, data: t.data });
  }
  return new Map([
    [ADAPTER_CONFIG, new TextEncoder().encode(JSON.stringify(cfg, null, 2))],
    [ADAPTER_WEIGHTS, writeHfSafetensors(tensors, { format: 'pt' })],
  ]);
}
