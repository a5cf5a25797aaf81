// The WebGPU backend layer under Node's Dawn: adapter facts for the UI, content-keyed uniforms
// (allocated once per distinct dims), workgroup-grid folding past the per-dimension limit, pipeline
// caching by shader + constants, and read-back.
import { beforeAll, expect, it } from 'vitest';
import { sharedTestContext } from './gpu-test-helpers';
import { getGpu } from './gpu-device';
import type { GpuContext } from './gpu-context';
import zeroFill from '../kernels/zero_fill.wgsl?raw';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

it('reports the adapter and its features', () => {
  expect(typeof ctx.adapter.vendor).toBe('string');
  expect(typeof ctx.adapter.isFallbackAdapter).toBe('boolean');
  expect(typeof ctx.features.shaderF16).toBe('boolean');
  expect(ctx.lostInfo).toBeNull();
});

it('asks for the adapter\'s own limits and optional features, not the defaults', async () => {
  const adapter = await (await getGpu()).requestAdapter({ powerPreference: 'high-performance' });
  expect(adapter).not.toBeNull();
  const al = adapter!.limits;
  expect(ctx.limits.maxStorageBufferBindingSize).toBe(al.maxStorageBufferBindingSize);
  expect(ctx.limits.maxBufferSize).toBe(al.maxBufferSize);
  expect(ctx.limits.maxStorageBuffersPerShaderStage).toBe(al.maxStorageBuffersPerShaderStage);
  expect(ctx.device.limits.maxComputeInvocationsPerWorkgroup).toBe(al.maxComputeInvocationsPerWorkgroup);
  expect(ctx.features.timestampQuery).toBe(adapter!.features.has('timestamp-query'));
  expect(ctx.device.features.has('timestamp-query')).toBe(ctx.features.timestampQuery);
  expect(ctx.device.features.has('subgroups' as GPUFeatureName)).toBe(ctx.features.subgroups);
});

it('caches uniforms by content and pipelines by shader + constants', () => {
  expect(ctx.params([3, 4], [0.5])).toBe(ctx.params([3, 4], [0.5]));
  expect(ctx.params([3, 4], [0.5])).not.toBe(ctx.params([3, 5], [0.5]));
  expect(ctx.pipeline(zeroFill)).toBe(ctx.pipeline(zeroFill));
});

it('folds large 1-D grids into 2-D within the device limit', () => {
  const limit = ctx.device.limits.maxComputeWorkgroupsPerDimension;
  expect(ctx.grid1d(1000)).toEqual([4, 1]);
  const [x, y] = ctx.grid1d(256 * (limit + 10));
  expect(x).toBeLessThanOrEqual(limit);
  expect(x * y * 256).toBeGreaterThanOrEqual(256 * (limit + 10));
  const [rx, ry] = ctx.gridRows(limit * 2 + 1);
  expect(rx).toBeLessThanOrEqual(limit);
  expect(rx * ry).toBeGreaterThanOrEqual(limit * 2 + 1);
});

it('reads back regions and zero-fills through a cached dispatch', async () => {
  const buf = ctx.upload(new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]));
  const [a, b] = await ctx.readRegionsF32([{ buf, offset: 1, count: 2 }, { buf, offset: 6, count: 2 }]);
  expect(Array.from(a)).toEqual([2, 3]);
  expect(Array.from(b)).toEqual([7, 8]);
  const enc = ctx.device.createCommandEncoder();
  const pass = enc.beginComputePass();
  ctx.dispatch(pass, zeroFill, [ctx.params([5]), buf], ctx.grid1d(5));
  pass.end();
  expect(Array.from(await ctx.readF32(buf, 0, 8, enc))).toEqual([0, 0, 0, 0, 0, 6, 7, 8]);
  ctx.release(buf);
});

it('serves concurrent and repeated read-backs from pooled staging buffers', async () => {
  const a = ctx.upload(new Float32Array([1, 2, 3]));
  const b = ctx.upload(new Float32Array([4, 5, 6, 7, 8]));
  for (let r = 0; r < 3; r++) {
    const [x, y] = await Promise.all([ctx.readF32(a, 0, 3), ctx.readF32(b, 1, 4)]);
    expect(Array.from(x)).toEqual([1, 2, 3]);
    expect(Array.from(y)).toEqual([5, 6, 7, 8]);
  }
  ctx.release(a);
  ctx.release(b);
});

it('counts live storage bytes and their high-water mark since the last reset', () => {
  const base = ctx.storageBytes;
  ctx.resetStoragePeak();
  expect(ctx.peakStorageBytes).toBe(base);
  const a = ctx.storage(1000); // rounded up to 16: 1008
  const b = ctx.storage(4096);
  expect(ctx.storageBytes).toBe(base + 1008 + 4096);
  ctx.release(b);
  const c = ctx.storage(16);
  expect(ctx.storageBytes).toBe(base + 1008 + 16);
  expect(ctx.peakStorageBytes).toBe(base + 1008 + 4096); // b counted while it lived
  ctx.resetStoragePeak();
  expect(ctx.peakStorageBytes).toBe(base + 1008 + 16);
  ctx.release(a);
  ctx.release(c);
  expect(ctx.storageBytes).toBe(base);
});
