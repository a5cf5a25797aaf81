// Tag mode's warm-start SFT on a Hugging Face model, the same on both backends: openFamilyPolicy in
// instruction_mode tag (llama-tiny and qwen3-tiny fixtures, bf16, tied heads) adds the tags,
// resizes the embedding and trains the tag rows with LoRA. 4 SFT updates on the same tagged items
// give the same losses on WebGPU (base packed bf16) and the CPU (1e-4 relative), the loss falls,
// the tag rows move (the same on both, 1e-3 relative) while the base stays as stored, and the
// exported PEFT adapter holds the rows (parsed back: trainable_token_indices and tensor shapes).
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedTestContext } from '../../engine/backend/gpu-test-helpers';
import type { GpuContext } from '../../engine/backend/gpu-context';
import { fsFolder } from '../../engine/hf/folder-fs';
import { memoryFolder } from '../../engine/hf/folder';
import { readPeftAdapter } from '../../engine/hf/peft';
import { tensorToF32 } from '../../engine/hf/tensors';
import { Rng } from '../../engine/rng';
import { defaultRunConfig, type RunConfig } from '../config';
import { sftItems, sftStep } from '../sft';
import { adapterFiles } from './exports';
import { openFamilyPolicy } from './family-policy';
import { TAG_SFT_EXAMPLES as EXAMPLES, TAG_ROWS as ROWS } from '../testing/tag-sft-examples';

const root = fileURLToPath(new URL('../../../../shared/fixtures/', import.meta.url));
let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

function config(name: string): RunConfig {
  const c = defaultRunConfig();
  c.model.path = root + name;
  c.model.lora_rank = 2;
  c.model.lora_alpha = 4;
  c.model.target_modules = 'q_proj,v_proj,down_proj';
  c.data.instruction_mode = 'tag';
  c.data.max_prompt_length = 64;
  c.data.max_response_length = 12;
  c.router.languages = ['de', 'en', 'zh'];
  c.seed = 9;
  return c;
}

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let err = 0, scale = 0;
  for (let i = 0; i < b.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return err / scale;
}

for (const name of ['llama-tiny', 'qwen3-tiny']) {
  describe(`tag-mode SFT on ${name}: WebGPU vs CPU`, { timeout: 300_000 }, () => {
    it('the same losses and tag rows on both backends; rows move, the base stays; the adapter carries the rows', async () => {
      const c = config(name);
      const cpu = await openFamilyPolicy(fsFolder(c.model.path), c, { backend: 'cpu' });
      const gpu = await openFamilyPolicy(fsFolder(c.model.path), c, { backend: 'webgpu', gpu: ctx });
      const ids = cpu.tags!.tokenIds;
      expect(ids).toEqual(Array.from({ length: 15 }, (_, i) => 1024 + i));
      expect(gpu.spec!.tokenIds).toEqual(ids);
      expect(gpu.model.config.vocabSize).toBe(1039);
      const items = sftItems(EXAMPLES, cpu.tokenizer, { extraLangs: 2, languages: c.router.languages, mode: 'tag', maxPromptLength: 64, maxResponseLength: 12 }, new Rng(1));
      expect(items).toHaveLength(9);
      // the prompts are the same from both tokenizers and hold each item's tag
      const gpuItems = sftItems(EXAMPLES, gpu.tokenizer, { extraLangs: 2, languages: c.router.languages, mode: 'tag', maxPromptLength: 64, maxResponseLength: 12 }, new Rng(1));
      expect(gpuItems.map((x) => x.prompt)).toEqual(items.map((x) => x.prompt));
      for (const it of items) expect(it.prompt).toContain(cpu.tokenizer.langTokenId(it.lang));
      const start = (await cpu.lora!.trainable()).get(ROWS)!.data.slice();
      const lc: number[] = [], lg: number[] = [];
      for (let s = 0; s < 4; s++) {
        lc.push((await sftStep(cpu.model, items, cpu.tokenizer.padId, 2e-2)).loss);
        lg.push((await sftStep(gpu.model, items, gpu.tokenizer.padId, 2e-2)).loss);
      }
      expect(relErr(lg, lc)).toBeLessThan(1e-4);
      expect(lc[3]).toBeLessThan(lc[0]);
      const rc = (await cpu.lora!.trainable()).get(ROWS)!.data, rg = (await gpu.lora!.trainable()).get(ROWS)!.data;
      expect(relErr(rg, rc)).toBeLessThan(1e-3);
      expect(relErr(rc, start)).toBeGreaterThan(1e-3);
      // the frozen base: an old row of the embedding as stored
      const stored = tensorToF32(gpu.hf.weights.get('model.embed_tokens.weight')!);
      const exported = (await gpu.model.exportParams()).get('model.embed_tokens.weight')!.data;
      expect(exported.subarray(0, 1024 * 64)).toEqual(stored.subarray(0, 1024 * 64));
      // the PEFT adapter from the WebGPU run
      const files = await adapterFiles(gpu, c.model.path);
      const back = await readPeftAdapter(memoryFolder('adapter', files), gpu.hf.config);
      expect(JSON.parse(new TextDecoder().decode(files.get('adapter_config.json')!)).trainable_token_indices).toEqual(ids);
      expect(back.tensors.get(ROWS)!.shape).toEqual([15, gpu.hf.config.hiddenSize]);
      expect(relErr(back.tensors.get(ROWS)!.data, rg)).toBe(0);
      cpu.model.destroy();
      gpu.model.destroy();
    });
  });
}
