// WebGPU device acquisition for the engine, in the browser (navigator.gpu) and in Node (Dawn via the
// `webgpu` package). Features are checked up front (shader-f16, timestamps) so kernels can choose a
// variant once; the adapter's identity is kept for the UI; device loss is surfaced as a promise.

export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
}

export interface GpuFeatures {
  /** the adapter offers WGSL `enable f16;` (requested only with requestF16; half weights widen with
   * unpack2x16float, core WGSL, so no kernel needs it) */
  shaderF16: boolean;
  /** timestamp queries were enabled on the device (per-kernel timing in the benchmark) */
  timestampQuery: boolean;
  /** WGSL subgroup operations were enabled on the device (`enable subgroups;`) */
  subgroups: boolean;
  /** the adapter's subgroup size when it has one fixed size (min = max), else undefined */
  subgroupSize?: number;
}

/** The device's limits the engine plans with (the adapter's own, requested in full). */
export interface GpuLimits {
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
  maxComputeWorkgroupsPerDimension: number;
  maxComputeWorkgroupStorageSize: number;
  maxStorageBuffersPerShaderStage: number;
  maxComputeInvocationsPerWorkgroup: number;
  minStorageBufferOffsetAlignment: number;
}

/** limits requested at the adapter's value (the defaults are far lower, e.g. 128 MiB bindings) */
const REQUESTED_LIMITS = [
  'maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupStorageSize', 'maxStorageBuffersPerShaderStage',
  'maxComputeInvocationsPerWorkgroup', 'maxComputeWorkgroupSizeX', 'maxComputeWorkgroupSizeY', 'maxComputeWorkgroupsPerDimension',
] as const;

export interface DeviceLostInfo {
  reason: string; // 'destroyed' | 'unknown'
  message: string;
}

export interface AcquiredDevice {
  device: GPUDevice;
  adapter: AdapterSummary;
  features: GpuFeatures;
  limits: GpuLimits;
  /** resolves once when the device is lost (driver reset, device.destroy()); never rejects */
  lost: Promise<DeviceLostInfo>;
}

export interface AcquireOptions {
  powerPreference?: GPUPowerPreference;
  /** ask for shader-f16 when the adapter offers it (default false: the engine is f32) */
  requestF16?: boolean;
}

export class WebGpuUnavailableError extends Error {}

let nodeGpu: GPU | null = null;

async function nodeNavigatorGpu(): Promise<GPU> {
  if (nodeGpu) return nodeGpu;
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
  if (!env) throw new WebGpuUnavailableError('WebGPU is not available: no navigator.gpu and not running under Node');
  if (!env.VK_ICD_FILENAMES) env.VK_ICD_FILENAMES = '/usr/lib/chromium/vk_swiftshader_icd.json';
  if (!env.XDG_RUNTIME_DIR) {
    const os = await import(/* @vite-ignore */ 'node:' + 'os');
    env.XDG_RUNTIME_DIR = os.tmpdir();
  }
  // A computed specifier keeps bundlers from pulling the native Dawn addon into the browser build.
  const spec = 'webgpu';
  const mod = (await import(/* @vite-ignore */ spec)) as { create(o: string[]): GPU; globals: object };
  for (const [k, v] of Object.entries(mod.globals)) {
    if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
  }
  nodeGpu = mod.create([]);
  return nodeGpu;
}

/** navigator.gpu in a browser or worker; Dawn's GPU under Node. */
export async function getGpu(): Promise<GPU> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu) return nav.gpu;
  return nodeNavigatorGpu();
}

function fixedSubgroupSize(info: GPUAdapterInfo | undefined): number | undefined {
  const i = info as { subgroupMinSize?: number; subgroupMaxSize?: number } | undefined;
  return i?.subgroupMinSize && i.subgroupMinSize === i.subgroupMaxSize ? i.subgroupMinSize : undefined;
}

export async function acquireDevice(opts: AcquireOptions = {}): Promise<AcquiredDevice> {
  const gpu = await getGpu();
  const adapter = await gpu.requestAdapter({ powerPreference: opts.powerPreference ?? 'high-performance' });
  if (!adapter) throw new WebGpuUnavailableError('WebGPU is not available: requestAdapter() returned null');
  const info = adapter.info;
  const features: GpuFeatures = {
    shaderF16: adapter.features.has('shader-f16'),
    timestampQuery: adapter.features.has('timestamp-query'),
    subgroups: adapter.features.has('subgroups' as GPUFeatureName),
    subgroupSize: fixedSubgroupSize(info),
  };
  const requiredFeatures: GPUFeatureName[] = [];
  if (opts.requestF16 && features.shaderF16) requiredFeatures.push('shader-f16');
  if (features.timestampQuery) requiredFeatures.push('timestamp-query');
  if (features.subgroups) requiredFeatures.push('subgroups' as GPUFeatureName);
  const al = adapter.limits as unknown as Record<string, number>;
  const requiredLimits: Record<string, number> = {};
  for (const k of REQUESTED_LIMITS) if (typeof al[k] === 'number') requiredLimits[k] = al[k];
  const device = await adapter.requestDevice({ requiredFeatures, requiredLimits });
  const lost = device.lost.then((l) => ({ reason: String(l.reason), message: l.message || '(no message)' }));
  return {
    device,
    adapter: {
      vendor: info?.vendor ?? '',
      architecture: info?.architecture ?? '',
      device: info?.device ?? '',
      description: info?.description ?? '',
      isFallbackAdapter: Boolean((info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter ??
        (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter ?? false),
    },
    features,
    limits: {
      maxStorageBufferBindingSize: device.limits.maxStorageBufferBindingSize,
      maxBufferSize: device.limits.maxBufferSize,
      maxComputeWorkgroupsPerDimension: device.limits.maxComputeWorkgroupsPerDimension,
      maxComputeWorkgroupStorageSize: device.limits.maxComputeWorkgroupStorageSize,
      maxStorageBuffersPerShaderStage: device.limits.maxStorageBuffersPerShaderStage,
      maxComputeInvocationsPerWorkgroup: device.limits.maxComputeInvocationsPerWorkgroup,
      minStorageBufferOffsetAlignment: device.limits.minStorageBufferOffsetAlignment,
    },
    lost,
  };
}
