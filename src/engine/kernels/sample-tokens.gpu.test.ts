// The next-token kernel (sample_tokens.wgsl) vs its CPU reference (sample-tokens.ts) on identical
// logits and uniforms: odd V (29, 274, 300 with 32 threads per row, 1500 with 64), greedy, temperature, top-k,
// top-p and both, rows with many exact ties (logits on a 0.5 grid, so top-k and top-p cut through
// tie groups), a dominant logit (underflowing w) and the extreme uniforms 0 and 1 - 2^-24.
// Tokens must be equal, except where the reference reports the draw or the top-p cut within 1e-5
// (relative) of its threshold: there f32 sums on the GPU may round to the other side (stated
// tolerance; such cases are counted and must stay rare). Log-probabilities: 2e-5 absolute.
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { gpuRun, sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { pickTokenDetail, samplerSettings, type SamplerSettings } from './sample-tokens';
import { sampleTokensGpu } from './sample-tokens.gpu';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

const SETTINGS: [string, SamplerSettings][] = [
  ['greedy', samplerSettings({ temperature: 0 })],
  ['T=1', samplerSettings({ temperature: 1 })],
  ['T=0.7 k=5', samplerSettings({ temperature: 0.7, topK: 5 })],
  ['T=1.3 p=0.9', samplerSettings({ temperature: 1.3, topP: 0.9 })],
  ['T=0.8 k=40 p=0.8', samplerSettings({ temperature: 0.8, topK: 40, topP: 0.8 })],
  ['T=2 p=0.3', samplerSettings({ temperature: 2, topP: 0.3 })],
  ['T=1 k=1', samplerSettings({ temperature: 1, topK: 1 })],
  ['T=0.05 k=3 p=0.5', samplerSettings({ temperature: 0.05, topK: 3, topP: 0.5 })],
];

function rows(N: number, V: number, seed: number): { logits: Float32Array; u: Float32Array } {
  const rng = new Rng(seed);
  const logits = new Float32Array(N * V);
  for (let n = 0; n < N; n++) {
    const kind = n % 4;
    for (let j = 0; j < V; j++) {
      const z = rng.normal() * 2;
      // kind 1: a 0.5 grid (many exact ties); kind 2: one dominant logit; kind 3: all equal but two
      logits[n * V + j] = kind === 1 ? Math.round(z * 2) / 2 : kind === 3 ? (j % 7 === 3 ? 1 : 0) : z;
    }
    if (kind === 2) logits[n * V + rng.int(V)] = 60;
  }
  const u = new Float32Array(N).map(() => rng.nextF32());
  u[0] = 0;
  u[1] = 1 - 2 ** -24;
  return { logits, u };
}

describe.each([29, 274, 300, 1500])('sample_tokens V=%i', (V) => {
  it.each(SETTINGS)('%s: GPU tokens and log-probabilities match the CPU reference', async (_name, s) => {
    const N = 48;
    const { logits, u } = rows(N, V, V * 31 + s.topK * 7 + Math.round(s.topP * 100) + Math.round(s.temperature * 10));
    const g = await gpuRun(ctx, { out: new Float32Array(2 * N), logits, u, w: new Float32Array(N * V) },
      (p, b) => sampleTokensGpu(ctx, p, b.out, b.logits, b.u, b.w, N, V, s), ['out']);
    let boundary = 0;
    for (let n = 0; n < N; n++) {
      const row = logits.subarray(n * V, (n + 1) * V);
      const want = pickTokenDetail(row, s, u[n]);
      const tok = g.out[2 * n];
      expect(Number.isInteger(tok) && tok >= 0 && tok < V, `row ${n}: token ${tok}`).toBe(true);
      if (tok !== want.token) {
        expect(want.margin, `row ${n}: GPU ${tok}, CPU ${want.token}, margin ${want.margin}`).toBeLessThan(1e-5);
        boundary++;
      }
      // the GPU's log-probability is that of the token it chose
      const lp = pickTokenDetail(row, { temperature: 0, topK: 0, topP: 1 }, 0);
      const ref = row[tok] - row[lp.token] + lp.logprob;
      expect(Math.abs(g.out[2 * n + 1] - ref), `row ${n} logprob`).toBeLessThan(2e-5);
    }
    expect(boundary).toBeLessThanOrEqual(1);
  });
});

it('many uniforms over one row reproduce the reference distribution token by token', async () => {
  const V = 274, N = 1024;
  const rng = new Rng(5);
  const one = new Float32Array(V).map(() => rng.normal() * 1.5);
  const logits = new Float32Array(N * V);
  for (let n = 0; n < N; n++) logits.set(one, n * V);
  const u = new Float32Array(N).map((_, n) => (n + 0.5) / N); // a grid: every CDF interval wider than 1/N is hit
  const s = samplerSettings({ temperature: 0.9, topK: 20, topP: 0.9 });
  const g = await gpuRun(ctx, { out: new Float32Array(2 * N), logits, u, w: new Float32Array(N * V) },
    (p, b) => sampleTokensGpu(ctx, p, b.out, b.logits, b.u, b.w, N, V, s), ['out']);
  const d = pickTokenDetail(one, s, 0);
  const counts = new Map<number, number>();
  let mismatches = 0;
  for (let n = 0; n < N; n++) {
    const t = g.out[2 * n];
    counts.set(t, (counts.get(t) ?? 0) + 1);
    if (t !== pickTokenDetail(one, s, u[n]).token) mismatches++;
  }
  expect(mismatches).toBe(0);
  // grid frequencies equal the kept probabilities to within 1/N per token
  d.ranked.forEach((id, r) => expect(Math.abs((counts.get(id) ?? 0) / N - d.probs[r])).toBeLessThanOrEqual(1 / N + 1e-9));
  for (const id of counts.keys()) expect(d.ranked).toContain(id);
});
