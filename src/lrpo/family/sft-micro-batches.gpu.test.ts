// sft.micro_batch_size on WebGPU in tag mode: the llama-tiny fixture (bf16 base packed on the GPU)
// with LoRA on q/v/down and the 15 trainable <|out_lang_xx|> rows (float32 beside the base,
// llama-gpu/token-rows: their gradient accumulates over backward passes) — 3 SFT steps in
// micro-batches of 3 items give the losses, LoRA matrices and tag rows of one pass over the batch of
// 9 (whose micro-batches hold different numbers of answer tokens). Tolerance: the same float32
// gradient summed in another order by GPU kernels (whose tiles follow the number of rows); losses
// 1e-6 relative and the accumulated gradient's norm (before clipping: a gradient scaled wrong would
// show here, AdamW's steps would hide it) 1e-5 relative; the weights 1e-3 of a tensor's largest
// magnitude, as tag-sft.gpu.test.ts compares WebGPU with the CPU, because AdamW divides each entry
// by its own sqrt(v) and so magnifies the rounding of near-zero entries (measured on SwiftShader:
// losses <= 7e-9, gradient norms <= 4e-7, LoRA matrices <= 1.6e-4 (layer 0 q_proj lora_A; the
// others <= 2e-5), tag rows <= 1.4e-4).
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedTestContext } from '../../engine/backend/gpu-test-helpers';
import type { GpuContext } from '../../engine/backend/gpu-context';
import { fsFolder } from '../../engine/hf/folder-fs';
import { Rng } from '../../engine/rng';
import { defaultRunConfig } from '../config';
import { sftItems, sftStep } from '../sft';
import { openFamilyPolicy } from './family-policy';
import { TAG_SFT_EXAMPLES as EXAMPLES, TAG_ROWS as ROWS } from '../testing/tag-sft-examples';
import { maxRel } from '../testing/compare';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

describe('tag-mode SFT in micro-batches on WebGPU (llama-tiny, LoRA + tag rows)', { timeout: 300_000 }, () => {
  it('micro-batches of 3 = one pass over the batch of 9: losses, LoRA matrices, tag rows', async () => {
    const c = defaultRunConfig();
    c.model.path = fileURLToPath(new URL('../../../../shared/fixtures/llama-tiny', import.meta.url));
    c.model.lora_rank = 2;
    c.model.lora_alpha = 4;
    c.model.target_modules = 'q_proj,v_proj,down_proj';
    c.data.instruction_mode = 'tag';
    c.router.languages = ['de', 'en', 'zh'];
    const run = async (micro: number) => {
      const p = await openFamilyPolicy(fsFolder(c.model.path), c, { backend: 'webgpu', gpu: ctx });
      try {
        const items = sftItems(EXAMPLES, p.tokenizer, { extraLangs: 2, languages: c.router.languages, mode: 'tag', maxPromptLength: 64, maxResponseLength: 12 }, new Rng(1));
        const start = await p.lora!.trainable();
        const losses: number[] = [], norms: number[] = [];
        for (let s = 0; s < 3; s++) {
          const r = await sftStep(p.model, items, p.tokenizer.padId, 2e-2, 1.0, 0.01, micro);
          losses.push(r.loss);
          norms.push(r.gradNorm);
        }
        return { items, losses, norms, start, trained: await p.lora!.trainable() };
      } finally {
        p.model.destroy();
      }
    };
    const whole = await run(0);
    const micro = await run(3);
    expect(whole.items).toHaveLength(9);
    expect(new Set([0, 3, 6].map((k) => whole.items.slice(k, k + 3).reduce((a, it) => a + it.answer.length, 0))).size).toBeGreaterThan(1);
    const rel = (a: number[], b: number[]) => Math.max(...a.map((x, i) => Math.abs(x - b[i]) / Math.abs(b[i])));
    expect(rel(micro.losses, whole.losses)).toBeLessThan(1e-6);
    expect(rel(micro.norms, whole.norms)).toBeLessThan(1e-5);
    expect(whole.losses[2]).toBeLessThan(whole.losses[0]);
    for (const k of whole.trained.keys()) expect(maxRel(micro.trained, whole.trained, k), k).toBeLessThan(1e-3);
    expect(maxRel(whole.trained, whole.start, ROWS)).toBeGreaterThan(1e-3); // the rows moved
  });
});
