// Exports: loadHfWeights (model.safetensors, or the shards listed in model.safetensors.index.json,
// read into HfTensors in their stored dtype and checked against the config's parameter table: every
// tensor present with its shape, nothing unknown; a tied lm_head.weight stored anyway is dropped)
// and weightsDtype (the dtype most of the weights are stored in, for exporting a merged model).
import type { LlamaConfig } from './config';
import { readJson, type HfFolder } from './folder';
import { llamaParamTable } from './llama-params';
import { readHfSafetensors, type HfDtype, type HfTensor } from './tensors';

const SINGLE_FILE = 'model.safetensors';
const INDEX_FILE = 'model.safetensors.index.json';

/** All tensors of the folder's safetensors file(s), unchecked. */
async function readAllWeights(folder: HfFolder): Promise<Map<string, HfTensor>> {
  const single = await folder.read(SINGLE_FILE);
  if (single) return readHfSafetensors(single, `${folder.label}/${SINGLE_FILE}`).tensors;
  const index = await readJson(folder, INDEX_FILE);
  if (index === null) throw new Error(`${folder.label}: no ${SINGLE_FILE} and no ${INDEX_FILE} (sharded weights); is this a Hugging Face model folder?`);
  const map = (index as { weight_map?: unknown }).weight_map;
  if (!map || typeof map !== 'object' || Array.isArray(map)) throw new Error(`${folder.label}/${INDEX_FILE}: no 'weight_map' object`);
  const wanted = new Map<string, string>(); // tensor -> shard
  for (const [name, shard] of Object.entries(map as Record<string, unknown>)) {
    if (typeof shard !== 'string' || shard.includes('/') || shard.includes('\\')) {
      throw new Error(`${folder.label}/${INDEX_FILE}: weight_map['${name}'] must be a file name in the folder, got ${JSON.stringify(shard)}`);
    }
    wanted.set(name, shard);
  }
  const out = new Map<string, HfTensor>();
  for (const shard of new Set(wanted.values())) {
    const bytes = await folder.read(shard);
    if (!bytes) throw new Error(`${folder.label}/${shard}: missing shard (listed in ${INDEX_FILE})`);
    const { tensors } = readHfSafetensors(bytes, `${folder.label}/${shard}`);
    for (const [name, t] of tensors) {
      if (wanted.get(name) !== shard) throw new Error(`${folder.label}/${shard}: holds tensor '${name}', which ${INDEX_FILE} places ${wanted.has(name) ? `in ${wanted.get(name)}` : 'nowhere'}`);
      out.set(name, t);
    }
  }
  for (const [name, shard] of wanted) {
    if (!out.has(name)) throw new Error(`${folder.label}/${shard}: tensor '${name}' listed in ${INDEX_FILE} is missing from the shard`);
  }
  return out;
}

/** Checks names and shapes against the config; `source` names where the tensors came from. */
export function checkLlamaWeights(config: LlamaConfig, tensors: Map<string, HfTensor>, source: string): Map<string, HfTensor> {
  const table = llamaParamTable(config);
  const known = new Set(table.map((e) => e.name));
  const out = new Map<string, HfTensor>();
  for (const name of tensors.keys()) {
    if (known.has(name)) continue;
    if (name === 'lm_head.weight' && config.tieWordEmbeddings) continue; // a tied copy some exporters store
    if (name.endsWith('.rotary_emb.inv_freq')) continue; // old checkpoints store the RoPE table; we compute it
    throw new Error(`${source}: unexpected tensor '${name}' (not a parameter of this ${config.architecture} config)`);
  }
  for (const e of table) {
    const t = tensors.get(e.name);
    if (!t) throw new Error(`${source}: missing tensor '${e.name}' (expected shape [${e.shape.join(', ')}])`);
    if (t.shape.length !== e.shape.length || t.shape.some((d, i) => d !== e.shape[i])) {
      throw new Error(`${source}: tensor '${e.name}' has shape [${t.shape.join(', ')}], config.json implies [${e.shape.join(', ')}]`);
    }
    out.set(e.name, t);
  }
  return out;
}

/** Reads and checks the weights of a Llama-family folder (single file or shards). */
export async function loadHfWeights(folder: HfFolder, config: LlamaConfig): Promise<Map<string, HfTensor>> {
  return checkLlamaWeights(config, await readAllWeights(folder), folder.label);
}

/** The dtype holding the most values (the checkpoint's dtype; norms are sometimes kept in F32). */
export function weightsDtype(tensors: Map<string, HfTensor>): HfDtype {
  const count: Record<HfDtype, number> = { F32: 0, BF16: 0, F16: 0 };
  for (const t of tensors.values()) count[t.dtype] += t.data.length;
  return (Object.keys(count) as HfDtype[]).reduce((a, b) => (count[b] > count[a] ? b : a));
}
