// What a run on a Hugging Face model exports, as named files (the CLI writes them to disk, the
// studio offers them as downloads):
// - the LoRA adapter in PEFT's layout (adapter_config.json + adapter_model.safetensors), loadable
//   with peft's PeftModel.from_pretrained(base, folder);
// - the merged model: base + LoRA in the base's own dtype, config.json, generation_config.json and
//   the tokenizer and chat-template files, loadable with transformers' from_pretrained;
// - a verl launch folder: train/val parquet, the overrides (actor_rollout_ref.model.path = the hub
//   id or local path, the LoRA options, the router options), run_lrpo.sh starting the reference
//   trainer with them, and a README saying what to install. A hub id at a pinned revision
//   (owner/name@rev) is written as the repository id, and run_lrpo.sh first downloads that revision
//   (huggingface-cli download --revision) and points actor_rollout_ref.model.path at the folder.

import type { Example } from '../../data/example';
import { writeExamplesParquet } from '../../data/parquet/write-parquet';
import type { HfFolder } from '../../engine/hf/folder';
import { peftAdapterFiles } from '../../engine/hf/peft';
import { llamaFolderFiles } from '../../engine/hf/save-folder';
import { f32ToTensor, tensorToF32, type HfTensor } from '../../engine/hf/tensors';
import { peftAdapterFromParams } from '../../engine/llama/adapter-export';
import { mergeLora, splitAdapter } from '../../engine/llama/merge';
import type { NamedTensor } from '../../engine/model-api';
import type { RunConfig } from '../config';
import { toVerlOverrides } from '../verl-overrides';
import { pinnedHubRevision } from '../../data/hub/hub-id';
import type { FamilyPolicy } from './family-policy';

/** the tokenizer / template files a model folder may hold, copied into a merged folder */
export const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json', 'chat_template.jinja', 'special_tokens_map.json', 'vocab.json', 'merges.txt'];

/** The trained adapter in PEFT's layout; `baseName` becomes base_model_name_or_path. */
export async function adapterFiles(p: FamilyPolicy, baseName: string): Promise<Map<string, Uint8Array>> {
  if (!p.spec || !p.lora) throw new Error('the run trains the whole model (model.lora_rank 0): there is no adapter to export; export the merged model instead');
  const tensors = await p.lora.trainable();
  return peftAdapterFiles(peftAdapterFromParams(p.hf.config, p.spec, tensors, baseName));
}

/**
 * Base + adapter merged, in the base's dtype, with the folder's tokenizer and template files (tag
 * mode: the resized embedding with the trained tag rows, config.json's vocab_size and the tokenizer
 * files holding the tags).
 */
export async function mergedModelFiles(p: FamilyPolicy, folder: HfFolder): Promise<Map<string, Uint8Array>> {
  let merged: Map<string, NamedTensor>;
  if (p.spec && p.lora) {
    const base = new Map<string, NamedTensor>();
    for (const [k, t] of p.hf.weights) base.set(k, { shape: t.shape, data: tensorToF32(t) });
    merged = mergeLora(p.hf.config, p.spec, base, splitAdapter(await p.lora.trainable()).adapter);
  } else {
    merged = splitAdapter(await p.model.exportParams()).base;
  }
  const weights = new Map<string, HfTensor>();
  for (const [k, t] of merged) weights.set(k, f32ToTensor(t.data, t.shape, p.hf.weights.get(k)?.dtype ?? 'F32'));
  const extra = new Map<string, Uint8Array>();
  for (const f of TOKENIZER_FILES) {
    const bytes = p.tags?.files.get(f) ?? (await folder.read(f));
    if (bytes) extra.set(f, bytes);
  }
  return llamaFolderFiles(p.hf.configJson, weights, p.hf.generation, extra);
}

