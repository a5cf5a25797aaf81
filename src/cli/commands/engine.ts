// `lrpo-studio engine init|forward|generate|merge`:
//   engine init [--arch gpt2] --n-layer L --n-head H --n-embd C --block-size T --seed S --out DIR
//               [--langs ar,de,...] [--vocab-size V] [--bundle FILE.safetensors] [--force]
//     writes a random GPT-2 checkpoint folder (config.json, model.safetensors, special_tokens.json)
//     and optionally the same checkpoint as one bundle file; refuses to overwrite an existing
//     checkpoint unless --force.
//   engine forward --checkpoint DIR|FILE --tokens FILE.json --out OUT.safetensors [--backend cpu|webgpu]
//     writes logits [B,T,V], loss (mean next-token cross-entropy over all positions but the last of
//     each row) and grad.<name> for every parameter.
//   engine init --arch llama|qwen2|qwen3 --out DIR [--n-layer --n-head --n-kv-head --hidden-size
//               --head-dim --intermediate-size --vocab-size --block-size --seed --dtype f32|bf16|f16
//               --untied --tokenizer DIR --force]
//     a random Llama-family model in Hugging Face layout (config.json, model.safetensors,
//     generation_config.json, the tokenizer files of --tokenizer DIR).
//   engine forward --checkpoint DIR [--adapter DIR] ...: any family; with a PEFT adapter the
//     gradients are the adapter's, grad.<PEFT name>.
//   engine generate --checkpoint DIR [--adapter DIR] --prompt TEXT [--chat] [--max-new-tokens N]
//                   [--temperature T] [--top-k K] [--top-p P] [--seed S] [--backend cpu|webgpu]
//     prints the completion; greedy by default (--temperature 0).
//   engine merge --checkpoint DIR --adapter DIR --out DIR   base + LoRA merged, in the base's dtype.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArgError, intOpt, parseArgs, requireOpt, stringOpt, unknownOptions } from '../args';
import { checkpointFromFlat } from '../../engine/checkpoint/checkpoint';
import { loadCheckpointPath, saveCheckpointBundle, saveCheckpointDir } from '../../engine/checkpoint/checkpoint-fs';
import { writeSafetensors } from '../../engine/checkpoint/safetensors';
import { initParams, numParams } from '../../engine/gpt/params';
import type { GPTConfig } from '../../engine/model-api';
import { buildSpecialTable, DEFAULT_OUT_LANGS } from '../../engine/tokenizer/special-tokens';
import { hfArchitecture } from '../../engine/hf/config';
import { ByteTokenizer } from '../../engine/tokenizer/byte-tokenizer';
import { forwardFamily, generateFamily, initFamily, mergeFamily } from '../engine/family';
import { forwardReport } from '../engine/forward-report';
import { parseTokenFile } from '../engine/tokens-file';

const USAGE = `usage:
  lrpo-studio engine init --n-layer 2 --n-head 2 --n-embd 64 --block-size 64 --seed 1 --out DIR
                          [--langs ar,de,...] [--vocab-size N] [--bundle FILE.safetensors] [--force]
  lrpo-studio engine init --arch llama|qwen2|qwen3 --out DIR [--n-layer 2 --n-head 4 --n-kv-head 2
                          --hidden-size 64 --head-dim 16 --intermediate-size 192 --vocab-size N
                          --block-size 128 --seed 0 --dtype f32|bf16|f16 --untied --tokenizer DIR --force]
  lrpo-studio engine forward --checkpoint DIR|FILE [--adapter DIR] --tokens FILE.json --out OUT.safetensors [--backend cpu|webgpu]
  lrpo-studio engine generate --checkpoint DIR [--adapter DIR] --prompt TEXT [--chat] [--max-new-tokens 32]
                              [--temperature 0] [--top-k K] [--top-p P] [--seed 0] [--backend cpu|webgpu]
  lrpo-studio engine merge --checkpoint DIR --adapter DIR --out DIR`;

const FAMILY_INIT_OPTS = ['arch', 'out', 'n-layer', 'n-head', 'n-kv-head', 'hidden-size', 'n-embd', 'head-dim', 'intermediate-size', 'vocab-size',
  'block-size', 'seed', 'dtype', 'untied', 'tokenizer', 'force', 'rope-theta', 'eos-id'];

