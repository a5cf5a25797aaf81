// `npm run bench:engine`: the WebGPU engine's speed, printed as a table and written to
// bench-results/engine.json. In one run on one adapter: the adapter's f32 FMA peak (a simple FMA
// shader), the f32 GEMM kernels at square sizes and their share of that peak, and for each model size our
// training tokens/s, achieved FLOP/s (6N + 12·L·T·C per token, N = parameters without wpe), its share
// of the peak and decode tokens/s; then the same GPT-2 shape trained with TensorFlow.js on its
// webgpu backend (same adapter) and on its wasm backend (CPU), plus our CPU reference model.
// Then the Llama family (engine/bench/family-bench.ts): random-weight models of the shapes of
// SmolLM2-135M and Qwen2.5-0.5B with LoRA: prefill, decode (one row; 8 rows batched vs one row per
// pass) and LoRA-training tokens/s, GFLOP/s and
// share of the peak, GPU bytes and a per-kernel time table (shortened on a software adapter; printed).
// Options: --sizes tiny,small (presets below, or L:NH:C:T:B, or none), --matmul 256,512,1024, --steps 2,
// --rounds 3 (peak + matmul rounds, medians printed), --gemm auto|tiled|subgroup (the models' kernel), --families smollm2-135m,qwen2.5-0.5b (or none), --full (no shortening on a software adapter),
// --no-tfjs, --no-cpu, --out FILE. Defaults are small enough for SwiftShader (a few minutes).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { intOpt, parseArgs, stringOpt, unknownOptions } from '../args';
import { createGpuContext, getGpu } from '../../engine/backend';
import type { GpuContext } from '../../engine/backend/gpu-context';
import { numParams } from '../../engine/gpt/params';
import { CpuModel } from '../../engine/gpt/cpu-model';
import { WebGpuModel } from '../../engine/gpt-gpu/webgpu-model';
import type { GPTConfig, Model } from '../../engine/model-api';
import { Rng } from '../../engine/rng';
import { measureFmaPeak, measureMatmul } from '../../engine/bench/gpu-probes';
import { benchFamily, defaultSettings, familyTable, isSoftwareAdapter, type FamilyBenchResult } from '../../engine/bench/family-bench';
import { FAMILY_SHAPES } from '../../engine/bench/family-shapes';
import { gemmVariant, preferGemmVariant, subgroupGemmAvailable, type GemmVariant } from '../../engine/kernels/gemm-variant';
import { createTfjsGpt } from './tfjs-gpt';

const VOCAB = 274; // the studio tokenizer: 256 bytes + bos/eos/pad + 15 language tags
const PRESETS: Record<string, { L: number; NH: number; C: number; T: number; B: number }> = {
  tiny: { L: 2, NH: 4, C: 64, T: 32, B: 4 },
  small: { L: 2, NH: 4, C: 128, T: 64, B: 4 },
  medium: { L: 4, NH: 8, C: 256, T: 128, B: 8 },
  gpt2: { L: 12, NH: 12, C: 768, T: 256, B: 4 },
};

interface TrainFigures { tokensPerSec: number; gflops: number; secondsPerStep: number }
interface SizeResult {
  name: string; L: number; NH: number; C: number; T: number; B: number; params: number; flopPerToken: number;
  ours: TrainFigures & { pctPeak: number; decodeTokensPerSec: number; decodeSampledTokensPerSec: number };
  tfjsWebgpu?: TrainFigures | { error: string }; tfjsCpu?: (TrainFigures & { backend: string }) | { error: string };
  oursCpu?: TrainFigures; oursOverTfjsWebgpu?: number; oursCpuOverTfjsCpu?: number;
}

function batchFor(B: number, T: number, seed: number) {
  const rng = new Rng(seed);
  const tokens = new Int32Array(B * T).map(() => rng.int(VOCAB));
  const targets = new Int32Array(B * T).map(() => rng.int(VOCAB));
  return { B, T, tokens, targets };
}

// the same optimizer on both sides: AdamW, decoupled weight decay 0.1, global-norm clipping at 1.0
const ADAMW = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, maxGradNorm: 1.0 };

