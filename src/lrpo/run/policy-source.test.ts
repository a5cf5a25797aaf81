// The run's policy built from its description (policy-source.ts) on the CPU: a fresh init of model.*
// (the engine's init from the run seed, a tag for each router language), a checkpoint's files (the
// same weights; a non-finite weight refused naming the file and tensor), and a Llama-family folder
// (the qwen2-tiny fixture in /work/shared/fixtures): with LoRA the run's KL reference is the base
// without the adapter, a view over the policy's weights (no copy, no reference in the save); with
// full fine-tuning a frozen copy of the given weights. Questions: src/lrpo/testing (ours).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkpointToFiles } from '../../engine/checkpoint/checkpoint';
import { fsFolder } from '../../engine/hf/folder-fs';
import { createModel } from '../../engine/index';
import type { Model, ModelConfigBase } from '../../engine/model-api';
import { buildSpecialTable } from '../../engine/tokenizer/special-tokens';
import { defaultRunConfig, type RunConfig } from '../config';
import { tinyExamples } from '../testing/tiny-examples';
import type { RolloutScorer } from '../trainer';
import { buildPolicy } from './policy-source';
import { Run } from './run';

const FIXTURE = fileURLToPath(new URL('../../../../shared/fixtures/qwen2-tiny', import.meta.url));
const LANGS = ['de', 'en', 'zh'];
const score: RolloutScorer = async (items) => items.map(() => ({ detectedLang: null, similarity: 0, calibrated: 0, reward: 0 }));

function gpt2Config(): RunConfig {
  const c = defaultRunConfig();
  c.seed = 4;
  c.backend = 'cpu';
  c.router.languages = LANGS;
  c.model = { ...c.model, checkpoint: '', n_layer: 1, n_head: 2, n_embd: 16, block_size: 48 };
  return c;
}

function familyConfig(loraRank: number): RunConfig {
  const c = gpt2Config();
  c.model = { ...c.model, path: FIXTURE, lora_rank: loraRank, lora_alpha: 4, target_modules: 'q_proj,v_proj' };
  c.data = { ...c.data, instruction_mode: 'chat', max_prompt_length: 64, max_response_length: 8, train_batch_size: 2 };
  c.actor = { ...c.actor, use_kl_loss: true, rollout_n: 2, ppo_mini_batch_size: 2 };
  c.sft = { ...c.sft, steps: 0 };
  return c;
}

const flat = async (m: Model<ModelConfigBase>) => [...(await m.exportParams())].map(([k, t]) => [k, Array.from(t.data)]);

describe('buildPolicy', () => {
  it('a fresh init: the engine init of model.* from the run seed, with a tag for each router language', async () => {
    const c = gpt2Config();
    const p = await buildPolicy(c, { kind: 'init' }, 'cpu');
    const tagsVocab = buildSpecialTable(LANGS).vocabSize;
    expect(p.gpt2!.model.config).toMatchObject({ nLayer: 1, nHead: 2, nEmbd: 16, blockSize: 48, vocabSize: tagsVocab });
    const same = await createModel({ backend: 'cpu', config: p.gpt2!.model.config, seed: 4 });
    expect(await flat(p.model)).toEqual(await flat(same));
    expect(LANGS.map((l) => p.tokenizer.langTokenId(l))).toHaveLength(3);
    expect([p.source, p.family, p.lora]).toEqual(['init(seed=4)', null, undefined]);
    // the reference maker: a frozen copy of the given weights on the same backend
    const ref = await p.makeReference(await p.model.exportParams());
    expect(ref.backend).toBe('cpu');
    expect(await flat(ref)).toEqual(await flat(p.model));
  });

  it("a checkpoint's files: its weights and tokenizer; a non-finite weight is refused naming the file and tensor", async () => {
    const c = gpt2Config();
    const src = await buildPolicy(c, { kind: 'init' }, 'cpu');
    const ckpt = { config: src.gpt2!.model.config, params: await src.model.exportParams(), specialTokens: buildSpecialTable(LANGS) };
    const p = await buildPolicy(c, { kind: 'checkpoint-files', name: 'ckpt-dir', files: checkpointToFiles(ckpt) }, 'cpu');
    expect(await flat(p.model)).toEqual(await flat(src.model));
    expect(p.source).toBe('ckpt-dir');
    expect(p.gpt2!.tokenizer.table).toEqual(ckpt.specialTokens);
    ckpt.params.get('transformer.wte.weight')!.data[2] = NaN;
    await expect(buildPolicy(c, { kind: 'checkpoint-files', name: 'bad-dir', files: checkpointToFiles(ckpt) }, 'cpu'))
      .rejects.toThrow(/bad-dir.*transformer\.wte\.weight.*non-finite/s);
  });

  it("a Llama-family folder with LoRA: the run's reference is the base without the adapter, not a copy", async () => {
    const c = familyConfig(2);
    const run = await Run.create({ config: c, policy: { kind: 'family', folder: fsFolder(FIXTURE) }, backend: 'cpu', train: tinyExamples(), val: [], score, similarity: 'match' });
    const p = run.policy;
    expect(p.family?.spec).toMatchObject({ r: 2, alpha: 4 });
    expect(p.gpt2).toBeNull();
    expect(run.reference).toBe(p.lora!.reference);
    const save = await run.capture();
    expect(save.reference).toBeNull();
    expect([...save.policy.keys()].every((k) => k.includes('lora_'))).toBe(true);
    run.dispose();
  });

  it('a Llama-family folder without LoRA (full fine-tuning): the reference is a frozen copy of the given weights', async () => {
    const c = familyConfig(0);
    const p = await buildPolicy(c, { kind: 'family', folder: fsFolder(FIXTURE) }, 'cpu');
    expect(p.lora).toBeUndefined();
    const ref = await p.makeReference(await p.model.exportParams());
    expect(ref).not.toBe(p.model);
    expect(await flat(ref)).toEqual(await flat(p.model));
  });
});
