// The Llama-family half of `lrpo-studio engine` (init / forward / generate / merge on Hugging Face
// folders); commands/engine.ts dispatches here when --arch is llama|qwen2|qwen3 or the checkpoint's
// config.json names a Llama-family architecture.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArgError, intOpt, stringOpt, type ParsedArgs } from '../args';
import { writeSafetensors } from '../../engine/checkpoint/safetensors';
import { loadChatTemplate } from '../../engine/hf/chat-template';
import { toHfLlamaConfig, type LlamaConfig, type LlamaFamily } from '../../engine/hf/config';
import { requireFiniteHf } from '../../engine/hf/finite';
import { fsFolder, writeFolderFiles } from '../../engine/hf/folder-fs';
import { loadLlamaFolder, type HfLlamaModel } from '../../engine/hf/model-folder';
import { readPeftAdapter, type PeftAdapter } from '../../engine/hf/peft';
import { llamaFolderFiles } from '../../engine/hf/save-folder';
import { f32ToTensor, type HfDtype, type HfTensor } from '../../engine/hf/tensors';
import { loadHfTokenizer } from '../../engine/hf/tokenizer';
import { weightsDtype } from '../../engine/hf/weights';
import { createFamilyModel } from '../../engine/llama/create-family-model';
import type { LlamaAdapter } from '../../engine/llama/cpu-model';
import { initLlamaParams } from '../../engine/llama/init';
import { packLora } from '../../engine/llama/lora';
import { mergeLora, splitAdapter } from '../../engine/llama/merge';
import { flatLayout } from '../../engine/llama/weights';
import type { BackendName } from '../../engine/model-api';
import { forwardReport } from './forward-report';
import { parseTokenFile } from './tokens-file';

const ARCHS: Record<LlamaFamily, string> = { llama: 'LlamaForCausalLM', qwen2: 'Qwen2ForCausalLM', qwen3: 'Qwen3ForCausalLM' };
const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json', 'chat_template.jinja', 'special_tokens_map.json'];

function dtypeOpt(a: ParsedArgs): HfDtype {
  const d = (stringOpt(a, 'dtype') ?? 'f32').toLowerCase();
  const m: Record<string, HfDtype> = { f32: 'F32', float32: 'F32', bf16: 'BF16', bfloat16: 'BF16', f16: 'F16', float16: 'F16' };
  if (!(d in m)) throw new ArgError(`--dtype must be f32, bf16 or f16, got '${d}'`);
  return m[d];
}

/** `engine init --arch llama|qwen2|qwen3`: a random model in Hugging Face layout. */
export function initFamily(family: LlamaFamily, a: ParsedArgs, out: string): string {
  const nHead = intOpt(a, 'n-head', 4);
  const hidden = intOpt(a, 'hidden-size', intOpt(a, 'n-embd', 64));
  const headDim = intOpt(a, 'head-dim', Math.floor(hidden / nHead));
  if (family === 'qwen2' && headDim * nHead !== hidden) throw new ArgError('Qwen2 has no head_dim: --head-dim must equal --hidden-size / --n-head');
  let tokenizerDir = stringOpt(a, 'tokenizer');
  const extra = new Map<string, Uint8Array>();
  let vocabDefault = 1024;
  if (tokenizerDir) {
    if (!existsSync(join(tokenizerDir, 'tokenizer.json'))) throw new Error(`${tokenizerDir}: no tokenizer.json`);
    for (const f of TOKENIZER_FILES) if (existsSync(join(tokenizerDir, f))) extra.set(f, new Uint8Array(readFileSync(join(tokenizerDir, f))));
    const tj = JSON.parse(readFileSync(join(tokenizerDir, 'tokenizer.json'), 'utf8'));
    let max = 0;
    for (const id of Object.values((tj.model?.vocab ?? {}) as Record<string, number>)) max = Math.max(max, id);
    for (const t of tj.added_tokens ?? []) max = Math.max(max, t.id);
    vocabDefault = max + 1;
  } else tokenizerDir = undefined;
  const ropeTheta = Number(stringOpt(a, 'rope-theta') ?? (family === 'llama' ? 5e5 : 1e6));
  const config: LlamaConfig = {
    family,
    architecture: ARCHS[family],
    vocabSize: intOpt(a, 'vocab-size', vocabDefault),
    hiddenSize: hidden,
    intermediateSize: intOpt(a, 'intermediate-size', 3 * hidden),
    nLayer: intOpt(a, 'n-layer', 2),
    nHead,
    nKvHead: intOpt(a, 'n-kv-head', nHead),
    headDim,
    blockSize: intOpt(a, 'block-size', 128),
    rmsNormEps: family === 'llama' ? 1e-5 : 1e-6,
    ropeTheta,
    rope: { type: 'default' },
    qkvBias: family === 'qwen2',
    oBias: false,
    qkNorm: family === 'qwen3',
    tieWordEmbeddings: !a.options.has('untied'),
    bosId: null,
    eosIds: [intOpt(a, 'eos-id', tokenizerDir ? 2 : 0)],
    padId: 0,
  };
  if (vocabDefault > config.vocabSize) throw new ArgError(`--vocab-size ${config.vocabSize} is smaller than the tokenizer's ${vocabDefault} ids`);
  // the config passes the same checks as a downloaded one
  const json = toHfLlamaConfig(config);
  const seed = intOpt(a, 'seed', 0);
  const dtype = dtypeOpt(a);
  const flat = initLlamaParams(config, seed);
  const weights = new Map<string, HfTensor>();
  for (const e of flatLayout(config).entries) weights.set(e.name, f32ToTensor(flat.subarray(e.offset, e.offset + e.size), e.shape, dtype));
  if (existsSync(join(out, 'model.safetensors')) && !a.options.has('force')) throw new Error(`${out} already holds a checkpoint (model.safetensors); pass --force to overwrite it`);
  writeFolderFiles(out, llamaFolderFiles(json, weights, config, extra));
  return `wrote ${out} (${config.architecture}, ${flat.length} parameters, ${dtype}, vocab ${config.vocabSize}, seed ${seed}${tokenizerDir ? `, tokenizer from ${tokenizerDir}` : ''})`;
}

