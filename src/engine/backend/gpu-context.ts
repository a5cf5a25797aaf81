// The engine's small WebGPU layer: a pipeline cache keyed by shader text + override constants, storage
// buffers, content-keyed uniform buffers (allocated once per distinct set of dims, then reused), cached
// bind groups, dispatch helpers that keep workgroup counts within limits, and read-back of scalars.
import type { AcquiredDevice, AdapterSummary, DeviceLostInfo, GpuFeatures, GpuLimits } from './gpu-device';

export type Binding = GPUBuffer | { buffer: GPUBuffer; offset: number; size: number };
export type Constants = Record<string, number>;

/** Threads per workgroup for the 1-D elementwise kernels (their WGSL declares @workgroup_size(256)). */
export const WG1D = 256;

export class DeviceLostError extends Error {
  constructor(readonly info: DeviceLostInfo) {
    super(`WebGPU device lost (${info.reason}): ${info.message}`);
  }
}

/** One recorded dispatch (GpuContext.startRecording): what the benchmark's kernel profiler replays. */
export interface RecordedDispatch {
  kernel: string;
  pipeline: GPUComputePipeline;
  bindGroup: GPUBindGroup;
  wg: [number, number, number];
}

const kernelNames = new Map<string, string>();

/** A kernel's name for tables: its WGSL's first comment line, up to the first punctuation. */
function kernelName(code: string): string {
  let n = kernelNames.get(code);
  if (n === undefined) {
    const first = code.split('\n').find((l) => l.startsWith('//')) ?? 'kernel';
    n = first.replace(/^\/\/\s*/, '').split(/[:,.;(]/)[0].trim().slice(0, 48);
    kernelNames.set(code, n);
  }
  return n;
}

export class GpuContext {
  readonly device: GPUDevice;
  readonly adapter: AdapterSummary;
  readonly features: GpuFeatures;
  /** the device's limits (the adapter's, requested in full) */
  readonly limits: GpuLimits;
  readonly lost: Promise<DeviceLostInfo>;
  lostInfo: DeviceLostInfo | null = null;
  private readonly maxWg: number;
  private readonly pipelines = new Map<string, GPUComputePipeline>();
  private readonly modules = new Map<string, GPUShaderModule>();
  private readonly uniforms = new Map<string, GPUBuffer>();
  private readonly bindGroups = new Map<string, GPUBindGroup>();
  /** read-back buffers by size, reused so a training step allocates nothing */
  private readonly staging = new Map<number, GPUBuffer[]>();
  private readonly ids = new WeakMap<object, number>();
  private readonly storageSizes = new WeakMap<GPUBuffer, number>();
  private liveStorage = 0;
  private peakStorage = 0;
  private nextId = 1;
  private recorder: RecordedDispatch[] | null = null;
  /** a small buffer bound where a kernel declares an optional input it will not read (e.g. no bias) */
  readonly dummy: GPUBuffer;

  constructor(acq: AcquiredDevice) {
    this.device = acq.device;
    this.adapter = acq.adapter;
    this.features = acq.features;
    this.limits = acq.limits;
    this.maxWg = acq.limits.maxComputeWorkgroupsPerDimension;
    this.lost = acq.lost.then((info) => {
      this.lostInfo = info;
      return info;
    });
    this.dummy = this.storage(16, 'dummy');
  }

  /** Throws a DeviceLostError once the device is gone, so callers fail loudly instead of hanging. */
  checkAlive(): void {
    if (this.lostInfo) throw new DeviceLostError(this.lostInfo);
  }

  private id(o: object): number {
    let i = this.ids.get(o);
    if (i === undefined) {
      i = this.nextId++;
      this.ids.set(o, i);
    }
    return i;
  }

  pipeline(code: string, constants: Constants = {}): GPUComputePipeline {
    const ckeys = Object.keys(constants).sort();
    const key = `${ckeys.map((k) => `${k}=${constants[k]}`).join(',')}|${code}`;
    let p = this.pipelines.get(key);
    if (p) return p;
    let module = this.modules.get(code);
    if (!module) {
      module = this.device.createShaderModule({ code });
      this.modules.set(code, module);
    }
    p = this.device.createComputePipeline({
      layout: 'auto',
      compute: { module, entryPoint: 'main', constants: ckeys.length ? constants : undefined },
    });
    this.pipelines.set(key, p);
    return p;
  }

  /** A storage buffer of `bytes` (rounded up to 16), usable as copy source/destination. */
  storage(bytes: number, label = ''): GPUBuffer {
    const size = Math.max(16, Math.ceil(bytes / 16) * 16);
    const buf = this.device.createBuffer({ label, size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    this.storageSizes.set(buf, size);
    this.liveStorage += size;
    if (this.liveStorage > this.peakStorage) this.peakStorage = this.liveStorage;
    return buf;
  }

  /** bytes of the storage buffers made by storage() / upload() and not yet released */
  get storageBytes(): number {
    return this.liveStorage;
  }

  /** the most storageBytes has been since the context was made or the last resetStoragePeak() (buffers freed mid-step, e.g. the KV cache, count) */
  get peakStorageBytes(): number {
    return this.peakStorage;
  }

  /** Starts a new high-water mark for peakStorageBytes at the bytes held now. */
  resetStoragePeak(): void {
    this.peakStorage = this.liveStorage;
  }

  /** A storage buffer holding `data`. */
  upload(data: Float32Array | Int32Array | Uint32Array, label = ''): GPUBuffer {
    const b = this.storage(data.byteLength, label);
    this.write(b, data);
    return b;
  }

  write(buf: GPUBuffer, data: Float32Array | Int32Array | Uint32Array, offsetBytes = 0): void {
    this.device.queue.writeBuffer(buf, offsetBytes, data.buffer, data.byteOffset, data.byteLength);
  }

  /**
   * A uniform buffer with u32 fields followed by f32 fields (the WGSL struct declares them in that
   * order). Buffers are cached by content, so a given set of dims is allocated once.
   */
  params(u32s: number[], f32s: number[] = []): GPUBuffer {
    const key = `${u32s.join(',')};${f32s.map((f) => Math.fround(f)).join(',')}`;
    let b = this.uniforms.get(key);
    if (b) return b;
    const n = u32s.length + f32s.length;
    const ab = new ArrayBuffer(Math.max(16, Math.ceil((n * 4) / 16) * 16));
    new Uint32Array(ab, 0, u32s.length).set(u32s.map((u) => u >>> 0));
    new Float32Array(ab, u32s.length * 4, f32s.length).set(f32s);
    b = this.device.createBuffer({ label: `params ${key}`, size: ab.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.device.queue.writeBuffer(b, 0, ab);
    this.uniforms.set(key, b);
    return b;
  }

  /** A uniform buffer the caller rewrites with writeBuffer (values that change every step, e.g. AdamW's t). */
  mutableUniform(bytes: number, label = ''): GPUBuffer {
    return this.device.createBuffer({ label, size: Math.max(16, Math.ceil(bytes / 16) * 16), usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  }

  private bindGroup(pipeline: GPUComputePipeline, bindings: Binding[]): GPUBindGroup {
    let key = `${this.id(pipeline)}`;
    for (const b of bindings) key += 'buffer' in b ? `|${this.id(b.buffer)}@${b.offset}+${b.size}` : `|${this.id(b)}`;
    let g = this.bindGroups.get(key);
    if (g) return g;
    g = this.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: bindings.map((b, i) => ({ binding: i, resource: 'buffer' in b ? { buffer: b.buffer, offset: b.offset, size: b.size } : { buffer: b } })),
    });
    this.bindGroups.set(key, g);
    return g;
  }

  /** Record one dispatch: bindings are @binding(0..n-1) of @group(0), in order. */
  dispatch(pass: GPUComputePassEncoder, code: string, bindings: Binding[], wg: [number, number?, number?], constants?: Constants): void {
    const p = this.pipeline(code, constants);
    const g = this.bindGroup(p, bindings);
    pass.setPipeline(p);
    pass.setBindGroup(0, g);
    const [x, y = 1, z = 1] = wg;
    if (x === 0 || y === 0 || z === 0) return;
    if (x > this.maxWg || y > this.maxWg || z > this.maxWg) throw new Error(`dispatch (${x}, ${y}, ${z}) exceeds the device's ${this.maxWg} workgroups per dimension`);
    pass.dispatchWorkgroups(x, y, z);
    this.recorder?.push({ kernel: kernelName(code), pipeline: p, bindGroup: g, wg: [x, y, z] });
  }

  /** Keeps a list of every following dispatch (benchmark profiling) until stopRecording(). */
  startRecording(): void {
    this.recorder = [];
  }

  stopRecording(): RecordedDispatch[] {
    const r = this.recorder ?? [];
    this.recorder = null;
    return r;
  }

  /**
   * Workgroup counts for `n` threads in groups of WG1D, folded into 2-D when over the limit. Kernels
   * recover the linear index as gid.x + gid.y * (num_workgroups.x * WG1D).
   */
  grid1d(n: number): [number, number] {
    const groups = Math.ceil(n / WG1D);
    if (groups <= this.maxWg) return [Math.max(groups, 1), 1];
    const y = Math.ceil(groups / this.maxWg);
    return [Math.ceil(groups / y), y];
  }

  /** Rows of one workgroup each, folded into 2-D when over the limit (kernels: row = wid.x + wid.y * nwg.x). */
  gridRows(rows: number): [number, number] {
    if (rows <= this.maxWg) return [Math.max(rows, 1), 1];
    const y = Math.ceil(rows / this.maxWg);
    return [Math.ceil(rows / y), y];
  }

  /** A mappable read-back buffer of at least `bytes` from the pool (sizes are powers of two). */
  private takeStaging(bytes: number): GPUBuffer {
    let size = 256;
    while (size < bytes) size *= 2;
    const free = this.staging.get(size);
    const b = free?.pop();
    return b ?? this.device.createBuffer({ label: `read-back ${size}`, size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  }

  private returnStaging(b: GPUBuffer): void {
    if (b.mapState === 'mapped') b.unmap();
    if (b.mapState !== 'unmapped') return b.destroy();
    let list = this.staging.get(b.size);
    if (!list) this.staging.set(b.size, (list = []));
    if (list.length < 4) list.push(b);
    else b.destroy();
  }

  /** Encode, submit and wait for a read of `bytes` from `buf` at `offset` (multiples of 4). */
  async read(buf: GPUBuffer, offset = 0, bytes = buf.size - offset, encoder?: GPUCommandEncoder): Promise<ArrayBuffer> {
    this.checkAlive();
    const size = Math.ceil(bytes / 4) * 4;
    const staging = this.takeStaging(size);
    const enc = encoder ?? this.device.createCommandEncoder();
    enc.copyBufferToBuffer(buf, offset, staging, 0, size);
    this.device.queue.submit([enc.finish()]);
    try {
      await Promise.race([staging.mapAsync(GPUMapMode.READ, 0, size), this.lost.then((i) => Promise.reject(new DeviceLostError(i)))]);
      return staging.getMappedRange(0, size).slice(0, bytes);
    } finally {
      this.returnStaging(staging);
    }
  }

  async readF32(buf: GPUBuffer, offsetFloats = 0, count?: number, encoder?: GPUCommandEncoder): Promise<Float32Array> {
    const n = count ?? buf.size / 4 - offsetFloats;
    return new Float32Array(await this.read(buf, offsetFloats * 4, n * 4, encoder));
  }

  /** Read several regions in one submission (e.g. B logits rows); each is {buf, offset, count} in floats. */
  async readRegionsF32(regions: { buf: GPUBuffer; offset: number; count: number }[], encoder?: GPUCommandEncoder): Promise<Float32Array[]> {
    this.checkAlive();
    const total = regions.reduce((s, r) => s + r.count, 0);
    const staging = this.takeStaging(Math.max(total * 4, 4));
    const enc = encoder ?? this.device.createCommandEncoder();
    let at = 0;
    for (const r of regions) {
      enc.copyBufferToBuffer(r.buf, r.offset * 4, staging, at * 4, r.count * 4);
      at += r.count;
    }
    this.device.queue.submit([enc.finish()]);
    try {
      await Promise.race([staging.mapAsync(GPUMapMode.READ, 0, total * 4), this.lost.then((i) => Promise.reject(new DeviceLostError(i)))]);
      const all = new Float32Array(staging.getMappedRange(0, total * 4).slice(0));
      const out: Float32Array[] = [];
      at = 0;
      for (const r of regions) {
        out.push(all.slice(at, at + r.count));
        at += r.count;
      }
      return out;
    } finally {
      this.returnStaging(staging);
    }
  }

  /** Wait for all submitted work (benchmarks). */
  async sync(): Promise<void> {
    this.checkAlive();
    await Promise.race([this.device.queue.onSubmittedWorkDone(), this.lost.then((i) => Promise.reject(new DeviceLostError(i)))]);
  }

  /** Drop cached bind groups that reference `buf` and destroy it. */
  release(buf: GPUBuffer): void {
    const id = this.ids.get(buf);
    if (id !== undefined) {
      const tag = `|${id}`;
      for (const k of [...this.bindGroups.keys()]) {
        if (k.includes(`${tag}|`) || k.includes(`${tag}@`) || k.endsWith(tag)) this.bindGroups.delete(k);
      }
    }
    const size = this.storageSizes.get(buf);
    if (size !== undefined) {
      this.liveStorage -= size;
      this.storageSizes.delete(buf);
    }
    buf.destroy();
  }
}
