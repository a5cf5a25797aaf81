// `npm run bench:train`: seconds per LRPO step and GPU bytes of LoRA LRPO training on the
// Llama-family fixtures (../shared/fixtures llama-tiny, qwen2-tiny, qwen3-tiny: bf16, 2 layers,
// 64 wide, vocab 1024), on WebGPU (Node's Dawn; SwiftShader here) and on the CPU peer, in one run.
// Each run is built and driven exactly as `lrpo-studio train` does (a run.json read by
// readRunConfig, buildCliRun: the data, the reward scorer and the run module, then run.next()),
// with instruction mode `chat`, LoRA r 8 alpha 16 on all linear projections (verl's `all-linear`),
// the KL loss on (the reference is the base without the adapter), on real multilingual data nobody
// on this project wrote: the first usable BLEnD questions (../shared/data/blend) of five regions,
// each in its local language (UK en, Spain es, China zh, South Korea ko, Indonesia id), and those
// five as the router's languages.
// Prints per model and backend the build seconds, the first step's seconds (WGSL compile and
// warm-up included), the steady-state mean over the remaining steps split into rollouts / reward /
// update (the step report's timing_s/* fields), tokens/s (prompt + response tokens, verl's
// perf/throughput), the process's CPU seconds per step (measured around run.next(); all threads,
// SwiftShader's included: less sensitive than wall time to other processes on a shared machine), the
// WebGPU/CPU ratios with a check that both backends drew the same tokens (the same rollouts: the same
// work), and on WebGPU the bytes of the policy's storage buffers
// (GpuContext's accounting, as the family bench reports it: after the build, the most held between
// steps, and the peak during the steps, which counts the KV cache freed after each generation) against
// the matching parts of the run's memory plan (src/lrpo/family/run-memory-plan.ts) as ratios. Then the plan for Qwen2.5-0.5B-Instruct
// (its published shape, engine/bench/family-shapes.ts; bf16) with LoRA r 16 all-linear, rollout_n 8,
// 128-token responses, 80-token prompts, 4 questions per step and per mini-batch, for
// actor.ppo_micro_batch_size 0 and the largest that fits a 2 GiB binding / 4 GiB buffer.
// Options: --models llama-tiny,qwen2-tiny,qwen3-tiny  --backends webgpu,cpu  --steps 3
// --rollout-n 4  --questions 2 (per step)  --response-length 16  --prompt-length 96  --lora-rank 8
// --per-region 4  --fixtures DIR  --blend DIR  --out FILE (default bench-results/train.json).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArgError, intOpt, parseArgs, stringOpt, unknownOptions } from '../args';
import { blendToRows } from '../../data/blend';
import { normalizeRows } from '../../data/schema';
import { FAMILY_SHAPES } from '../../engine/bench/family-shapes';
import { weightsDtype } from '../../engine/hf/weights';
import { formatBytes, type DeviceLimits } from '../../engine/memory-plan';
import { defaultRunConfig, type RunConfig } from '../../lrpo/config';
import { planRunMemory, type RunMemoryPlan } from '../../lrpo/family/run-memory-plan';
import { buildCliRun } from '../train-run';
import { readRunConfig } from '../train-inputs';
import { cliBackend, releaseBackend } from '../train-model';
import { largestFittingMicroBatch, stepFigures, trainBenchTable, type StepSample, type TrainBenchRow } from './train-bench-figures';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const MODELS = ['llama-tiny', 'qwen2-tiny', 'qwen3-tiny'];
const REGIONS: [string, string][] = [['UK', 'en'], ['Spain', 'es'], ['China', 'zh'], ['South_Korea', 'ko'], ['Indonesia', 'id']];
const usage = 'npm run bench:train -- [--models llama-tiny,qwen2-tiny,qwen3-tiny] [--backends webgpu,cpu] [--steps 3] [--rollout-n 4] [--questions 2] '
  + '[--response-length 16] [--prompt-length 96] [--lora-rank 8] [--per-region 4] [--fixtures DIR] [--blend DIR] [--out FILE]';

interface Options {
  models: string[]; backends: ('webgpu' | 'cpu')[]; steps: number; rolloutN: number; questions: number;
  responseLength: number; promptLength: number; loraRank: number; perRegion: number; fixtures: string; blend: string; out: string;
}

