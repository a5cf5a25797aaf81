// Checkpoints others can open. A checkpoint folder holds
//   config.json          Hugging Face GPT-2 config (GPT2LMHeadModel.from_pretrained reads it)
//   model.safetensors    the parameters, HF names and layouts, F32, tied head (no lm_head tensor)
//   special_tokens.json  the byte tokenizer's special-token table (absent for foreign checkpoints)
// The single-file bundle (browser download) is one safetensors file with the same tensors and, in
// its __metadata__, `lrpo_checkpoint` = "1", `config` = config.json's text and `special_tokens` =
// special_tokens.json's text. Both forms load through loadCheckpoint; save/load is bit-exact.
// Browser-safe (no Node imports): the folder is a map of file name -> bytes; checkpoint-fs.ts adds disk I/O.
import type { GPTConfig, NamedTensor } from '../model-api';
import { fromParamMap, toParamMap } from '../gpt/param-map';
import { paramTable } from '../gpt/params';
import { parseSpecialTable, type SpecialTokenTable } from '../tokenizer/special-tokens';
import { fromHfConfig, toHfConfig } from './hf-config';
import { readSafetensors, writeSafetensors } from './safetensors';
import { requireFiniteWeights } from './finite-weights';

export interface Checkpoint {
  config: GPTConfig;
  /** every parameter in HF naming and layout, in paramTable order */
  params: Map<string, NamedTensor>;
  specialTokens: SpecialTokenTable | null;
}

export const CONFIG_FILE = 'config.json';
export const WEIGHTS_FILE = 'model.safetensors';
export const SPECIALS_FILE = 'special_tokens.json';
const BUNDLE_KEY = 'lrpo_checkpoint';

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface LoadCheckpointOptions {
  /**
   * Refuse weights holding NaN or ±Infinity, naming the file and each tensor (see finite-weights.ts).
   * Whatever opens a checkpoint to train or sample passes true; the default keeps bit-exact loading
   * of any file (NaN payloads included) for inspection and round-trips.
   */
  requireFinite?: boolean;
}

function specialIds(table: SpecialTokenTable | null) {
  // foreign checkpoints without a table keep GPT-2-style ids of our layout
  return table ? { bos: table.bos.id, eos: table.eos.id, pad: table.pad.id } : { bos: 256, eos: 257, pad: null };
}

export function checkpointFromFlat(config: GPTConfig, flat: Float32Array, specialTokens: SpecialTokenTable | null): Checkpoint {
  return { config, params: toParamMap(config, flat), specialTokens };
}

function configText(ckpt: Checkpoint): string {
  return JSON.stringify(toHfConfig(ckpt.config, specialIds(ckpt.specialTokens)), null, 2) + '\n';
}

/** The files of a checkpoint folder (names -> bytes). */
export function checkpointToFiles(ckpt: Checkpoint): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  files.set(CONFIG_FILE, utf8.encode(configText(ckpt)));
  files.set(WEIGHTS_FILE, writeSafetensors(ckpt.params, { format: 'pt' }));
  if (ckpt.specialTokens) files.set(SPECIALS_FILE, utf8.encode(JSON.stringify(ckpt.specialTokens, null, 2) + '\n'));
  return files;
}

/** One safetensors file holding everything (also loadable by HF as a plain model.safetensors). */
export function checkpointToBundle(ckpt: Checkpoint): Uint8Array {
  const meta: Record<string, string> = { format: 'pt', [BUNDLE_KEY]: '1', config: configText(ckpt) };
  if (ckpt.specialTokens) meta.special_tokens = JSON.stringify(ckpt.specialTokens);
  return writeSafetensors(ckpt.params, meta);
}

