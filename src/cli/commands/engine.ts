// `lrpo-studio engine init|forward`:
//   engine init --n-layer L --n-head H --n-embd C --block-size T --seed S --out DIR
//               [--langs ar,de,...] [--vocab-size V] [--bundle FILE.safetensors] [--force]
//     writes a random GPT-2 checkpoint folder (config.json, model.safetensors, special_tokens.json)
//     and optionally the same checkpoint as one bundle file; refuses to overwrite an existing
//     checkpoint unless --force.
//   engine forward --checkpoint DIR|FILE --tokens FILE.json --out OUT.safetensors [--backend cpu|webgpu]
//     writes logits [B,T,V], loss (mean next-token cross-entropy over all positions but the last of
//     each row) and grad.<name> for every parameter.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArgError, intOpt, parseArgs, requireOpt, stringOpt, unknownOptions } from '../args';
import { checkpointFromFlat } from '../../engine/checkpoint/checkpoint';
import { loadCheckpointPath, saveCheckpointBundle, saveCheckpointDir } from '../../engine/checkpoint/checkpoint-fs';
import { writeSafetensors } from '../../engine/checkpoint/safetensors';
import { initParams, numParams } from '../../engine/gpt/params';
import type { GPTConfig } from '../../engine/model-api';
import { buildSpecialTable, DEFAULT_OUT_LANGS } from '../../engine/tokenizer/special-tokens';
import { forwardReport } from '../engine/forward-report';
import { parseTokenFile } from '../engine/tokens-file';

const USAGE = `usage:
  lrpo-studio engine init --n-layer 2 --n-head 2 --n-embd 64 --block-size 64 --seed 1 --out DIR
                          [--langs ar,de,...] [--vocab-size N] [--bundle FILE.safetensors] [--force]
  lrpo-studio engine forward --checkpoint DIR|FILE --tokens FILE.json --out OUT.safetensors [--backend cpu|webgpu]`;

async function init(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ['force']);
  unknownOptions(a, ['n-layer', 'n-head', 'n-embd', 'block-size', 'seed', 'out', 'langs', 'vocab-size', 'bundle', 'force']);
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
  unknownOptions(a, ['checkpoint', 'tokens', 'out', 'backend']);
  const backend = stringOpt(a, 'backend') ?? 'cpu';
  if (backend !== 'cpu' && backend !== 'webgpu') throw new ArgError(`--backend must be cpu or webgpu, got '${backend}'`);
  const ckpt = loadCheckpointPath(requireOpt(a, 'checkpoint'), { requireFinite: true });
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

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === 'init') return await init(rest);
    if (sub === 'forward') return await forward(rest);
    console.error(sub ? `engine: unknown subcommand '${sub}'\n${USAGE}` : USAGE);
    return 2;
  } catch (e) {
    console.error(`engine ${sub}: ${(e as Error).message}`);
    return e instanceof ArgError ? 2 : 1;
  }
}
