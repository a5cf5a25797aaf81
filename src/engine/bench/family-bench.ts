// The Llama-family WebGPU benchmark, shared by `npm run bench:engine` (Node, Dawn) and the studio's
// /bench page (the visitor's GPU): a random-weight model of a given shape (family-shapes.ts) with a
// LoRA adapter (r 8 on all seven projections), measuring prefill (scoring) tokens/s, greedy decode
// tokens/s through the KV cache (one row, and R rows batched vs one row per pass), a LoRA training step's tokens/s (forward with log-probs, backward,
// AdamW on the adapter), achieved GFLOP/s against the adapter's FMA peak, GPU bytes, and a per-kernel
// time table of one training step (timestamp queries). On a software adapter the measured work is
// shortened (fewer layers, short sequences) and the result lists what was shortened.
import type { GpuContext } from '../backend/gpu-context';
import type { LlamaConfig } from '../hf/config';
import { LINEAR_NAMES, linearShape } from '../hf/llama-params';
import { initLora, type LoraSpec } from '../llama/lora';
import { WebGpuLlamaModel } from '../llama-gpu/webgpu-llama-model';
import { Rng } from '../rng';
import { generateWithDecoder, pickOnCpu } from '../sample/generate';
import { profileDispatches, type KernelTime } from './kernel-profile';
import { randomBf16Weights } from './random-weights';

export interface FamilyBenchSettings {
  /** run this many of the shape's layers (undefined: all) */
  layers?: number;
  B: number;
  T: number;
  promptTokens: number;
  decodeTokens: number;
  /** rows decoded together for the batched decode figure (undefined: 8) */
  decodeRows?: number;
  trainSteps: number;
  profile: boolean;
}

export interface FamilyBenchResult {
  name: string;
  config: LlamaConfig;
  settings: FamilyBenchSettings;
  shortened: string[];
  params: number;
  gpuBytes: { weights: number; afterTraining: number };
  prefillTokensPerSec: number;
  decodeTokensPerSec: number;
  /** R rows decoded together: tokens/s over all rows, batched (one pass per step) and one row per pass */
  decodeRows: { rows: number; batchedTokensPerSec: number; perRowTokensPerSec: number };
  trainTokensPerSec: number;
  flopPerToken: { forward: number; train: number };
  gflops: { prefill: number; train: number };
  pctPeak: { prefill: number; train: number };
  kernels: KernelTime[] | null;
}

export function isSoftwareAdapter(ctx: GpuContext): boolean {
  const a = ctx.adapter;
  return a.isFallbackAdapter || /swiftshader|llvmpipe|software/i.test(`${a.vendor} ${a.architecture} ${a.device} ${a.description}`);
}

/** Settings for an adapter: the full shape on a real GPU, a shortened one on a software adapter. */
export function defaultSettings(c: LlamaConfig, software: boolean): { settings: FamilyBenchSettings; shortened: string[] } {
  if (!software) return { settings: { B: 1, T: 256, promptTokens: 16, decodeTokens: 32, trainSteps: 3, profile: true }, shortened: [] };
  const layers = Math.min(2, c.nLayer);
  return {
    settings: { layers, B: 1, T: 16, promptTokens: 4, decodeTokens: 4, trainSteps: 1, profile: true },
    shortened: [`${layers} of ${c.nLayer} layers`, 'B 1 x T 16 (prefill and training)', '4 decoded tokens after a 4-token prompt', '1 timed training step'],
  };
}

/** 2 FLOP per multiply-add: the projections, the LM head, and causal attention at mean length (T+1)/2. */
function forwardFlopPerToken(c: LlamaConfig, T: number): number {
  let lin = 0;
  for (const n of LINEAR_NAMES) {
    const [o, i] = linearShape(c, n);
    lin += o * i;
  }
  const attn = 2 * 2 * c.nHead * c.headDim * ((T + 1) / 2);
  return 2 * c.nLayer * lin + 2 * c.hiddenSize * c.vocabSize + c.nLayer * attn;
}

async function timed(reps: number, run: () => Promise<unknown>, warmUp = true): Promise<number> {
  if (warmUp) await run(); // pipelines compiled, buffers allocated
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) await run();
  return (performance.now() - t0) / 1000 / reps;
}

