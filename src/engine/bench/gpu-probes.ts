// Throughput probes for the engine benchmark: the adapter's f32 FMA peak (fma_peak.wgsl) and the
// engine's f32 GEMM (either kernel: gemm-variant.ts) on square sizes, timed with performance.now() around submit + completion.
// Sizes grow until one timed run lasts long enough to drown the submission overhead.
import type { GpuContext } from '../backend/gpu-context';
import fmaPeak from '../kernels/fma_peak.wgsl?raw';
import { gemmGpu } from '../kernels/matmul.gpu';
import type { GemmVariant } from '../kernels/gemm-variant';

const FLOP_PER_THREAD_ITER = 64; // 8 vec4 FMA = 8 * 4 * 2

async function timeSubmit(ctx: GpuContext, record: (pass: GPUComputePassEncoder) => void): Promise<number> {
  const enc = ctx.device.createCommandEncoder();
  const pass = enc.beginComputePass();
  record(pass);
  pass.end();
  const t0 = performance.now();
  ctx.device.queue.submit([enc.finish()]);
  await ctx.sync();
  return (performance.now() - t0) / 1000;
}

/** GFLOP/s of independent FMA chains (the adapter's practical f32 peak). */
export async function measureFmaPeak(ctx: GpuContext, minSeconds = 0.4): Promise<{ gflops: number; seconds: number; flop: number }> {
  const iter = 1024;
  let groups = 16;
  const out = ctx.storage(65535 * 256 * 4, 'fma out');
  const run = (g: number) => timeSubmit(ctx, (pass) => ctx.dispatch(pass, fmaPeak, [ctx.params([], [1e-3]), out], [g], { ITER: iter }));
  await run(1); // compile
  for (;;) {
    const s = await run(groups);
    const flop = groups * 256 * iter * FLOP_PER_THREAD_ITER;
    if (s >= minSeconds || groups >= 65535) {
      ctx.release(out);
      return { gflops: flop / s / 1e9, seconds: s, flop };
    }
    groups = Math.min(65535, Math.ceil(groups * Math.max(2, (minSeconds / Math.max(s, 1e-4)) * 1.2)));
  }
}

/** GFLOP/s of C = A·B for square n x n matrices with the engine's GEMM (the adapter's kernel, or `variant`). */
export async function measureMatmul(ctx: GpuContext, n: number, minSeconds = 0.3, variant: GemmVariant = 'auto'): Promise<{ n: number; gflops: number; seconds: number; reps: number }> {
  const a = ctx.storage(n * n * 4, 'mm a');
  const b = ctx.storage(n * n * 4, 'mm b');
  const c = ctx.storage(n * n * 4, 'mm c');
  const rec = (reps: number) => (pass: GPUComputePassEncoder) => {
    for (let r = 0; r < reps; r++) gemmGpu(ctx, pass, c, a, b, { M: n, N: n, K: n, transA: false, transB: false, accumulate: false, variant });
  };
  await timeSubmit(ctx, rec(1)); // compile + first touch
  let reps = 1;
  for (;;) {
    const s = await timeSubmit(ctx, rec(reps));
    if (s >= minSeconds || reps >= 256) {
      for (const x of [a, b, c]) ctx.release(x);
      return { n, gflops: (2 * n * n * n * reps) / s / 1e9, seconds: s, reps };
    }
    reps = Math.min(256, Math.ceil(reps * Math.max(2, (minSeconds / Math.max(s, 1e-4)) * 1.2)));
  }
}
