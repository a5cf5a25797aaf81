// The backend of a training session: a WebGPU device when the config asks for it and the browser
// gives one, else the CPU reference backend (the page is told why). The session owns the device:
// the run builds the policy and its frozen KL reference on it (src/lrpo/run/policy-source.ts), so the
// reference forward of every step stays on the GPU and a device loss takes both at once; the session
// frees the run (reference, then policy) first, then the device.

import { createGpuContext } from '../../engine/backend';
import type { RunConfig } from '../../lrpo/config';
import type { PolicyBackend } from '../../lrpo/run/policy-source';
import type { DeviceInfo } from './protocol';

export interface SessionBackend {
  backend: PolicyBackend;
  device: DeviceInfo;
  /** resolves with a message when the GPU device is lost; never resolves on the CPU */
  lost: Promise<string>;
  /** destroys the device (the device-loss drill; then `release`); no-op on the CPU */
  loseDevice(): void;
  /** frees the device, after the run that used it */
  release(): void;
}

const never = new Promise<string>(() => {});

function cpu(why?: string): SessionBackend {
  const device: DeviceInfo = { backend: 'cpu', adapterName: 'CPU (TypeScript reference)', isFallbackAdapter: false, webgpuUnavailable: why };
  return { backend: 'cpu', device, lost: never, loseDevice: () => {}, release: () => {} };
}

export async function acquireSessionBackend(cfg: RunConfig): Promise<SessionBackend> {
  if (cfg.backend === 'cpu') return cpu();
  const hasGpu = typeof navigator !== 'undefined' && 'gpu' in navigator && !!(navigator as { gpu?: GPU }).gpu;
  if (!hasGpu) return cpu('this browser has no WebGPU (navigator.gpu is missing)');
  try {
    const ctx = await createGpuContext();
    const a = ctx.adapter;
    return {
      backend: ctx,
      device: {
        backend: 'webgpu',
        adapterName: [a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' · ') || 'WebGPU adapter',
        isFallbackAdapter: !!a.isFallbackAdapter,
      },
      lost: ctx.lost.then((l) => l.message || l.reason || 'device lost'),
      loseDevice: () => ctx.device.destroy(),
      release: () => ctx.device.destroy(),
    };
  } catch (e) {
    return cpu(`WebGPU could not start: ${(e as Error).message}`);
  }
}
