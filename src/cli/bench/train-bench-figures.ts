// The figures `npm run bench:train` prints, from the run's own step reports (StepReport.timing and
// verl's perf/total_num_tokens): the first step's seconds (WGSL compile and warm-up included), the
// steady-state mean over the remaining steps split into rollouts (generation) / reward /
// advantages / update, tokens per second (prompt + response tokens, as verl's perf/throughput),
// ratios between two runs, the largest actor.ppo_micro_batch_size the memory plan fits, and the
// text table. Pure: no device, no clock.

import type { LlamaConfig } from '../../engine/hf/config';
import type { HfDtype } from '../../engine/hf/tensors';
import { formatBytes, type DeviceLimits } from '../../engine/memory-plan';
import type { RunConfig } from '../../lrpo/config';
import { planRunMemory, type RunMemoryPlan } from '../../lrpo/family/run-memory-plan';

/** What the bench keeps of one LRPO step's report. */
export interface StepSample {
  /** StepReport.timing: timing_s/gen, timing_s/reward, timing_s/adv, timing_s/update_actor, timing_s/step */
  timing: Record<string, number>;
  /** prompt + response tokens of the step's rollouts (metrics perf/total_num_tokens) */
  tokens: number;
  /** CPU seconds this process spent in the step (all its threads, Dawn's and SwiftShader's included): less sensitive than wall time to other processes on a shared machine */
  cpuSec: number;
}

export interface PhaseSeconds {
  step: number;
  rollouts: number;
  reward: number;
  advantages: number;
  update: number;
}

export interface StepFigures {
  steps: number;
  /** tokens of each step (two backends that drew the same rollouts did the same work) */
  tokens: number[];
  first: PhaseSeconds & { cpu: number };
  /** the mean over steps 2..n (null with one step) */
  steady: (PhaseSeconds & { steps: number; tokensPerSec: number; cpu: number }) | null;
}

function phases(t: Record<string, number>): PhaseSeconds {
  const need = (k: string) => {
    const v = t[k];
    if (!Number.isFinite(v)) throw new Error(`step report: timing field ${k} is missing or not a number (${v})`);
    return v;
  };
  return {
    step: need('timing_s/step'), rollouts: need('timing_s/gen'), reward: need('timing_s/reward'),
    advantages: need('timing_s/adv'), update: need('timing_s/update_actor'),
  };
}

/** First-step and steady-state figures of a run's steps (at least one). */
export function stepFigures(samples: readonly StepSample[]): StepFigures {
  if (!samples.length) throw new Error('no LRPO step was measured');
  const all = samples.map((s) => ({ ...phases(s.timing), cpu: s.cpuSec }));
  const rest = all.slice(1);
  const base = { steps: all.length, tokens: samples.map((s) => s.tokens), first: all[0] };
  if (!rest.length) return { ...base, steady: null };
  const mean = (k: keyof PhaseSeconds | 'cpu') => rest.reduce((a, p) => a + p[k], 0) / rest.length;
  const seconds = rest.reduce((a, p) => a + p.step, 0);
  const tokens = samples.slice(1).reduce((a, s) => a + s.tokens, 0);
  return {
    ...base,
    steady: {
      steps: rest.length, step: mean('step'), rollouts: mean('rollouts'), reward: mean('reward'),
      advantages: mean('advantages'), update: mean('update'), tokensPerSec: tokens / seconds, cpu: mean('cpu'),
    },
  };
}

/** a / b, or NaN when either is missing, not finite or b is 0 */
export function ratio(a: number | null | undefined, b: number | null | undefined): number {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return NaN;
  return a / b;
}

/** the divisors of n, largest first */
function divisorsDescending(n: number): number[] {
  const out: number[] = [];
  for (let d = n; d >= 1; d--) if (n % d === 0) out.push(d);
  return out;
}

/**
 * The largest actor.ppo_micro_batch_size (a divisor of ppo_mini_batch_size x rollout_n, the whole
 * mini-batch included) whose run memory plan fits `limits`, with its plan; null when not even 1 fits.
 */
export function largestFittingMicroBatch(c: RunConfig, model: LlamaConfig, dtype: HfDtype, limits: DeviceLimits): { micro: number; plan: RunMemoryPlan } | null {
  const all = c.actor.ppo_mini_batch_size * c.actor.rollout_n;
  for (const d of divisorsDescending(all)) {
    const cfg: RunConfig = { ...c, actor: { ...c.actor, ppo_micro_batch_size: d } };
    const plan = planRunMemory(cfg, model, dtype, limits);
    if (plan.fits) return { micro: d, plan };
  }
  return null;
}