/** forward, zero-grad, backward (loss = -mean logprob), update: llm.c's training step */
async function ourStep(m: Model, b: ReturnType<typeof batchFor>): Promise<void> {
  await m.forwardLogprobs(b);
  m.zeroGrad();
  await m.backwardLogprobs(new Float32Array(b.B * b.T).fill(-1 / (b.B * b.T)));
  await m.step(ADAMW);
}

async function timeSteps(steps: number, warmup: number, run: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < warmup; i++) await run(i);
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) await run(warmup + i);
  return (performance.now() - t0) / 1000 / steps;
}

function figures(secPerStep: number, tokens: number, flopPerToken: number): TrainFigures {
  const tps = tokens / secPerStep;
  return { tokensPerSec: tps, gflops: (tps * flopPerToken) / 1e9, secondsPerStep: secPerStep };
}

async function loadTfjs(backend: 'webgpu' | 'wasm' | 'cpu') {
  const tf = await import('@tensorflow/tfjs');
  if (backend === 'webgpu') {
    // tfjs-backend-webgpu looks for navigator.gpu: give it Dawn's GPU (the adapter our engine uses)
    const gpu = await getGpu();
    const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
    if (!nav?.gpu) Object.defineProperty(globalThis, 'navigator', { value: { ...(nav ?? {}), gpu, userAgent: 'node' }, configurable: true, writable: true });
    await import('@tensorflow/tfjs-backend-webgpu');
  } else if (backend === 'wasm') {
    await import('@tensorflow/tfjs-backend-wasm');
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend '${backend}' did not initialise`);
  await tf.ready();
  return tf;
}

async function tfjsTrain(backend: 'webgpu' | 'wasm' | 'cpu', config: GPTConfig, B: number, T: number, steps: number, flopPerToken: number): Promise<TrainFigures> {
  const tf = await loadTfjs(backend);
  const model = createTfjsGpt(tf, config, ADAMW);
  try {
    const sec = await timeSteps(steps, 1, (i) => { const b = batchFor(B, T, 100 + i); return model.trainStep(b.tokens, b.targets, B, T); });
    return figures(sec, B * T, flopPerToken);
  } finally {
    model.dispose();
  }
}

async function benchSize(ctx: GpuContext, name: string, p: typeof PRESETS[string], steps: number, peak: number, opts: { tfjs: boolean; cpu: boolean }): Promise<SizeResult> {
  const config: GPTConfig = { nLayer: p.L, nHead: p.NH, nEmbd: p.C, blockSize: Math.max(p.T, 64), vocabSize: VOCAB };
  const N = numParams(config) - config.blockSize * p.C;
  const flopPerToken = 6 * N + 12 * p.L * p.T * p.C;
  const model = new WebGpuModel(ctx, config, undefined, { seed: 1 });
  const sec = await timeSteps(steps, 1, (i) => ourStep(model, batchFor(p.B, p.T, i)));
  const ours = figures(sec, p.B * p.T, flopPerToken);
  const newTokens = Math.min(32, config.blockSize - 4);
  const prompts = Array.from({ length: p.B }, (_, i) => [1 + i, 2, 3, 4]);
  // eos -1: no row stops early, so every row decodes newTokens tokens
  const decode = async (sampling: { temperature: number; topK?: number; topP?: number }) => {
    const gen = { maxNewTokens: newTokens, ...sampling, seed: 1, eosId: -1 };
    await model.generate(prompts, { ...gen, maxNewTokens: 2 });
    const g0 = performance.now();
    const out = await model.generate(prompts, gen);
    return out.tokens.reduce((s, t) => s + t.length, 0) / ((performance.now() - g0) / 1000);
  };
  const decodeTokensPerSec = await decode({ temperature: 0 });
  const decodeSampledTokensPerSec = await decode({ temperature: 0.9, topK: 20, topP: 0.9 });
  model.destroy();
  const r: SizeResult = {
    name, ...p, params: numParams(config), flopPerToken,
    ours: { ...ours, pctPeak: (100 * ours.gflops) / peak, decodeTokensPerSec, decodeSampledTokensPerSec },
  };
  if (opts.tfjs) {
    try {
      r.tfjsWebgpu = await tfjsTrain('webgpu', config, p.B, p.T, steps, flopPerToken);
      r.oursOverTfjsWebgpu = ours.tokensPerSec / r.tfjsWebgpu.tokensPerSec;
    } catch (e) {
      r.tfjsWebgpu = { error: (e as Error).message };
    }
    if (opts.cpu) {
      // tfjs-backend-wasm lacks the gather gradient (UnsortedSegmentSum); then its pure-JS cpu backend
      let wasmError = '';
      for (const backend of ['wasm', 'cpu'] as const) {
        try {
          const f = await tfjsTrain(backend, config, p.B, p.T, 1, flopPerToken);
          r.tfjsCpu = { ...f, backend: wasmError ? `cpu (wasm failed: ${wasmError})` : backend };
          break;
        } catch (e) {
          wasmError = (e as Error).message;
          r.tfjsCpu = { error: wasmError };
        }
      }
    }
  }
  if (opts.cpu) {
    const cpu = new CpuModel(config, undefined, 1);
    r.oursCpu = figures(await timeSteps(1, 1, (i) => ourStep(cpu, batchFor(p.B, p.T, i))), p.B * p.T, flopPerToken);
    if (r.tfjsCpu && 'tokensPerSec' in r.tfjsCpu) r.oursCpuOverTfjsCpu = r.oursCpu.tokensPerSec / r.tfjsCpu.tokensPerSec;
  }
  return r;
}

function parseSizes(spec: string): [string, typeof PRESETS[string]][] {
  if (spec === 'none') return [];
  return spec.split(',').map((s) => {
    if (PRESETS[s]) return [s, PRESETS[s]];
    const m = /^(\d+):(\d+):(\d+):(\d+):(\d+)$/.exec(s);
    if (!m) throw new Error(`--sizes: '${s}' is neither a preset (${Object.keys(PRESETS).join(', ')}) nor L:NH:C:T:B`);
    const [L, NH, C, T, B] = m.slice(1).map(Number);
    if (C % NH !== 0) throw new Error(`--sizes: '${s}': C=${C} is not divisible by NH=${NH}`);
    return [s, { L, NH, C, T, B }];
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const fmt = (x: number | undefined, d = 1) => (x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(d));

async function main(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ['no-tfjs', 'no-cpu', 'full']);
  unknownOptions(a, ['sizes', 'matmul', 'steps', 'out', 'no-tfjs', 'no-cpu', 'families', 'full', 'rounds', 'gemm']);
  const famSpec = stringOpt(a, 'families') ?? 'smollm2-135m,qwen2.5-0.5b';
  const families = famSpec === 'none' ? [] : famSpec.split(',').map((n) => {
    if (!FAMILY_SHAPES[n]) throw new Error(`--families: '${n}' is not one of ${Object.keys(FAMILY_SHAPES).join(', ')} (or none)`);
    return n;
  });
  const sizes = parseSizes(stringOpt(a, 'sizes') ?? 'tiny,small');
  const mm = (stringOpt(a, 'matmul') ?? '256,512,1024').split(',').map((x) => {
    const n = Number(x);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--matmul: '${x}' is not a positive integer size`);
    return n;
  });
  const steps = intOpt(a, 'steps', 2);
  if (steps < 1) throw new Error(`--steps must be at least 1, got ${steps}`);
  const outPath = stringOpt(a, 'out') ?? 'bench-results/engine.json';
  const ctx = await createGpuContext();
  const ad = ctx.adapter;
  console.log(`adapter: ${ad.vendor} ${ad.architecture} ${ad.device} ${ad.description}${ad.isFallbackAdapter ? ' (fallback adapter)' : ''}; shader-f16: ${ctx.features.shaderF16}`);
  // The FMA peak and the matmul sizes are measured in --rounds rounds, each round the peak then every
  // size, so a round's share of the peak compares figures taken under the same machine load (a shared
  // or throttling machine drifts between rounds); printed: the medians over the rounds.
  const rounds = intOpt(a, 'rounds', 3);
  if (rounds < 1) throw new Error(`--rounds must be at least 1, got ${rounds}`);
  const gemmOpt = stringOpt(a, 'gemm') ?? 'auto';
  if (!['auto', 'tiled', 'subgroup'].includes(gemmOpt)) throw new Error(`--gemm: '${gemmOpt}' is not auto, tiled or subgroup`);
  preferGemmVariant(gemmOpt as GemmVariant);
  // every f32 GEMM kernel this adapter can run, timed side by side in each round
  const kernels: GemmVariant[] = subgroupGemmAvailable(ctx) ? ['tiled', 'subgroup'] : ['tiled'];
  const peaks: number[] = [];
  const perSize = mm.map(() => kernels.map(() => [] as { gflops: number; pct: number; seconds: number; reps: number }[]));
  for (let round = 0; round < rounds; round++) {
    const pk = (await measureFmaPeak(ctx)).gflops;
    peaks.push(pk);
    for (const [i, n] of mm.entries()) {
      for (const [j, v] of kernels.entries()) {
        const r = await measureMatmul(ctx, n, 0.3, v);
        perSize[i][j].push({ gflops: r.gflops, pct: (100 * r.gflops) / pk, seconds: r.seconds, reps: r.reps });
      }
    }
  }
  const peak = { gflops: median(peaks) };
  console.log(`FMA peak: ${fmt(peak.gflops, 2)} GFLOP/s (median of ${rounds} rounds: ${peaks.map((x) => fmt(x, 2)).join(', ')})`);
  console.log(`GEMM kernel used by the models: ${gemmVariant(ctx)}${ctx.features.subgroupSize ? ` (subgroup size ${ctx.features.subgroupSize})` : ''}`);
  const matmul = mm.flatMap((n, i) => kernels.map((kernel, j) => ({ n, kernel, gflops: median(perSize[i][j].map((r) => r.gflops)), pctPeak: median(perSize[i][j].map((r) => r.pct)), rounds: perSize[i][j] })));
  console.log(`\nmatmul (f32)   kernel     GFLOP/s   % of peak   (medians over ${rounds} rounds; % of the peak measured in the same round)`);
  for (const r of matmul) {
    console.log(`  ${String(r.n).padStart(5)}^2      ${r.kernel.padEnd(9)} ${fmt(r.gflops, 2).padStart(7)}   ${fmt(r.pctPeak).padStart(6)}%   rounds: ${r.rounds.map((x) => `${fmt(x.pct)}%`).join(', ')}`);
  }
  const familyResults: FamilyBenchResult[] = [];
  const software = isSoftwareAdapter(ctx) && !a.options.has('full');
  for (const name of families) {
    const t0 = performance.now();
    const { settings, shortened } = defaultSettings(FAMILY_SHAPES[name], software);
    familyResults.push(await benchFamily(ctx, name, FAMILY_SHAPES[name], settings, shortened, peak.gflops));
    console.log(`  (${name} measured in ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  if (familyResults.length) console.log('\n' + familyTable(familyResults, peak.gflops).join('\n') + '\n');
  const models: SizeResult[] = [];
  for (const [name, p] of sizes) {
    const t0 = performance.now();
    models.push(await benchSize(ctx, name, p, steps, peak.gflops, { tfjs: !a.options.has('no-tfjs'), cpu: !a.options.has('no-cpu') }));
    console.log(`  (${name} measured in ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const label = (r: SizeResult) => `${r.name} (${r.L}/${r.NH}/${r.C}, ${r.B}x${r.T})`.padEnd(26);
  console.log('\nWebGPU training (same adapter)  params   ours tok/s  GFLOP/s  %peak | decode tok/s greedy  sampled | tfjs-webgpu tok/s  ours/tfjs');
  for (const r of models) {
    const tw = r.tfjsWebgpu && 'tokensPerSec' in r.tfjsWebgpu ? r.tfjsWebgpu.tokensPerSec : undefined;
    console.log(`${label(r)}   ${String(r.params).padStart(8)}  ${fmt(r.ours.tokensPerSec).padStart(10)}  ${fmt(r.ours.gflops, 3).padStart(7)}  ${fmt(r.ours.pctPeak).padStart(5)} | ${fmt(r.ours.decodeTokensPerSec).padStart(19)}  ${fmt(r.ours.decodeSampledTokensPerSec).padStart(7)} | ${fmt(tw).padStart(17)}  ${fmt(r.oursOverTfjsWebgpu, 2).padStart(9)}`);
    if (r.tfjsWebgpu && 'error' in r.tfjsWebgpu) console.log(`  tfjs-webgpu failed: ${r.tfjsWebgpu.error}`);
  }
  if (!a.options.has('no-cpu')) {
    console.log('\nCPU training                    ours-cpu tok/s  tfjs-cpu tok/s  ours/tfjs  (tfjs backend)');
    for (const r of models) {
      const tc = r.tfjsCpu && 'tokensPerSec' in r.tfjsCpu ? r.tfjsCpu.tokensPerSec : undefined;
      const backend = r.tfjsCpu && 'backend' in r.tfjsCpu ? r.tfjsCpu.backend : r.tfjsCpu && 'error' in r.tfjsCpu ? `failed: ${r.tfjsCpu.error}` : '-';
      console.log(`${label(r)}      ${fmt(r.oursCpu?.tokensPerSec, 2).padStart(14)}  ${fmt(tc, 2).padStart(14)}  ${fmt(r.oursCpuOverTfjsCpu, 2).padStart(9)}  (${backend})`);
    }
  }
  console.log([
    '\nsame on both sides: GPT-2 shape, batch, random tokens and targets, loss = mean cross-entropy, AdamW (lr 1e-3, decoupled weight decay 0.1,',
    'bias correction), clipping by global norm 1.0 with the norm read back every step. Differs: ours reads back B*T per-token log-probs,',
    'tfjs one loss scalar; tfjs builds the causal mask as a -1e9 additive [T, T] tensor and takes gradients by autodiff (ours: explicit',
    `backward kernels). FLOP/token = 6N + 12*L*T*C; %peak is of the FMA probe (${fmt(peak.gflops, 2)} GFLOP/s).`,
  ].join('\n'));
  const report = {
    date: new Date().toISOString(), adapter: ad, features: ctx.features, fmaPeakGflops: peak.gflops, fmaPeakRounds: peaks, gemmKernel: gemmVariant(ctx), matmul, models, steps,
    families: familyResults.map(({ config, ...r }) => ({ ...r, shape: { layers: config.nLayer, hidden: config.hiddenSize, heads: `${config.nHead}/${config.nKvHead}`, vocab: config.vocabSize } })),
    notes: [
      'FLOP per token = 6N + 12*L*T*C (N = parameters without the position table; attention counted at full T).',
      'train step = forward with per-token logprobs (read back), zero-grad, backward, grad-norm read back, clip at 1.0, AdamW (decoupled weight decay 0.1); tfjs: same GPT-2 shape, softmax cross-entropy, tf.variableGrads, global norm read back, the same clip and the same AdamW written with tf ops, loss read back.',
      'decode tokens/s = generation of B rows (4-token prompts, batched prefill included) through the KV cache, greedy and sampled (T 0.9, top-k 20, top-p 0.9); tokens are picked on the GPU, only ids and log-probs are read back.',
      'families: random bf16 weights in the shapes of SmolLM2-135M and Qwen2.5-0.5B (no download), LoRA r 8 on all seven projections, base frozen; prefill = forward with per-token log-probs (B x T), decode = greedy tokens after a prompt through the GPU KV cache (the prompt prefill included in the time), train = forward + backward + AdamW on the adapter; FLOP/token: 2 per multiply-add of the projections and LM head plus causal attention at mean length, training = 2x forward (input gradients only, the base being frozen; LoRA products not counted). shortened lists what was cut on a software adapter.',
      'tfjs rows run in this Node process on the same Dawn adapter (webgpu) and on the CPU (tfjs-backend-wasm, or the pure-JS cpu backend when wasm lacks a kernel: the backend field says which); ours-cpu is the engine CPU reference model.',
    ],
  };
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nwrote ${outPath}`);
  ctx.device.destroy();
  return 0;
}

process.exitCode = await main(process.argv.slice(2)).catch((e) => {
  console.error(`bench:engine: ${(e as Error).message}`);
  return 1;
});