function backendOpt(a: ReturnType<typeof parseArgs>): 'cpu' | 'webgpu' {
  const backend = stringOpt(a, 'backend') ?? 'cpu';
  if (backend !== 'cpu' && backend !== 'webgpu') throw new ArgError(`--backend must be cpu or webgpu, got '${backend}'`);
  return backend;
}

/** 'gpt2' for a single-file bundle or a GPT-2 folder, else the Llama family its config.json names. */
function checkpointArch(path: string): ReturnType<typeof hfArchitecture> {
  const cfg = join(path, 'config.json');
  if (!existsSync(cfg)) return 'gpt2'; // a bundle file, or a folder loadCheckpointPath will explain
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(cfg, 'utf8'));
  } catch (e) {
    throw new Error(`${cfg}: not valid JSON (${(e as Error).message})`);
  }
  return hfArchitecture(json, cfg);
}

async function init(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ['force', 'untied']);
  const arch = stringOpt(a, 'arch') ?? 'gpt2';
  if (arch === 'llama' || arch === 'qwen2' || arch === 'qwen3') {
    unknownOptions(a, FAMILY_INIT_OPTS);
    console.log(initFamily(arch, a, requireOpt(a, 'out')));
    return 0;
  }
  if (arch !== 'gpt2') throw new ArgError(`--arch must be gpt2, llama, qwen2 or qwen3, got '${arch}'`);
  unknownOptions(a, ['arch', 'n-layer', 'n-head', 'n-embd', 'block-size', 'seed', 'out', 'langs', 'vocab-size', 'bundle', 'force']);
  const langsOpt = stringOpt(a, 'langs');
  const langs = langsOpt ? langsOpt.split(',').map((s) => s.trim()).filter(Boolean) : [...DEFAULT_OUT_LANGS];
  const table = buildSpecialTable(langs);
  const vocabSize = intOpt(a, 'vocab-size', table.vocabSize);
  if (vocabSize < table.vocabSize) throw new ArgError(`--vocab-size ${vocabSize} is smaller than the tokenizer's ${table.vocabSize} ids`);
  const config: GPTConfig = {
    nLayer: intOpt(a, 'n-layer', 2),
    nHead: intOpt(a, 'n-head', 2),
    nEmbd: intOpt(a, 'n-embd', 64),
    blockSize: intOpt(a, 'block-size', 64),
    vocabSize,
    layerNormEps: 1e-5,
  };
  const seed = intOpt(a, 'seed', 0);
  const out = requireOpt(a, 'out');
  if (existsSync(join(out, 'model.safetensors')) && !a.options.has('force')) {
    throw new Error(`${out} already holds a checkpoint (model.safetensors); pass --force to overwrite it`);
  }
  const ckpt = checkpointFromFlat(config, initParams(config, seed), table);
  saveCheckpointDir(out, ckpt);
  const bundle = stringOpt(a, 'bundle');
  if (bundle) saveCheckpointBundle(bundle, ckpt);
  console.log(`wrote ${out} (${numParams(config)} parameters, vocab ${vocabSize}, seed ${seed})${bundle ? ` and ${bundle}` : ''}`);
  return 0;
}

async function forward(argv: string[]): Promise<number> {
  const a = parseArgs(argv);
  unknownOptions(a, ['checkpoint', 'adapter', 'tokens', 'out', 'backend']);
  const backend = backendOpt(a);
  const path = requireOpt(a, 'checkpoint');
  if (checkpointArch(path) !== 'gpt2') {
    console.log(await forwardFamily(path, stringOpt(a, 'adapter'), requireOpt(a, 'tokens'), requireOpt(a, 'out'), backend));
    return 0;
  }
  if (a.options.has('adapter')) throw new ArgError('--adapter (PEFT LoRA) is for Llama / Qwen2 / Qwen3 checkpoints; this one is GPT-2');
  const ckpt = loadCheckpointPath(path, { requireFinite: true });
  const tokensPath = requireOpt(a, 'tokens');
  const out = requireOpt(a, 'out');
  let text: string;
  try {
    text = readFileSync(tokensPath, 'utf8');
  } catch (e) {
    throw new Error(`${tokensPath}: cannot read (${(e as Error).message})`);
  }
  const rows = parseTokenFile(text, tokensPath, ckpt.config.vocabSize, ckpt.config.blockSize);
  const { createModel } = await import('../../engine/index');
  const model = await createModel({ backend, checkpoint: ckpt });
  try {
    const { loss, tensors } = await forwardReport(model, rows);
    writeFileSync(out, writeSafetensors(tensors, { format: 'pt', backend }));
    console.log(`loss ${loss.toFixed(6)}  logits [${rows.B}, ${rows.T}, ${ckpt.config.vocabSize}]  ${tensors.size - 2} gradients  (${backend}) -> ${out}`);
  } finally {
    model.destroy();
  }
  return 0;
}