function options(argv: string[]): Options {
  const a = parseArgs(argv);
  unknownOptions(a, ['models', 'backends', 'steps', 'rollout-n', 'questions', 'response-length', 'prompt-length', 'lora-rank', 'per-region', 'fixtures', 'blend', 'out']);
  const list = (name: string, fallback: string[]) => (stringOpt(a, name) ?? fallback.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  const backends = list('backends', ['webgpu', 'cpu']);
  for (const b of backends) if (b !== 'webgpu' && b !== 'cpu') throw new ArgError(`--backends: '${b}' is not webgpu or cpu`);
  const positive = (name: string, fallback: number) => {
    const v = intOpt(a, name, fallback);
    if (v < 1) throw new ArgError(`--${name} must be at least 1, got ${v}`);
    return v;
  };
  return {
    models: list('models', MODELS), backends: backends as Options['backends'], steps: positive('steps', 3), rolloutN: positive('rollout-n', 4),
    questions: positive('questions', 2), responseLength: positive('response-length', 16), promptLength: positive('prompt-length', 96),
    loraRank: positive('lora-rank', 8), perRegion: positive('per-region', 4),
    fixtures: path.resolve(stringOpt(a, 'fixtures') ?? here('../../../../shared/fixtures')),
    blend: path.resolve(stringOpt(a, 'blend') ?? here('../../../../shared/data/blend')),
    out: stringOpt(a, 'out') ?? 'bench-results/train.json',
  };
}

/** The first `perRegion` usable BLEnD questions of each region, as the raw rows `data blend` converts (JSONL). */
function blendSubset(dir: string, perRegion: number): { jsonl: string; count: number } {
  const rows: unknown[] = [];
  for (const [region] of REGIONS) {
    const read = (f: string) => {
      const file = path.join(dir, f);
      if (!existsSync(file)) throw new Error(`${file}: not found (BLEnD's {Region}_data.json and {Region}_questions.csv are read from --blend, default ../shared/data/blend)`);
      return readFileSync(file, 'utf8');
    };
    const all = blendToRows(region, read(`${region}_data.json`), read(`${region}_questions.csv`));
    const usable = all.filter((r) => normalizeRows([r], { file: `${region}_data.json` }).examples.length === 1);
    if (usable.length < perRegion) throw new Error(`${dir}/${region}_data.json: only ${usable.length} usable questions, ${perRegion} wanted (--per-region)`);
    rows.push(...usable.slice(0, perRegion));
  }
  return { jsonl: rows.map((r) => JSON.stringify(r)).join('\n') + '\n', count: rows.length };
}

/** run.json of one measured run (read back through readRunConfig, as `train --config` reads it). */
function runJson(o: Options, modelDir: string, backend: 'webgpu' | 'cpu'): unknown {
  const d = defaultRunConfig();
  return {
    seed: 1,
    backend,
    data: { train_files: 'train.jsonl', val_files: '', train_batch_size: o.questions, max_prompt_length: o.promptLength, max_response_length: o.responseLength, instruction_mode: 'chat' },
    model: { path: modelDir, lora_rank: o.loraRank, lora_alpha: 2 * o.loraRank, target_modules: 'all-linear' },
    router: { languages: REGIONS.map(([, l]) => l), lang_policy_update_every: 1 },
    actor: { rollout_n: o.rolloutN, ppo_mini_batch_size: o.questions, ppo_micro_batch_size: 0, use_kl_loss: true, lr: d.actor.lr }, // one update per step
    trainer: { total_training_steps: o.steps, save_freq: 0, test_freq: 0 },
  };
}

const UNLIMITED: DeviceLimits = { maxBufferSize: Infinity, maxStorageBufferBindingSize: Infinity, budgetBytes: Infinity };

async function benchOne(o: Options, dir: string, model: string, backendName: 'webgpu' | 'cpu'): Promise<TrainBenchRow> {
  const file = path.join(dir, `${model}-${backendName}.json`);
  writeFileSync(file, JSON.stringify(runJson(o, path.join(o.fixtures, model), backendName), null, 2));
  const c: RunConfig = readRunConfig(file);
  const backend = await cliBackend(c.backend);
  try {
    const ctx = backend === 'cpu' ? null : backend;
    const before = ctx?.storageBytes ?? 0;
    const t0 = performance.now();
    const { run } = await buildCliRun(c, dir, backend, (s) => console.log(`  ${s}`));
    const buildSec = (performance.now() - t0) / 1000;
    const afterBuild = (ctx?.storageBytes ?? 0) - before;
    ctx?.resetStoragePeak();
    const samples: StepSample[] = [];
    let held = 0;
    try {
      while (!run.finished) {
        const cpu0 = process.cpuUsage();
        const events = await run.next();
        const cpu = process.cpuUsage(cpu0);
        held = Math.max(held, (ctx?.storageBytes ?? 0) - before);
        for (const e of events) {
          if (e.type === 'step') {
            const t = e.report.timing;
            samples.push({ timing: t, tokens: e.report.metrics['perf/total_num_tokens'], cpuSec: (cpu.user + cpu.system) / 1e6 });
            console.log(`  step ${e.report.step}/${c.trainer.total_training_steps}: ${t['timing_s/step'].toFixed(2)} s (rollouts ${t['timing_s/gen'].toFixed(2)}, reward ${t['timing_s/reward'].toFixed(2)}, update ${t['timing_s/update_actor'].toFixed(2)}), ${e.report.metrics['perf/total_num_tokens']} tokens${e.report.skipped ? ', update SKIPPED' : ''}`);
          }
          if (e.type === 'fault' && e.halted) throw new Error(`${model} on ${backendName}: the run halted: ${e.halted}`);
        }
      }
      const row: TrainBenchRow = { model, backend: backendName, buildSec, figures: stepFigures(samples) };
      if (ctx) {
        const fam = run.policy.family!;
        const plan: RunMemoryPlan = planRunMemory(c, fam.hf.config, weightsDtype(fam.hf.weights), UNLIMITED, fam.tags);
        row.gpu = { afterBuild, heldBetweenSteps: held, peak: ctx.peakStorageBytes - before, plan };
      }
      return row;
    } finally {
      run.dispose();
      if (ctx && ctx.storageBytes !== before) console.log(`  note: ${ctx.storageBytes - before} bytes of storage buffers still held after the run was disposed`);
    }
  } finally {
    releaseBackend(backend);
  }
}

/** The planner's figures for Qwen2.5-0.5B-Instruct with LoRA r 16 all-linear, n 8, 128-token responses. */
function qwen05Plan(): string[] {
  const c = defaultRunConfig();
  c.model = { ...c.model, path: 'Qwen/Qwen2.5-0.5B-Instruct', lora_rank: 16, lora_alpha: 32, target_modules: 'all-linear' };
  c.data = { ...c.data, instruction_mode: 'chat', max_prompt_length: 80, max_response_length: 128, train_batch_size: 4 };
  c.actor = { ...c.actor, rollout_n: 8, ppo_mini_batch_size: 4, ppo_micro_batch_size: 0 };
  const shape = FAMILY_SHAPES['qwen2.5-0.5b'];
  const limits: DeviceLimits = { maxBufferSize: 4 * 2 ** 30, maxStorageBufferBindingSize: 2 * 2 ** 30, budgetBytes: Infinity };
  const describe = (p: RunMemoryPlan) => `${p.parts.map((x) => `${x.name} ${formatBytes(x.bytes)}`).join(', ')}; total ${formatBytes(p.total)}`;
  const lines = [
    `Memory plan, Qwen2.5-0.5B-Instruct shape (bf16 weights), LoRA r 16 alpha 32 all-linear, rollout_n 8, ${c.data.max_prompt_length}-token prompts + ${c.data.max_response_length}-token responses, `
      + `${c.data.train_batch_size} questions per step (KV cache ${c.data.train_batch_size * 8} rows), ppo_mini_batch_size ${c.actor.ppo_mini_batch_size} (${c.actor.ppo_mini_batch_size * 8} responses):`,
  ];
  const whole = planRunMemory(c, shape, 'BF16', limits);
  lines.push(`  actor.ppo_micro_batch_size 0 (one pass of ${whole.update.rows} responses): ${describe(whole)}; ${whole.fits ? 'fits' : `does not fit a 2 GiB binding / 4 GiB buffer: ${whole.problems.join('; ')}`}`);
  const best = largestFittingMicroBatch(c, shape, 'BF16', limits);
  lines.push(best
    ? `  actor.ppo_micro_batch_size ${best.micro} (the largest that fits a 2 GiB binding / 4 GiB buffer): ${describe(best.plan)}`
    : '  no actor.ppo_micro_batch_size fits a 2 GiB binding / 4 GiB buffer');
  return lines;
}

async function main(): Promise<number> {
  let o: Options;
  try {
    o = options(process.argv.slice(2));
  } catch (e) {
    console.error(`bench:train: ${(e as Error).message}\n${usage}`);
    return 2;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lrpo-bench-train-'));
  try {
    const data = blendSubset(o.blend, o.perRegion);
    writeFileSync(path.join(dir, 'train.jsonl'), data.jsonl);
    console.log(`bench:train: ${o.models.join(', ')} on ${o.backends.join(' and ')}; ${o.steps} LRPO steps of ${o.questions} questions x rollout_n ${o.rolloutN}, `
      + `responses up to ${o.responseLength} tokens, prompts up to ${o.promptLength}; instruction mode chat; LoRA r ${o.loraRank} alpha ${2 * o.loraRank} all-linear; KL loss on; `
      + `data: ${data.count} BLEnD questions (${o.perRegion} per region: ${REGIONS.map(([r, l]) => `${r} ${l}`).join(', ')}) from ${o.blend}`);
    const rows: TrainBenchRow[] = [];
    for (const model of o.models) {
      for (const backend of o.backends) {
        console.log(`${model} on ${backend}:`);
        rows.push(await benchOne(o, dir, model, backend));
      }
    }
    const lines = ['', ...trainBenchTable(rows), '', ...qwen05Plan()];
    for (const l of lines) console.log(l);
    mkdirSync(path.dirname(path.resolve(o.out)), { recursive: true });
    writeFileSync(o.out, JSON.stringify({ bench: 'train', date: new Date().toISOString(), options: { ...o }, rows, table: lines }, null, 2) + '\n');
    console.log(`wrote ${o.out}`);
    return 0;
  } catch (e) {
    console.error(`bench:train: ${(e as Error).message}`);
    return 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