function decodeText(bytes: Uint8Array, file: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new Error(`${file}: not valid UTF-8 text`);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

function assemble(configJson: unknown, configName: string, weights: ReturnType<typeof readSafetensors>, weightsName: string,
  specialsJson: unknown | undefined, specialsName: string): Checkpoint {
  const { config } = fromHfConfig(configJson, configName);
  const specialTokens = specialsJson === undefined ? null : parseSpecialTable(specialsJson, specialsName);
  if (specialTokens && specialTokens.vocabSize > config.vocabSize) {
    throw new Error(`${specialsName}: the tokenizer needs ${specialTokens.vocabSize} ids but ${configName} has vocab_size ${config.vocabSize}`);
  }
  const named = new Map<string, NamedTensor>();
  for (const [k, t] of weights.tensors) {
    // the original OpenAI GPT-2 files name parameters without the `transformer.` prefix
    const name = /^(h\.|wte\.|wpe\.|ln_f\.)/.test(k) ? `transformer.${k}` : k;
    named.set(name, { shape: t.shape, data: t.data });
  }
  // HF may store the causal-mask buffers of old GPT-2 checkpoints; they are not parameters
  for (const k of [...named.keys()]) if (/\.attn\.(masked_)?bias$/.test(k)) named.delete(k);
  checkPresentAndShaped(config, named, weightsName);
  const flat = fromParamMap(config, named, weightsName);
  return { config, params: toParamMap(config, flat), specialTokens };
}

/**
 * Names and shapes checked before fromParamMap allocates the flat buffer: a config.json that does not
 * belong to these weights (say vocab_size 1e9, or n_layer 1e6) must be reported by tensor, not end
 * in an allocation error. The table is cut to as many layers as the file has tensors (a file with
 * fewer layers than n_layer then fails on the first missing one), so it stays small; once every
 * entry is there with its shape, the buffer is no larger than the file's data.
 */
function checkPresentAndShaped(config: GPTConfig, named: Map<string, NamedTensor>, source: string): void {
  for (const e of paramTable({ ...config, nLayer: Math.min(config.nLayer, named.size) })) {
    const t = named.get(e.name);
    if (!t) throw new Error(`${source}: missing tensor '${e.name}' (expected shape [${e.shape.join(', ')}])`);
    if (t.shape.length !== e.shape.length || t.shape.some((d, i) => d !== e.shape[i])) {
      throw new Error(`${source}: tensor '${e.name}' has shape [${t.shape.join(', ')}], expected [${e.shape.join(', ')}]`);
    }
  }
}

/** Reads a checkpoint folder given as file name -> bytes; `source` (e.g. the folder path) prefixes messages. */
export function checkpointFromFiles(files: Map<string, Uint8Array>, source: string, opts: LoadCheckpointOptions = {}): Checkpoint {
  const need = (name: string) => {
    const b = files.get(name);
    if (!b) throw new Error(`${source}: missing ${name}`);
    return b;
  };
  const configName = `${source}/${CONFIG_FILE}`;
  const weightsName = `${source}/${WEIGHTS_FILE}`;
  const specialsName = `${source}/${SPECIALS_FILE}`;
  const configJson = parseJson(decodeText(need(CONFIG_FILE), configName), configName);
  const weights = readSafetensors(need(WEIGHTS_FILE), weightsName);
  const sp = files.get(SPECIALS_FILE);
  const ckpt = assemble(configJson, configName, weights, weightsName, sp ? parseJson(decodeText(sp, specialsName), specialsName) : undefined, specialsName);
  if (opts.requireFinite) requireFiniteWeights(ckpt.params, weightsName);
  return ckpt;
}

/** Reads a single-file bundle written by checkpointToBundle. */
function checkpointFromBundle(bytes: Uint8Array, file: string, opts: LoadCheckpointOptions = {}): Checkpoint {
  const st = readSafetensors(bytes, file);
  if (st.metadata[BUNDLE_KEY] !== '1') {
    throw new Error(`${file}: a safetensors file without an embedded config (not an LRPO Studio checkpoint bundle); load its folder with config.json instead`);
  }
  if (!st.metadata.config) throw new Error(`${file}: the bundle's metadata has no 'config'`);
  const configJson = parseJson(st.metadata.config, `${file} (metadata 'config')`);
  const sp = st.metadata.special_tokens;
  const ckpt = assemble(configJson, `${file} (metadata 'config')`, st, file,
    sp === undefined ? undefined : parseJson(sp, `${file} (metadata 'special_tokens')`), `${file} (metadata 'special_tokens')`);
  if (opts.requireFinite) requireFiniteWeights(ckpt.params, file);
  return ckpt;
}

/** Loads either form: a bundle's bytes, or a folder's files. */
export function loadCheckpoint(input: Uint8Array | Map<string, Uint8Array>, source: string, opts: LoadCheckpointOptions = {}): Checkpoint {
  return input instanceof Uint8Array ? checkpointFromBundle(input, source, opts) : checkpointFromFiles(input, source, opts);
}

/** flat parameter buffer of a checkpoint, in paramTable layout */
export function checkpointFlatParams(ckpt: Checkpoint): Float32Array {
  return fromParamMap(ckpt.config, ckpt.params, 'checkpoint');
}