export interface VerlLaunchInputs {
  config: RunConfig;
  /** actor_rollout_ref.model.path on the cluster: the hub id, or the local path */
  modelPath: string;
  train: readonly Example[];
  val: readonly Example[];
  /**
   * tag mode: the policy's vocabulary was resized for the <|out_lang_xx|> tags, which the hub model
   * lacks; verl starts from the merged model (the tags and their trained rows) in `mergedFolder`, a
   * path relative to the launch folder
   */
  tags?: { vocab: { before: number; after: number }; count: number; mergedFolder: string };
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The verl launch folder's files. */
export async function verlLaunchFiles(i: VerlLaunchInputs): Promise<Map<string, Uint8Array>> {
  const enc = new TextEncoder();
  const c = structuredClone(i.config);
  c.model.path = i.tags ? i.tags.mergedFolder : i.modelPath;
  c.data.train_files = 'train.parquet';
  c.data.val_files = i.val.length ? 'val.parquet' : '';
  const files = new Map<string, Uint8Array>();
  files.set('train.parquet', await writeExamplesParquet(i.train, { split: 'train' }));
  if (i.val.length) files.set('val.parquet', await writeExamplesParquet(i.val, { split: 'test' }));
  let overrides = toVerlOverrides(c);
  if (i.tags) {
    overrides += [
      `# tag mode: ${i.tags.count} <|out_lang_xx|> tokens added to ${i.modelPath}'s tokenizer, vocabulary resized from ${i.tags.vocab.before} to ${i.tags.vocab.after};`,
      `# actor_rollout_ref.model.path is the studio's merged model (tags, their trained rows, resized embedding), not ${i.modelPath}`,
      `+actor_rollout_ref.model.override_config.vocab_size=${i.tags.vocab.after}`,
      '',
    ].join('\n');
  }
  files.set('verl_overrides.txt', enc.encode(overrides));
  // a hub id at a pinned revision: verl would load the main branch, so the script downloads that
  // revision into a folder first and points actor_rollout_ref.model.path at it (tag mode starts from
  // the merged model instead, a folder next to this one)
  const pinned = i.tags ? null : pinnedHubRevision(i.modelPath);
  const args = overrides.split('\n').filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      if (/^(data\.(train|val)_files)=(.*)$/.test(l) || /^actor_rollout_ref\.model\.path=\.\.?\//.test(l)) return l.replace(/=(.*)$/, (_, f) => `="$HERE/${f}"`);
      if (pinned && l.startsWith('actor_rollout_ref.model.path=')) return 'actor_rollout_ref.model.path="$MODEL_DIR"';
      return shellQuote(l);
    });
  const download = pinned
    ? [
      `# the model at the revision the studio used (${pinned.repo}@${pinned.revision}); HF_ENDPOINT selects a mirror, MODEL_DIR another folder`,
      'MODEL_DIR="${MODEL_DIR:-$HERE/model}"',
      `huggingface-cli download ${shellQuote(pinned.repo)} --revision ${shellQuote(pinned.revision)} --local-dir "$MODEL_DIR"`,
    ]
    : [];
  const script = [
    '#!/usr/bin/env bash',
    '# Written by LRPO Studio: starts the reference LRPO trainer (its verl fork) with this run\'s settings.',
    '# The overrides are the same as verl_overrides.txt; add cluster settings (trainer.n_gpus_per_node,',
    '# trainer.nnodes, rollout engine, micro-batch sizes) after them or as arguments to this script.',
    'set -euo pipefail',
    'HERE="$(cd "$(dirname "$0")" && pwd)"',
    ...download,
    'python3 -m verl.trainer.main_ppo \\',
    ...args.map((a) => `  ${a} \\`),
    '  "$@"',
    '',
  ].join('\n');
  files.set('run_lrpo.sh', enc.encode(script));
  const lora = c.model.lora_rank > 0
    ? `LoRA: rank ${c.model.lora_rank}, alpha ${c.model.lora_alpha}, target_modules ${c.model.target_modules} (verl needs peft installed).`
    : 'No LoRA (model.lora_rank 0): full fine-tuning.';
  const readme = [
    '# verl launch folder (written by LRPO Studio)',
    '',
    i.tags
      ? `Model: the merged model in \`${i.tags.mergedFolder}\` (actor_rollout_ref.model.path; export "Merged model" from the same run and unzip it there): \`${i.modelPath}\` with ${i.tags.count} \`<|out_lang_xx|>\` tokens added (vocabulary ${i.tags.vocab.before} -> ${i.tags.vocab.after}, stated as \`+actor_rollout_ref.model.override_config.vocab_size\`) and their rows trained by the warm-start SFT (instruction_mode tag). ${lora}`
      : pinned
      ? `Model: \`${pinned.repo}\` at revision \`${pinned.revision}\`: run_lrpo.sh downloads that revision into \`model/\` (\`huggingface-cli download --revision\`) and sets actor_rollout_ref.model.path to it (verl would load the main branch of a hub id). ${lora}`
      : `Model: \`${i.modelPath}\` (actor_rollout_ref.model.path). ${lora}`,
    `Data: train.parquet (${i.train.length} questions)${i.val.length ? `, val.parquet (${i.val.length} questions)` : ''}, verl's row layout.`,
    '',
    '## What to install',
    '',
    '- The reference LRPO implementation (its verl fork with the language router: the `+data.lang_policy_*`',
    '  options). Plain verl does not know the router options and will refuse them.',
    '- Its Python requirements: PyTorch with CUDA, vLLM (or SGLang) for rollouts, transformers, peft',
    '  (LoRA), fasttext with lid.176.bin (the language gate) and the embedding model the reward uses.',
    ...(pinned ? ['- huggingface_hub (`pip install -U huggingface_hub`), whose `huggingface-cli download` fetches the model\'s revision.'] : []),
    '- GPUs: set trainer.n_gpus_per_node / trainer.nnodes for your cluster.',
    '',
    '## Run',
    '',
    '```',
    'bash run_lrpo.sh trainer.n_gpus_per_node=8',
    '```',
    '',
    'verl_overrides.txt holds the same settings one per line; `# studio:` lines are settings that only',
    'LRPO Studio reads (the studio can import this file back).',
    '',
  ].join('\n');
  files.set('README.md', enc.encode(readme));
  return files;
}