/** One model on one backend, as measured. */
export interface TrainBenchRow {
  model: string;
  backend: 'webgpu' | 'cpu';
  /** seconds to build the run (read the folder, the policy and its reference, upload) */
  buildSec: number;
  figures: StepFigures;
  /**
   * WebGPU only: bytes of the policy's storage buffers (GpuContext accounting): after the build
   * (weights, LoRA), the most held between steps (+ gradients, AdamW moments and the last update's
   * activations, which the engine keeps), and the peak during the steps (+ the rollouts' KV cache
   * and prefill activations, freed after each generation)
   */
  gpu?: { afterBuild: number; heldBetweenSteps: number; peak: number; plan: RunMemoryPlan };
}

/** bytes of the plan's parts of these names */
export function planBytes(plan: Pick<RunMemoryPlan, 'parts'>, names: readonly string[]): number {
  return plan.parts.filter((p) => names.includes(p.name)).reduce((a, p) => a + p.bytes, 0);
}

const BUILD_PARTS = ['weights', 'lora'];
const HELD_PARTS = ['weights', 'lora', 'gradients', 'optimizer', 'activations', 'logits'];

const num = (x: number, d: number) => (Number.isFinite(x) ? x.toFixed(d) : '-');
const mib = (b: number) => (Number.isFinite(b) ? (b / 2 ** 20).toFixed(2) : '-');

/** The tables as text lines: timing per model and backend, WebGPU/CPU ratios, GPU bytes against the plan. */
export function trainBenchTable(rows: readonly TrainBenchRow[]): string[] {
  const lines = ['model        backend  build s  step 1 s  steady s/step (n)  rollouts  reward  update  other  tok/s  CPU s/step'];
  for (const r of rows) {
    const s = r.figures.steady;
    const other = s ? s.step - s.rollouts - s.reward - s.update : NaN;
    lines.push([
      r.model.padEnd(12), r.backend.padEnd(7), num(r.buildSec, 2).padStart(7), num(r.figures.first.step, 2).padStart(8),
      `${s ? num(s.step, 2) : '-'} (${s?.steps ?? 0})`.padStart(17), (s ? num(s.rollouts, 2) : '-').padStart(8),
      (s ? num(s.reward, 2) : '-').padStart(6), (s ? num(s.update, 2) : '-').padStart(6), num(other, 2).padStart(5),
      (s ? num(s.tokensPerSec, 1) : '-').padStart(6), (s ? num(s.cpu, 2) : '-').padStart(10),
    ].join('  '));
  }
  const models = [...new Set(rows.map((r) => r.model))];
  const pairs = models.map((m) => ({ m, g: rows.find((r) => r.model === m && r.backend === 'webgpu'), c: rows.find((r) => r.model === m && r.backend === 'cpu') }))
    .filter((p) => p.g && p.c);
  if (pairs.length) {
    lines.push('', 'WebGPU / CPU seconds (same run, same machine; < 1 = WebGPU faster)');
    lines.push('model        step 1  steady step  rollouts  update  CPU s/step  same tokens per step');
    for (const { m, g, c } of pairs) {
      const gs = g!.figures.steady, cs = c!.figures.steady;
      lines.push([
        m.padEnd(12), num(ratio(g!.figures.first.step, c!.figures.first.step), 2).padStart(6), num(ratio(gs?.step, cs?.step), 2).padStart(11),
        num(ratio(gs?.rollouts, cs?.rollouts), 2).padStart(8), num(ratio(gs?.update, cs?.update), 2).padStart(6), num(ratio(gs?.cpu, cs?.cpu), 2).padStart(10),
        (g!.figures.tokens.join(',') === c!.figures.tokens.join(',') ? 'yes' : `no (${g!.figures.tokens.join(',')} vs ${c!.figures.tokens.join(',')})`).padStart(20),
      ].join('  '));
    }
  }
  const gpu = rows.filter((r) => r.gpu);
  if (gpu.length) {
    lines.push('', 'GPU MiB of the policy on the device (its storage buffers) / the memory plan\'s parts for the run: after the build / weights + lora;',
      'held between steps (most) / + gradients, optimizer, activations, logits; peak during the steps / the plan\'s total (+ kvCache)');
    lines.push('model        after build / plan      held / plan           peak / plan           plan parts');
    const cell = (measured: number, planned: number) => `${mib(measured)} / ${mib(planned)} ${num(ratio(measured, planned), 2)}`.padEnd(20);
    for (const r of gpu) {
      const g = r.gpu!;
      lines.push([
        r.model.padEnd(12), cell(g.afterBuild, planBytes(g.plan, BUILD_PARTS)), cell(g.heldBetweenSteps, planBytes(g.plan, HELD_PARTS)), cell(g.peak, g.plan.total),
        g.plan.parts.map((p) => `${p.name} ${formatBytes(p.bytes)}`).join(', '),
      ].join('  '));
    }
  }
  return lines;
}
