// Per-kernel GPU time with timestamp queries: the dispatches of one recorded step (GpuContext
// .startRecording / stopRecording) are replayed in order, each in its own compute pass with
// beginning/end timestamps, and their durations summed by kernel. Benchmark use only (the replay
// rewrites the buffers the step wrote, e.g. accumulates gradients once more). Returns null when the
// device has no timestamp-query feature.
import type { GpuContext, RecordedDispatch } from '../backend/gpu-context';

export interface KernelTime {
  kernel: string;
  dispatches: number;
  ms: number;
  share: number;
}

const PER_SET = 2048; // dispatches per query set (2 timestamps each; maxQuerySetSize is 4096 by default)

export async function profileDispatches(ctx: GpuContext, list: RecordedDispatch[]): Promise<KernelTime[] | null> {
  if (!ctx.features.timestampQuery || list.length === 0) return null;
  const byKernel = new Map<string, { n: number; ns: number }>();
  for (let start = 0; start < list.length; start += PER_SET) {
    const part = list.slice(start, start + PER_SET);
    const qs = ctx.device.createQuerySet({ type: 'timestamp', count: 2 * part.length });
    const resolve = ctx.device.createBuffer({ size: 16 * part.length, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
    const read = ctx.device.createBuffer({ size: 16 * part.length, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    try {
      const enc = ctx.device.createCommandEncoder();
      part.forEach((d, i) => {
        const pass = enc.beginComputePass({ timestampWrites: { querySet: qs, beginningOfPassWriteIndex: 2 * i, endOfPassWriteIndex: 2 * i + 1 } });
        pass.setPipeline(d.pipeline);
        pass.setBindGroup(0, d.bindGroup);
        pass.dispatchWorkgroups(d.wg[0], d.wg[1], d.wg[2]);
        pass.end();
      });
      enc.resolveQuerySet(qs, 0, 2 * part.length, resolve, 0);
      enc.copyBufferToBuffer(resolve, 0, read, 0, 16 * part.length);
      ctx.device.queue.submit([enc.finish()]);
      await read.mapAsync(GPUMapMode.READ);
      const ts = new BigUint64Array(read.getMappedRange().slice(0));
      part.forEach((d, i) => {
        const ns = Number(ts[2 * i + 1] - ts[2 * i]);
        const e = byKernel.get(d.kernel) ?? { n: 0, ns: 0 };
        e.n += 1;
        e.ns += Math.max(ns, 0);
        byKernel.set(d.kernel, e);
      });
    } finally {
      qs.destroy();
      resolve.destroy();
      read.destroy();
    }
  }
  const total = [...byKernel.values()].reduce((s, e) => s + e.ns, 0) || 1;
  return [...byKernel.entries()]
    .map(([kernel, e]) => ({ kernel, dispatches: e.n, ms: e.ns / 1e6, share: e.ns / total }))
    .sort((a, b) => b.ms - a.ms);
}
