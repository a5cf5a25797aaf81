// Exports: llamaFolderFiles, the files of a Hugging Face model folder for a Llama-family model
// (config.json, model.safetensors with tensors sorted by name in their dtype and metadata
// {format: pt}, generation_config.json), loadable by transformers' from_pretrained and by
// loadLlamaFolder; tokenizer files can be passed through unchanged.
import type { GenerationIds } from './generation-config';
import type { HfTensor } from './tensors';
import { writeHfSafetensors } from './tensors';

const enc = (o: unknown) => new TextEncoder().encode(`${JSON.stringify(o, null, 2)}\n`);

export function llamaFolderFiles(
  configJson: Record<string, unknown>, weights: Map<string, HfTensor>, ids: GenerationIds,
  extra: Map<string, Uint8Array> = new Map(),
): Map<string, Uint8Array> {
  const sorted = new Map([...weights.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const dtypes = new Set([...weights.values()].map((t) => t.dtype));
  const cfg = { ...configJson, dtype: dtypes.size === 1 ? { F32: 'float32', BF16: 'bfloat16', F16: 'float16' }[[...dtypes][0]] : configJson.dtype };
  const files = new Map<string, Uint8Array>([
    ['config.json', enc(cfg)],
    ['model.safetensors', writeHfSafetensors(sorted, { format: 'pt' })],
    ['generation_config.json', enc({
      bos_token_id: ids.bosId, eos_token_id: ids.eosIds.length === 1 ? ids.eosIds[0] : ids.eosIds, pad_token_id: ids.padId,
    })],
  ]);
  for (const [k, v] of extra) files.set(k, v);
  return files;
}
