// bench:train's pure figures (not its speed): first-step and steady-state means from hand-made step
// timings, ratios, the largest micro-batch the plan fits (checked against the bytes worked out by
// hand for the Qwen2.5-0.5B shape), and the table's rows.
import { describe, expect, it } from 'vitest';
import { FAMILY_SHAPES } from '../../engine/bench/family-shapes';
import { defaultRunConfig } from '../../lrpo/config';
import { planRunMemory } from '../../lrpo/family/run-memory-plan';
import { largestFittingMicroBatch, ratio, stepFigures, trainBenchTable, type StepSample } from './train-bench-figures';

const sample = (step: number, gen: number, reward: number, adv: number, update: number, tokens: number, cpuSec = step): StepSample => ({
  timing: { 'timing_s/step': step, 'timing_s/gen': gen, 'timing_s/reward': reward, 'timing_s/adv': adv, 'timing_s/update_actor': update }, tokens, cpuSec,
});

describe('stepFigures', () => {
  it('keeps step 1 apart and averages the rest; tokens/s over the steady steps only', () => {
    const f = stepFigures([sample(10, 4, 0.5, 0.1, 5, 100, 12), sample(3, 1, 0.2, 0, 1.5, 60, 2.5), sample(5, 2, 0.4, 0.2, 2.1, 90, 4.5)]);
    expect(f.steps).toBe(3);
    expect(f.tokens).toEqual([100, 60, 90]);
    expect(f.first).toEqual({ step: 10, rollouts: 4, reward: 0.5, advantages: 0.1, update: 5, cpu: 12 });
    expect(f.steady!.cpu).toBeCloseTo(3.5, 12);
    expect(f.steady!.steps).toBe(2);
    expect(f.steady!.step).toBeCloseTo(4, 12);
    expect(f.steady!.rollouts).toBeCloseTo(1.5, 12);
    expect(f.steady!.reward).toBeCloseTo(0.3, 12);
    expect(f.steady!.advantages).toBeCloseTo(0.1, 12);
    expect(f.steady!.update).toBeCloseTo(1.8, 12);
    expect(f.steady!.tokensPerSec).toBeCloseTo(150 / 8, 12); // (60 + 90) tokens in (3 + 5) s
  });

  it('has no steady state with one step, and refuses no steps or a missing timing field', () => {
    expect(stepFigures([sample(2, 1, 0, 0, 1, 10)]).steady).toBeNull();
    expect(() => stepFigures([])).toThrow('no LRPO step was measured');
    expect(() => stepFigures([{ timing: { 'timing_s/step': 1 }, tokens: 1, cpuSec: 1 }])).toThrow('timing field timing_s/gen is missing');
  });
});

it('ratio: a / b, NaN when a side is missing or b is 0', () => {
  expect(ratio(3, 4)).toBe(0.75);
  expect(ratio(undefined, 4)).toBeNaN();
  expect(ratio(3, null)).toBeNaN();
  expect(ratio(3, 0)).toBeNaN();
  expect(ratio(NaN, 2)).toBeNaN();
});

