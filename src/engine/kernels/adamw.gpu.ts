// Dispatch glue for AdamW (CPU reference: adamw.ts). The hyperparameters and the step change every
// call, so they live in one uniform buffer owned by this object and rewritten before each dispatch
// (one update per submission).
import type { Binding, GpuContext } from '../backend/gpu-context';
import code from './adamw.wgsl?raw';

export interface AdamWHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

export class AdamWGpu {
  private readonly uniform: GPUBuffer;
  private readonly data = new ArrayBuffer(48);

  constructor(private readonly ctx: GpuContext) {
    this.uniform = ctx.mutableUniform(48, 'adamw hyperparameters');
  }

  /** Records p, m, v updates for step t (1-based); the gradient is multiplied by gscale first. */
  record(pass: GPUComputePassEncoder, params: Binding, m: Binding, v: Binding, grads: Binding, N: number, h: AdamWHyper, t: number, gscale = 1): void {
    new Uint32Array(this.data, 0, 1)[0] = N;
    new Float32Array(this.data, 4, 10).set([
      h.lr, h.beta1, h.beta2, h.eps, 1 - h.lr * h.weightDecay, 1 - h.beta1, 1 - h.beta2,
      1 - Math.pow(h.beta1, t), 1 - Math.pow(h.beta2, t), gscale,
    ]);
    this.ctx.device.queue.writeBuffer(this.uniform, 0, this.data);
    this.ctx.dispatch(pass, code, [this.uniform, params, m, v, grads], this.ctx.grid1d(N));
  }

  destroy(): void {
    this.uniform.destroy();
  }
}
