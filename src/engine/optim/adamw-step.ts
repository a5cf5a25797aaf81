// One optimizer step over llm.c-style flat buffers: global L2 gradient norm, clipping as
// torch.nn.utils.clip_grad_norm_ (scale by max / (norm + 1e-6) when that is below 1), then AdamW
// with bias correction (kernels/adamw.ts). A non-finite norm skips the step entirely: params, m, v
// and the step count stay as they were.
import type { AdamWOptions, StepResult } from '../model-api';
import { adamwUpdate } from '../kernels/adamw';
import { gradNormSquared, scaleInPlace } from '../kernels/gradnorm';

export interface AdamWBuffers {
  params: Float32Array;
  grads: Float32Array;
  m: Float32Array;
  v: Float32Array;
  /** number of updates done so far (bias correction uses step + 1) */
  step: number;
}

function validateAdamWOptions(o: AdamWOptions): void {
  const bad = (f: string, v: unknown, want: string) => new Error(`AdamW option ${f} must be ${want}, got ${v}`);
  if (!(o.lr >= 0) || !Number.isFinite(o.lr)) throw bad('lr', o.lr, 'a finite number >= 0');
  if (!(o.beta1 >= 0 && o.beta1 < 1)) throw bad('beta1', o.beta1, 'in [0, 1)');
  if (!(o.beta2 >= 0 && o.beta2 < 1)) throw bad('beta2', o.beta2, 'in [0, 1)');
  if (!(o.eps > 0)) throw bad('eps', o.eps, '> 0');
  if (!(o.weightDecay >= 0)) throw bad('weightDecay', o.weightDecay, '>= 0');
  if (o.maxGradNorm !== undefined && !(o.maxGradNorm >= 0)) throw bad('maxGradNorm', o.maxGradNorm, '>= 0 (0 = off)');
}

export function clipAndAdamW(b: AdamWBuffers, opts: AdamWOptions): StepResult {
  validateAdamWOptions(opts);
  const gradNorm = Math.sqrt(gradNormSquared([b.grads]));
  if (!Number.isFinite(gradNorm)) return { gradNorm, skipped: true };
  const max = opts.maxGradNorm ?? 0;
  if (max > 0) {
    const coef = max / (gradNorm + 1e-6);
    if (coef < 1) scaleInPlace(b.grads, b.grads.length, coef);
  }
  b.step += 1;
  adamwUpdate(b.params, b.grads, b.m, b.v, b.params.length, opts.lr, opts.beta1, opts.beta2, opts.eps, opts.weightDecay, b.step);
  return { gradNorm, skipped: false };
}