describe('largestFittingMicroBatch', () => {
  // Qwen2.5-0.5B, 80 + 128 = 208 tokens per row, vocab 151936: one pass's logits buffer is
  // rows x 208 x 151936 x 4 B = rows x 126,402,752 B (0.1177 GiB). A 2 GiB binding holds 16 rows
  // (16.99), so of the divisors of 4 x 8 = 32 responses, 32 does not fit and 16 does.
  const c = defaultRunConfig();
  c.model = { ...c.model, lora_rank: 16, lora_alpha: 32, target_modules: 'all-linear' };
  c.data = { ...c.data, instruction_mode: 'chat', max_prompt_length: 80, max_response_length: 128, train_batch_size: 4 };
  c.actor = { ...c.actor, rollout_n: 8, ppo_mini_batch_size: 4, ppo_micro_batch_size: 0 };
  const shape = FAMILY_SHAPES['qwen2.5-0.5b'];
  const limits = { maxBufferSize: 4 * 2 ** 30, maxStorageBufferBindingSize: 2 * 2 ** 30, budgetBytes: Infinity };

  it('picks 16 responses per pass for a 2 GiB binding, the plan of that micro-batch', () => {
    expect(planRunMemory(c, shape, 'BF16', limits).fits).toBe(false);
    const best = largestFittingMicroBatch(c, shape, 'BF16', limits)!;
    expect(best.micro).toBe(16);
    expect(best.plan.fits).toBe(true);
    expect(best.plan.update.rows).toBe(16);
    expect(best.plan.parts.find((p) => p.name === 'logits')!.largest.bytes).toBe(16 * 208 * 151936 * 4);
  });

  it('takes the whole mini-batch when it fits, and null when not even one response fits', () => {
    const roomy = { maxBufferSize: Infinity, maxStorageBufferBindingSize: Infinity, budgetBytes: Infinity };
    expect(largestFittingMicroBatch(c, shape, 'BF16', roomy)!.micro).toBe(32);
    expect(largestFittingMicroBatch(c, shape, 'BF16', { ...limits, maxStorageBufferBindingSize: 100 * 2 ** 20 })).toBeNull();
  });
});

it('trainBenchTable: a row per model and backend, the WebGPU/CPU ratios, GPU bytes against the plan', () => {
  const figures = (k: number, t = 100) => stepFigures([sample(10 * k, 4 * k, 0, 0, 5 * k, 100), sample(2 * k, 1 * k, 0, 0, 1 * k, t, 3 * k)]);
  const part = (name: 'weights' | 'lora' | 'activations' | 'kvCache', mb: number) => ({ name, bytes: mb * 2 ** 20, largest: { what: name, bytes: mb * 2 ** 20 } });
  const parts = [part('weights', 0.5), part('lora', 0.5), part('activations', 2), part('kvCache', 1)];
  const plan = { parts, total: 4 * 2 ** 20, fits: true, problems: [], update: { rows: 8, tokens: 112 }, sft: null, pass: 'update' as const, kv: { rows: 8, length: 112 } };
  const lines = trainBenchTable([
    { model: 'qwen2-tiny', backend: 'webgpu', buildSec: 0.4, figures: figures(4), gpu: { afterBuild: 2 ** 20, heldBetweenSteps: 1.5 * 2 ** 20, peak: 3 * 2 ** 20, plan } },
    { model: 'qwen2-tiny', backend: 'cpu', buildSec: 0.1, figures: figures(1) },
  ]);
  const text = lines.join('\n');
  expect(lines.filter((l) => l.startsWith('qwen2-tiny'))).toHaveLength(4); // two timing rows, one ratio row, one bytes row
  expect(lines.find((l) => l.startsWith('qwen2-tiny') && l.includes('webgpu'))).toMatch(/0\.40\s+40\.00\s+8\.00 \(1\)\s+4\.00\s+0\.00\s+4\.00\s+0\.00\s+12\.5\s+12\.00$/);
  expect(text).toMatch(/qwen2-tiny\s+4\.00\s+4\.00\s+4\.00\s+4\.00\s+4\.00\s+yes$/m); // every WebGPU time is 4x the CPU's, same tokens
  expect(trainBenchTable([
    { model: 'm', backend: 'webgpu', buildSec: 1, figures: figures(2, 90) }, { model: 'm', backend: 'cpu', buildSec: 1, figures: figures(1) },
  ]).join('\n')).toContain('no (100,90 vs 100,100)');
  // after build 1 / (weights 0.5 + lora 0.5); held 1.5 / (1 + activations 2); peak 3 / total 4
  expect(text).toMatch(/qwen2-tiny\s+1\.00 \/ 1\.00 1\.00\s+1\.50 \/ 3\.00 0\.50\s+3\.00 \/ 4\.00 0\.75\s+weights 512\.0 KiB, lora 512\.0 KiB, activations 2\.0 MiB, kvCache 1\.0 MiB$/m);
});
