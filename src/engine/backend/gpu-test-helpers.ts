// Test support for the WebGPU kernel parity tests (imported by *.gpu.test.ts only): one device per
// test process, a "run these dispatches on these arrays" helper, and a tolerance check relative to
// the reference's largest magnitude.
import { createGpuContext } from './index';
import type { GpuContext } from './gpu-context';

let shared: Promise<GpuContext> | null = null;

export function sharedTestContext(): Promise<GpuContext> {
  shared ??= createGpuContext();
  return shared;
}

type Arr = Float32Array | Int32Array;

/**
 * Uploads `inputs`, records `record(pass, buffers)` in one compute pass, then reads back every
 * buffer named in `outputs` as Float32Array.
 */
export async function gpuRun<K extends string>(
  ctx: GpuContext, inputs: Record<K, Arr>, record: (pass: GPUComputePassEncoder, b: Record<K, GPUBuffer>) => void, outputs: NoInfer<K>[],
): Promise<Record<K, Float32Array>> {
  const bufs = {} as Record<K, GPUBuffer>;
  for (const k of Object.keys(inputs) as K[]) bufs[k] = ctx.upload(inputs[k], k);
  const enc = ctx.device.createCommandEncoder();
  const pass = enc.beginComputePass();
  record(pass, bufs);
  pass.end();
  ctx.device.queue.submit([enc.finish()]);
  const out = {} as Record<K, Float32Array>;
  for (const k of outputs) out[k] = (await ctx.readF32(bufs[k])).slice(0, inputs[k].length);
  for (const k of Object.keys(bufs) as K[]) ctx.release(bufs[k]);
  return out;
}

/** max |a - b| / max(max |b|, floor): error relative to the reference's largest magnitude */
export function relErr(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 1e-6): number {
  if (actual.length !== expected.length) return Infinity;
  let maxRef = floor;
  for (let i = 0; i < expected.length; i++) maxRef = Math.max(maxRef, Math.abs(expected[i]));
  let maxErr = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (!(d <= maxErr)) maxErr = Number.isNaN(d) ? Infinity : d;
  }
  return maxErr / maxRef;
}

export function randArray(n: number, next: () => number, scale = 1): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = next() * scale;
  return a;
}
