// The engine's WebGPU backend: device acquisition (browser or Node/Dawn) and the GpuContext that
// kernels dispatch through.
export { acquireDevice, getGpu, WebGpuUnavailableError } from './gpu-device';
export type { AcquiredDevice, AcquireOptions, AdapterSummary, DeviceLostInfo, GpuFeatures, GpuLimits } from './gpu-device';
export { GpuContext, DeviceLostError, WG1D } from './gpu-context';
export type { Binding, Constants } from './gpu-context';
import { acquireDevice, type AcquireOptions } from './gpu-device';
import { GpuContext } from './gpu-context';

/** A new device wrapped in a GpuContext. */
export async function createGpuContext(opts: AcquireOptions = {}): Promise<GpuContext> {
  return new GpuContext(await acquireDevice(opts));
}
