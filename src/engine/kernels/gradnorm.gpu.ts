// Dispatch glue for the global gradient norm and clipping (CPU reference: gradnorm.ts). Two-stage
// reduction on the GPU; only two floats (sum of squares, count of non-finite entries) are read back.
import type { Binding, GpuContext } from '../backend/gpu-context';
import partialCode from './gradnorm_partial.wgsl?raw';
import finalCode from './gradnorm_final.wgsl?raw';
import scaleCode from './scale.wgsl?raw';

/** Workgroups of the first stage (each grid-strides over its buffer). */
const GRADNORM_WG = 64;

export interface GradNormResult {
  sumSquares: number;
  nonFinite: number;
}

export class GradNormGpu {
  private readonly partial: GPUBuffer;
  readonly result: GPUBuffer;

  /** `segments`: how many buffers one norm spans (the model uses one flat gradient buffer). */
  constructor(private readonly ctx: GpuContext, private readonly segments = 1) {
    this.partial = ctx.storage(segments * 2 * GRADNORM_WG * 4, 'gradnorm partials');
    this.result = ctx.storage(16, 'gradnorm result');
  }

  /** Records the reduction of sum(g^2) over all given buffers (at most `segments`). */
  record(pass: GPUComputePassEncoder, grads: { buf: Binding; N: number }[]): void {
    if (grads.length > this.segments) throw new Error(`GradNormGpu was made for ${this.segments} buffers, got ${grads.length}`);
    grads.forEach((g, s) => {
      this.ctx.dispatch(pass, partialCode, [this.ctx.params([g.N, s * 2 * GRADNORM_WG, GRADNORM_WG]), this.partial, g.buf], [GRADNORM_WG]);
    });
    this.ctx.dispatch(pass, finalCode, [this.ctx.params([grads.length, GRADNORM_WG]), this.result, this.partial], [1]);
  }

  /** Submits `encoder` (if given) and reads the result back. */
  async read(encoder?: GPUCommandEncoder): Promise<GradNormResult> {
    const r = await this.ctx.readF32(this.result, 0, 2, encoder);
    return { sumSquares: r[0], nonFinite: r[1] };
  }

  destroy(): void {
    this.ctx.release(this.partial);
    this.ctx.release(this.result);
  }
}

/** buf[0..N) *= s, with s in a uniform owned by this object (it changes every step). */
export class ScaleGpu {
  private readonly uniform: GPUBuffer;
  constructor(private readonly ctx: GpuContext) {
    this.uniform = ctx.mutableUniform(16, 'scale factor');
  }

  record(pass: GPUComputePassEncoder, buf: Binding, N: number, s: number): void {
    const data = new ArrayBuffer(16);
    new Uint32Array(data, 0, 1)[0] = N;
    new Float32Array(data, 4, 1)[0] = s;
    this.ctx.device.queue.writeBuffer(this.uniform, 0, data);
    this.ctx.dispatch(pass, scaleCode, [this.uniform, buf], this.ctx.grid1d(N));
  }

  destroy(): void {
    this.uniform.destroy();
  }
}
