// Exports: llamaFolderFiles, the files of a Hugging Face model folder for a Llama-family model
// (config.json, model.safetensors with tensors sorted by name in their dtype and metadata
// {format: pt}, or, past `maxShardBytes`, model-0000i-of-0000n.safetensors shards and
// model.safetensors.index.json as save_pretrained writes them; generation_config.json), loadable by
// transformers' from_pretrained and by loadLlamaFolder; tokenizer files pass through unchanged.
import type { GenerationIds } from './generation-config';
import type { HfTensor } from './tensors';
import { writeHfSafetensors } from './tensors';

const enc = (o: unknown) => new TextEncoder().encode(`${JSON.stringify(o, null, 2)}\n`);

export function llamaFolderFiles(
  configJson: Record<string, unknown>, weights: Map<string, HfTensor>, ids: GenerationIds,
  extra: Map<string, Uint8Array> = new Map(), maxShardBytes = 5 * 10 ** 9,
): Map<string, Uint8Array> {
  const sorted = new Map([...weights.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const dtypes = new Set([...weights.values()].map((t) => t.dtype));
  const cfg = { ...configJson, dtype: dtypes.size === 1 ? { F32: 'float32', BF16: 'bfloat16', F16: 'float16' }[[...dtypes][0]] : configJson.dtype };
  const files = new Map<string, Uint8Array>([
    ['config.json', enc(cfg)],
    ['generation_config.json', enc({
      bos_token_id: ids.bosId, eos_token_id: ids.eosIds.length === 1 ? ids.eosIds[0] : ids.eosIds, pad_token_id: ids.padId,
    })],
  ]);
  // shards: tensors in name order, a new shard when the next tensor would pass maxShardBytes
  const shards: Map<string, HfTensor>[] = [new Map()];
  let size = 0;
  let total = 0;
  for (const [k, t] of sorted) {
    const b = t.data.byteLength;
    if (size > 0 && size + b > maxShardBytes) {
      shards.push(new Map());
      size = 0;
    }
    shards[shards.length - 1].set(k, t);
    size += b;
    total += b;
  }
  if (shards.length === 1) files.set('model.safetensors', writeHfSafetensors(sorted, { format: 'pt' }));
  else {
    const n = String(shards.length).padStart(5, '0');
    const weightMap: Record<string, string> = {};
    shards.forEach((sh, i) => {
      const name = `model-${String(i + 1).padStart(5, '0')}-of-${n}.safetensors`;
      files.set(name, writeHfSafetensors(sh, { format: 'pt' }));
      for (const k of sh.keys()) weightMap[k] = name;
    });
    files.set('model.safetensors.index.json', enc({ metadata: { total_size: total }, weight_map: weightMap }));
  }
  for (const [k, v] of extra) files.set(k, v);
  return files;
}
