// The next-token kernel (sample_tokens.wgsl) against its CPU reference (sample-tokens.ts) wherever
// WebGPU runs (the browser self-test page; the fuller Node suite is kernels/sample-tokens.gpu.test.ts).
// Reported error: the fraction of rows whose token differs from the reference, not counting rows
// where the reference's draw or top-p cut lies within 1e-5 (relative) of its threshold (f32 sums may
// round either way there); tolerance: none may differ. Log-probabilities: max |error|, 2e-5.
import type { GpuContext } from '../backend/gpu-context';
import { gpuRun } from '../backend/gpu-test-helpers';
import { Rng } from '../rng';
import { pickTokenDetail, samplerSettings } from '../kernels/sample-tokens';
import { sampleTokensGpu } from '../kernels/sample-tokens.gpu';
import type { CheckResult } from './kernel-checks';

export async function samplingChecks(ctx: GpuContext): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const rng = new Rng(9);
  for (const V of [29, 274]) {
    const N = 24;
    const logits = new Float32Array(N * V).map(() => rng.normal() * 2);
    // every third row on a 0.5 grid: exact ties at the top-k / top-p thresholds
    for (let n = 0; n < N; n += 3) for (let j = 0; j < V; j++) logits[n * V + j] = Math.round(logits[n * V + j] * 2) / 2;
    const u = new Float32Array(N).map(() => rng.nextF32());
    for (const [name, s] of [
      ['greedy', samplerSettings({ temperature: 0 })],
      ['T=0.8 k=7 p=0.9', samplerSettings({ temperature: 0.8, topK: 7, topP: 0.9 })],
      ['T=1.2 p=0.6', samplerSettings({ temperature: 1.2, topP: 0.6 })],
    ] as const) {
      const g = await gpuRun(ctx, { out: new Float32Array(2 * N), logits, u, w: new Float32Array(N * V) },
        (p, b) => sampleTokensGpu(ctx, p, b.out, b.logits, b.u, b.w, N, V, s), ['out']);
      let differ = 0;
      let lpErr = 0;
      for (let n = 0; n < N; n++) {
        const row = logits.subarray(n * V, (n + 1) * V);
        const want = pickTokenDetail(row, s, u[n]);
        if (g.out[2 * n] !== want.token) {
          if (!(want.margin < 1e-5)) differ++;
        } else {
          lpErr = Math.max(lpErr, Math.abs(g.out[2 * n + 1] - want.logprob));
        }
      }
      out.push({ name: `sample_tokens V=${V} ${name}: rows with another token`, err: differ / N, tol: 1e-9, pass: differ === 0 });
      out.push({ name: `sample_tokens V=${V} ${name}: log-probability`, err: lpErr, tol: 2e-5, pass: lpErr < 2e-5 });
    }
  }
  return out;
}