function floatOpt(a: ReturnType<typeof parseArgs>, name: string, fallback: number): number {
  const v = stringOpt(a, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new ArgError(`option --${name} must be a non-negative number, got '${v}'`);
  return n;
}

async function generate(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ['chat']);
  unknownOptions(a, ['checkpoint', 'adapter', 'prompt', 'chat', 'max-new-tokens', 'temperature', 'top-k', 'top-p', 'seed', 'backend']);
  const path = requireOpt(a, 'checkpoint');
  const prompt = requireOpt(a, 'prompt');
  const maxNewTokens = intOpt(a, 'max-new-tokens', 32);
  if (maxNewTokens < 0) throw new ArgError(`--max-new-tokens must be >= 0, got ${maxNewTokens}`);
  const temperature = floatOpt(a, 'temperature', 0);
  const topK = a.options.has('top-k') ? intOpt(a, 'top-k', 0) : undefined;
  const topP = a.options.has('top-p') ? floatOpt(a, 'top-p', 1) : undefined;
  if (topK !== undefined && topK < 0) throw new ArgError(`--top-k must be >= 0, got ${topK}`);
  if (topP !== undefined && !(topP > 0 && topP <= 1)) throw new ArgError(`--top-p must be in (0, 1], got ${topP}`);
  const seed = intOpt(a, 'seed', 0);
  const backend = backendOpt(a);
  if (checkpointArch(path) !== 'gpt2') {
    const r = await generateFamily({ dir: path, adapterDir: stringOpt(a, 'adapter'), prompt, chat: a.options.has('chat'), maxNewTokens, temperature, topK, topP, seed, backend });
    console.log(r.text);
    return 0;
  }
  if (a.options.has('adapter')) throw new ArgError('--adapter (PEFT LoRA) is for Llama / Qwen2 / Qwen3 checkpoints; this one is GPT-2');
  if (a.options.has('chat')) throw new ArgError('--chat needs a chat template; GPT-2 byte-level checkpoints have none');
  const ckpt = loadCheckpointPath(path, { requireFinite: true });
  const tok = new ByteTokenizer(ckpt.specialTokens ?? undefined);
  const ids = [tok.bosId, ...tok.encodeWithSpecials(prompt)];
  const { createModel } = await import('../../engine/index');
  const model = await createModel({ backend, checkpoint: ckpt });
  try {
    const r = await model.generate([ids], { maxNewTokens, temperature, topK, topP, seed, eosId: tok.eosId });
    console.log(tok.decode(r.tokens[0].filter((t) => t !== tok.eosId), { skipSpecials: true }));
  } finally {
    model.destroy();
  }
  return 0;
}

async function merge(argv: string[]): Promise<number> {
  const a = parseArgs(argv);
  unknownOptions(a, ['checkpoint', 'adapter', 'out']);
  const path = requireOpt(a, 'checkpoint');
  if (checkpointArch(path) === 'gpt2') throw new ArgError('engine merge is for Llama / Qwen2 / Qwen3 checkpoints with a PEFT adapter');
  console.log(await mergeFamily(path, requireOpt(a, 'adapter'), requireOpt(a, 'out')));
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === 'init') return await init(rest);
    if (sub === 'forward') return await forward(rest);
    if (sub === 'generate') return await generate(rest);
    if (sub === 'merge') return await merge(rest);
    console.error(sub ? `engine: unknown subcommand '${sub}'\n${USAGE}` : USAGE);
    return 2;
  } catch (e) {
    console.error(`engine ${sub}: ${(e as Error).message}`);
    return e instanceof ArgError ? 2 : 1;
  }
}
