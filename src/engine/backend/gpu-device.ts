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
  /** WGSL `enable f16;` is available (we run f32 everywhere today; this keeps the door open) */
  shaderF16: boolean;
  timestampQuery: boolean;
}

export interface DeviceLostInfo {
  reason: string; // 'destroyed' | 'unknown'
  message: string;
}

export interface AcquiredDevice {
  device: GPUDevice;
  adapter: AdapterSummary;
  features: GpuFeatures;
  limits: { maxStorageBufferBindingSize: number; maxComputeWorkgroupsPerDimension: number; maxBufferSize: number };
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

export async function acquireDevice(opts: AcquireOptions = {}): Promise<AcquiredDevice> {
  const gpu = await getGpu();
  const adapter = await gpu.requestAdapter({ powerPreference: opts.powerPreference ?? 'high-performance' });
  if (!adapter) throw new WebGpuUnavailableError('WebGPU is not available: requestAdapter() returned null');
  const info = adapter.info;
  const features: GpuFeatures = {
    shaderF16: adapter.features.has('shader-f16'),
    timestampQuery: adapter.features.has('timestamp-query'),
  };
  const requiredFeatures: GPUFeatureName[] = [];
  if (opts.requestF16 && features.shaderF16) requiredFeatures.push('shader-f16');
  const al = adapter.limits;
  const device = await adapter.requestDevice({
    requiredFeatures,
    requiredLimits: {
      maxStorageBufferBindingSize: al.maxStorageBufferBindingSize,
      maxBufferSize: al.maxBufferSize,
      maxStorageBuffersPerShaderStage: Math.min(al.maxStorageBuffersPerShaderStage, 10),
      maxComputeWorkgroupStorageSize: al.maxComputeWorkgroupStorageSize,
    },
  });
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
      maxComputeWorkgroupsPerDimension: device.limits.maxComputeWorkgroupsPerDimension,
      maxBufferSize: device.limits.maxBufferSize,
    },
    lost,
  };
}
