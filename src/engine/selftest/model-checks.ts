// WebGpuModel vs CpuModel parity on a tiny config (runs wherever WebGPU does; the browser self-test
// page uses it, the Node suite is gpt-gpu/webgpu-model.test.ts): logits, gradients, three AdamW steps
// and greedy and seeded-sampling KV-cache generation.
import type { GpuContext } from '../backend/gpu-context';
import { relErr } from '../backend/gpu-test-helpers';
import { CpuModel } from '../gpt/cpu-model';
import { initParams } from '../gpt/params';
import { WebGpuModel } from '../gpt-gpu/webgpu-model';
import type { GPTConfig, NamedTensor } from '../model-api';
import { Rng } from '../rng';
import type { CheckResult } from './kernel-checks';

/**
 * Largest per-tensor relative error. With skipKeyBias, the key part of c_attn.bias (channels C..2C)
 * is left out: its gradient is exactly zero in exact arithmetic (softmax ignores q·b_k added to a
 * whole row), so after optimizer steps it holds Adam-amplified rounding noise that differs by backend.
 */
function maxTensorErr(a: Map<string, NamedTensor>, b: Map<string, NamedTensor>, C: number, skipKeyBias = false): number {
  let e = 0;
  for (const [k, t] of b) {
    let x = a.get(k)?.data ?? new Float32Array(0);
    let y = t.data;
    if (skipKeyBias && k.endsWith('attn.c_attn.bias') && x.length === y.length) {
      x = x.slice().fill(0, C, 2 * C);
      y = y.slice().fill(0, C, 2 * C);
    }
    e = Math.max(e, relErr(x, y, 1e-8));
  }
  return e;
}

export async function modelChecks(ctx: GpuContext): Promise<CheckResult[]> {
  const config: GPTConfig = { nLayer: 2, nHead: 3, nEmbd: 12, blockSize: 11, vocabSize: 37 };
  const [B, T] = [2, 7];
  const params = initParams(config, 7);
  const cpu = new CpuModel(config, params);
  const gpu = new WebGpuModel(ctx, config, params);
  const out: CheckResult[] = [];
  const res = (name: string, err: number, tol: number) => out.push({ name, err, tol, pass: err < tol });
  try {
    const rng = new Rng(1);
    const tokens = new Int32Array(B * T).map(() => rng.int(config.vocabSize));
    const targets = new Int32Array(B * T).map(() => rng.int(config.vocabSize));
    targets[3] = -1;
    const batch = { B, T, tokens, targets };
    res('model logits', relErr(await gpu.forwardLogits(tokens, B, T), await cpu.forwardLogits(tokens, B, T)), 1e-5);
    const opts = { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, maxGradNorm: 0.5 };
    const dlp = new Float32Array(B * T).map(() => rng.normal());
    for (let s = 0; s < 3; s++) {
      for (const m of [gpu, cpu]) {
        await m.forwardLogprobs(batch);
        m.zeroGrad();
        await m.backwardLogprobs(dlp);
      }
      if (s === 0) res('model gradients', maxTensorErr(await gpu.exportGrads(), await cpu.exportGrads(), config.nEmbd), 1e-4);
      await gpu.step(opts);
      await cpu.step(opts);
    }
    res('model params after 3 AdamW steps', maxTensorErr(await gpu.exportParams(), await cpu.exportParams(), config.nEmbd, true), 1e-4);
    const prompts = [[1, 2, 3], [5], [7, 8, 9, 10, 11, 12]];
    const gen = { maxNewTokens: 5, temperature: 0, seed: 1, eosId: 36 };
    const g = await gpu.generate(prompts, gen);
    const c = await cpu.generate(prompts, gen);
    res('greedy KV-cache generation (tokens differing from CPU)', JSON.stringify(g.tokens) === JSON.stringify(c.tokens) ? 0 : 1, 0.5);
    // sampling on the GPU (sample_tokens.wgsl) with the CPU sampler's seed: the same tokens
    const sampled = { maxNewTokens: 5, temperature: 0.9, topK: 5, topP: 0.95, seed: 42, eosId: 36 };
    const gs = await gpu.generate(prompts, sampled);
    const cs = await cpu.generate(prompts, sampled);
    res('seeded KV-cache sampling (tokens differing from CPU)', JSON.stringify(gs.tokens) === JSON.stringify(cs.tokens) ? 0 : 1, 0.5);
  } finally {
    gpu.destroy();
  }
  return out;
}