export async function benchFamily(ctx: GpuContext, name: string, shape: LlamaConfig, s: FamilyBenchSettings, shortened: string[], peakGflops: number): Promise<FamilyBenchResult> {
  const c: LlamaConfig = { ...shape, nLayer: s.layers ?? shape.nLayer, blockSize: Math.min(shape.blockSize, Math.max(s.T, s.promptTokens + s.decodeTokens) + 16) };
  const weights = randomBf16Weights(c, 1);
  let params = 0;
  for (const t of weights.values()) params += t.data.length;
  const spec: LoraSpec = { r: 8, alpha: 16, targets: [...LINEAR_NAMES] };
  const before = ctx.storageBytes;
  const m = new WebGpuLlamaModel(ctx, c, weights, { adapter: { spec, params: initLora(c, spec, 1) } });
  weights.clear();
  try {
    const weightBytes = ctx.storageBytes - before;
    const rng = new Rng(2);
    const N = s.B * s.T;
    const tokens = new Int32Array(N).map(() => rng.int(c.vocabSize));
    const targets = new Int32Array(N).map(() => rng.int(c.vocabSize));
    const batch = { B: s.B, T: s.T, tokens, targets };
    const dl = new Float32Array(N).fill(-1 / N);
    const step = async () => {
      await m.forwardLogprobs(batch);
      m.zeroGrad();
      await m.backwardLogprobs(dl);
      await m.step({ lr: 1e-4, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
    };
    await step(); // warm-up: compiles every forward, backward and optimizer pipeline
    const prefillSec = await timed(1, () => m.forwardLogprobs(batch), false);
    const trainSec = await timed(s.trainSteps, step, false);
    const prompt = Array.from({ length: s.promptTokens }, () => rng.int(c.vocabSize));
    const gen = { maxNewTokens: s.decodeTokens, temperature: 0, seed: 1, eosId: -1 };
    await m.generate([prompt.slice(0, 2)], { ...gen, maxNewTokens: 1 }); // warm-up of the KV-cache pipelines
    const decodeSec = await timed(1, () => m.generate([prompt], gen), false);
    const R = s.decodeRows ?? 8;
    const prompts = Array.from({ length: R }, (_, r) => prompt.map((t) => (t + r) % c.vocabSize));
    const rowsRun = (maxGroup?: number) => async () => {
      const dec = m.kvDecoder({ rows: R, longestPrompt: s.promptTokens, maxGroup });
      try {
        await generateWithDecoder(pickOnCpu(dec), prompts, gen, c.blockSize, c.vocabSize);
      } finally {
        dec.destroy();
      }
    };
    const batchedSec = await timed(1, rowsRun(), true);
    const perRowSec = await timed(1, rowsRun(1), false);
    const afterTraining = ctx.storageBytes - before;
    let kernels: KernelTime[] | null = null;
    if (s.profile) {
      ctx.startRecording();
      try {
        await step();
      } finally {
        const list = ctx.stopRecording();
        kernels = await profileDispatches(ctx, list);
      }
    }
    const fwd = forwardFlopPerToken(c, s.T);
    const train = 2 * fwd; // forward + input gradients (the base is frozen: no weight-gradient products); LoRA terms not counted
    const prefillTokensPerSec = N / prefillSec;
    const trainTokensPerSec = N / trainSec;
    const gPrefill = (prefillTokensPerSec * fwd) / 1e9, gTrain = (trainTokensPerSec * train) / 1e9;
    return {
      name, config: c, settings: s, shortened, params,
      gpuBytes: { weights: weightBytes, afterTraining },
      prefillTokensPerSec, decodeTokensPerSec: s.decodeTokens / decodeSec, trainTokensPerSec,
      decodeRows: { rows: R, batchedTokensPerSec: (R * s.decodeTokens) / batchedSec, perRowTokensPerSec: (R * s.decodeTokens) / perRowSec },
      flopPerToken: { forward: fwd, train }, gflops: { prefill: gPrefill, train: gTrain },
      pctPeak: { prefill: (100 * gPrefill) / peakGflops, train: (100 * gTrain) / peakGflops }, kernels,
    };
  } finally {
    m.destroy();
  }
}

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');

/** The results as text lines (the CLI prints them; the /bench page shows them). */
export function familyTable(results: FamilyBenchResult[], peakGflops: number): string[] {
  const lines = [`Llama-family models on WebGPU (random bf16 weights, LoRA r 8 on q/k/v/o/gate/up/down; FMA peak ${f(peakGflops, 2)} GFLOP/s)`];
  lines.push('model            layers  params      GPU MB  prefill tok/s  decode tok/s  LoRA train tok/s  GFLOP/s prefill/train  %peak prefill/train');
  for (const r of results) {
    lines.push(`${r.name.padEnd(16)} ${String(r.config.nLayer).padStart(6)}  ${(r.params / 1e6).toFixed(1).padStart(6)}M  ${f(r.gpuBytes.afterTraining / 2 ** 20, 0).padStart(6)}  ${f(r.prefillTokensPerSec).padStart(13)}  ${f(r.decodeTokensPerSec, 2).padStart(12)}  ${f(r.trainTokensPerSec).padStart(16)}  ${`${f(r.gflops.prefill, 2)} / ${f(r.gflops.train, 2)}`.padStart(21)}  ${`${f(r.pctPeak.prefill)} / ${f(r.pctPeak.train)}%`.padStart(19)}`);
    if (r.shortened.length) lines.push(`  shortened on this software adapter: ${r.shortened.join('; ')}`);
  }
  lines.push('\ndecode of R rows together (greedy, tokens/s over all rows): batched = one pass and one readback per step; per row = one pass per row');
  lines.push('model            rows  batched tok/s  per-row tok/s  batched/per-row');
  for (const r of results) {
    const d = r.decodeRows;
    lines.push(`${r.name.padEnd(16)} ${String(d.rows).padStart(4)}  ${f(d.batchedTokensPerSec, 2).padStart(13)}  ${f(d.perRowTokensPerSec, 2).padStart(13)}  ${f(d.batchedTokensPerSec / d.perRowTokensPerSec, 2).padStart(15)}`);
  }
  for (const r of results) {
    if (!r.kernels) {
      lines.push(`\n${r.name}: no per-kernel times (this device has no timestamp-query feature)`);
      continue;
    }
    lines.push(`\n${r.name}: one LoRA training step by kernel (timestamp queries, each dispatch in its own pass)`);
    lines.push('  kernel                                            dispatches      ms   share');
    for (const k of r.kernels.slice(0, 16)) lines.push(`  ${k.kernel.padEnd(48)}  ${String(k.dispatches).padStart(10)}  ${f(k.ms, 2).padStart(6)}  ${f(100 * k.share).padStart(5)}%`);
  }
  return lines;
}