async function loadWithAdapter(dir: string, adapterDir: string | undefined): Promise<{ hf: HfLlamaModel; peft: PeftAdapter | null; adapter?: LlamaAdapter }> {
  const hf = await loadLlamaFolder(fsFolder(dir));
  requireFiniteHf(hf.weights, dir);
  if (!adapterDir) return { hf, peft: null };
  const peft = await readPeftAdapter(fsFolder(adapterDir), hf.config);
  return { hf, peft, adapter: { spec: peft.spec, params: packLora(hf.config, peft.spec, peft.tensors, adapterDir) } };
}

/** `engine forward` on a Llama-family folder. */
export async function forwardFamily(dir: string, adapterDir: string | undefined, tokensPath: string, out: string, backend: BackendName): Promise<string> {
  const { hf, adapter } = await loadWithAdapter(dir, adapterDir);
  let text: string;
  try {
    text = readFileSync(tokensPath, 'utf8');
  } catch (e) {
    throw new Error(`${tokensPath}: cannot read (${(e as Error).message})`);
  }
  const rows = parseTokenFile(text, tokensPath, hf.config.vocabSize, hf.config.blockSize);
  const model = await createFamilyModel(backend, { config: hf.config, weights: hf.weights, adapter });
  try {
    const { loss, tensors } = await forwardReport(model, rows);
    writeFileSync(out, writeSafetensors(tensors, { format: 'pt', backend }));
    return `loss ${loss.toFixed(6)}  logits [${rows.B}, ${rows.T}, ${hf.config.vocabSize}]  ${tensors.size - 2} gradients${adapter ? ' (LoRA adapter)' : ''}  (${backend}) -> ${out}`;
  } finally {
    model.destroy();
  }
}

export interface GenerateArgs {
  dir: string;
  adapterDir?: string;
  prompt: string;
  chat: boolean;
  maxNewTokens: number;
  temperature: number;
  topK?: number;
  topP?: number;
  seed: number;
  backend: BackendName;
}

/** `engine generate`: the prompt (through the chat template with --chat), then the completion. */
export async function generateFamily(g: GenerateArgs): Promise<{ text: string; promptIds: number[]; newIds: number[] }> {
  const { hf, adapter } = await loadWithAdapter(g.dir, g.adapterDir);
  const folder = fsFolder(g.dir);
  const tok = await loadHfTokenizer(folder, hf.config.vocabSize);
  if (!tok) throw new Error(`${g.dir}: no tokenizer.json, so a text prompt cannot be encoded`);
  let promptIds: number[];
  if (g.chat) {
    const tpl = await loadChatTemplate(folder);
    if (!tpl) throw new Error(`${g.dir}: --chat needs a chat template (chat_template.jinja or tokenizer_config.json's chat_template)`);
    // apply_chat_template(tokenize=True) encodes without adding special tokens: the template has them
    promptIds = tok.encode(tpl.render([{ role: 'user', content: g.prompt }], true), false);
  } else promptIds = tok.encode(g.prompt, true);
  if (promptIds.length === 0) throw new ArgError('--prompt encodes to no tokens');
  const model = await createFamilyModel(g.backend, { config: hf.config, weights: hf.weights, adapter });
  try {
    const eos = hf.generation.eosIds;
    const r = await model.generate([promptIds], {
      maxNewTokens: g.maxNewTokens, temperature: g.temperature, topK: g.topK, topP: g.topP, seed: g.seed, eosId: eos.length > 0 ? eos[0] : -1, eosIds: eos,
    });
    const newIds = r.tokens[0];
    const shown = newIds.filter((id) => !eos.includes(id));
    return { text: tok.decode(shown, true), promptIds, newIds };
  } finally {
    model.destroy();
  }
}

/** `engine merge`: base + adapter -> a Hugging Face folder with W + (alpha/r) B A in the base's dtype. */
export async function mergeFamily(dir: string, adapterDir: string, out: string): Promise<string> {
  const { hf, peft } = await loadWithAdapter(dir, adapterDir);
  const model = await createFamilyModel('cpu', { config: hf.config, weights: hf.weights, adapter: { spec: peft!.spec, params: packLora(hf.config, peft!.spec, peft!.tensors, adapterDir) } });
  const { base, adapter } = splitAdapter(await model.exportParams());
  model.destroy();
  const merged = mergeLora(hf.config, peft!.spec, base, adapter);
  const dtype = weightsDtype(hf.weights);
  const weights = new Map<string, HfTensor>();
  for (const [k, t] of merged) weights.set(k, f32ToTensor(t.data, t.shape, hf.weights.get(k)?.dtype ?? dtype));
  const extra = new Map<string, Uint8Array>();
  for (const f of TOKENIZER_FILES) if (existsSync(join(dir, f))) extra.set(f, new Uint8Array(readFileSync(join(dir, f))));
  writeFolderFiles(out, llamaFolderFiles(hf.configJson, weights, hf.generation, extra));
  return `wrote ${out} (${hf.config.architecture} with the adapter of ${adapterDir} merged: r ${peft!.spec.r}, alpha ${peft!.spec.alpha}, ${dtype})`;
}
