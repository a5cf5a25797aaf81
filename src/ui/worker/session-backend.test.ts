// The session's backend (session-backend.ts) and the policy and KL reference policy the run builds on
// it (src/lrpo/run/policy-source.ts), on WebGPU in Node (Dawn on SwiftShader, offered as
// navigator.gpu as in the worker) and on the CPU. On WebGPU the reference must be a WebGPU model on
// the policy's own device holding the policy's start weights (compared
// exactly, and its logprobs against the CPU reference model within 1e-5 relative), the first step's
// actor/kl_loss must be ~0 (|kl| < 1e-7: both models run the same kernels on the same weights), the
// second step's must be > 0 (the policy moved, the reference did not), and destroying the session
// must free the device the session acquired. Fixtures: the byte tokenizer and tiny examples of
// src/lrpo/testing, a reward that is the fraction of ASCII letters in the response.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getGpu } from '../../engine/backend';
import { CpuModel } from '../../engine/gpt/cpu-model';
import { ByteTokenizer } from '../../engine/tokenizer/byte-tokenizer';
import type { GPTConfig, Model, ModelConfigBase, NamedTensor } from '../../engine/model-api';
import { relErr } from '../../engine/backend/gpu-test-helpers';
import { defaultRunConfig, type RunConfig } from '../../lrpo/config';
import { createRouter } from '../../lrpo/router/create-router';
import { tinyExamples } from '../../lrpo/testing/tiny-examples';
import { Trainer, type RolloutScorer } from '../../lrpo/trainer';
import { Run } from '../../lrpo/run/run';
import { buildPolicy, type BuiltPolicy } from '../../lrpo/run/policy-source';
import { acquireSessionBackend, type SessionBackend } from './session-backend';

const LANGS = ['de', 'en', 'zh'];
const tok = ByteTokenizer.forLanguages(LANGS);
const score: RolloutScorer = async (items) =>
  items.map((it) => {
    const r = it.response.length ? [...it.response].filter((c) => /[A-Za-z]/.test(c)).length / it.response.length : 0;
    return { detectedLang: it.targetLang, similarity: r, calibrated: r, reward: r };
  });

function config(backend: RunConfig['backend']): RunConfig {
  const c = defaultRunConfig();
  c.backend = backend;
  c.seed = 5;
  c.router.languages = LANGS;
  c.data.train_batch_size = 2;
  c.data.max_prompt_length = 40;
  c.data.max_response_length = 6;
  c.actor.rollout_n = 4;
  c.actor.ppo_mini_batch_size = 2; // one mini-batch: the first update's KL is measured before any change
  c.actor.lr = 1e-2;
  c.actor.use_kl_loss = true;
  return c;
}
const gpt: GPTConfig = { nLayer: 1, nHead: 2, nEmbd: 16, blockSize: 48, vocabSize: tok.vocabSize };

const flat = (m: Map<string, NamedTensor>) => Float32Array.from([...m.values()].flatMap((t) => [...t.data]));
const ctxOf = (m: object) => (m as { ctx?: unknown }).ctx;

/** the run config's model.* sizes are the test's GPT-2 */
const sized = (c: RunConfig) => {
  c.model = { ...c.model, checkpoint: '', n_layer: gpt.nLayer, n_head: gpt.nHead, n_embd: gpt.nEmbd, block_size: gpt.blockSize };
  return c;
};

describe('session backend on WebGPU', () => {
  let hw: SessionBackend;
  let models: { model: Model; makeReference: BuiltPolicy['makeReference']; device: SessionBackend['device'] };
  let reference: Model<ModelConfigBase>;
  beforeAll(async () => {
    vi.stubGlobal('navigator', { gpu: await getGpu() });
    hw = await acquireSessionBackend(config('webgpu'));
    const built = await buildPolicy(sized(config('webgpu')), { kind: 'init' }, hw.backend);
    models = { model: built.gpt2!.model, makeReference: built.makeReference, device: hw.device };
    reference = await models.makeReference(await models.model.exportParams());
  });
  afterAll(() => {
    reference?.destroy();
    models?.model.destroy();
    hw?.release();
    vi.unstubAllGlobals();
  });

  it('the reference is a WebGPU model on the policy device with the policy start weights', async () => {
    expect(models.device.backend).toBe('webgpu');
    expect(models.model.backend).toBe('webgpu');
    expect(reference.backend).toBe('webgpu');
    expect(ctxOf(reference)).toBe(ctxOf(models.model));
    const start = await models.model.exportParams();
    expect(flat(await reference.exportParams())).toEqual(flat(start));
    // its forward against the CPU reference model of the same weights
    const cpu = new CpuModel(gpt, undefined, 0);
    await cpu.importParams(start);
    const B = 2, T = 9;
    const tokens = Int32Array.from({ length: B * T }, (_, i) => (i * 37 + 11) % gpt.vocabSize);
    const targets = Int32Array.from({ length: B * T }, (_, i) => (i % T === T - 1 ? -1 : tokens[i + 1]));
    const batch = { B, T, tokens, targets };
    const [g, c] = [await reference.forwardLogprobs(batch), await cpu.forwardLogprobs(batch)];
    expect(relErr(g.logprobs, c.logprobs)).toBeLessThan(1e-5);
  });

  it('KL to the reference is ~0 on the first step and > 0 once the policy has moved; the reference stays frozen', async () => {
    const c = config('webgpu');
    const start = flat(await reference.exportParams());
    const trainer = new Trainer({ config: c, model: models.model, reference: reference, tokenizer: tok, router: createRouter(c.router, c.seed), score, train: tinyExamples() });
    const r1 = await trainer.trainStep();
    expect(r1.skipped).toBe(false);
    expect(Math.abs(r1.metrics['actor/kl_loss'])).toBeLessThan(1e-7);
    const r2 = await trainer.trainStep();
    expect(r2.metrics['actor/kl_loss']).toBeGreaterThan(0);
    expect(flat(await reference.exportParams())).toEqual(start);
    expect(flat(await models.model.exportParams())).not.toEqual(start);
  });

  it('a run on the session device builds its reference there; disposing the run and releasing the backend frees them', async () => {
    const own = await acquireSessionBackend(config('webgpu'));
    const c = sized(config('webgpu'));
    const run = await Run.create({ config: c, policy: { kind: 'init' }, backend: own.backend, train: tinyExamples(), val: [], score, similarity: 'match' });
    const ref = run.reference!;
    expect([run.model.backend, ref.backend]).toEqual(['webgpu', 'webgpu']);
    expect(ctxOf(ref)).toBe(own.backend);
    expect(ctxOf(run.model)).toBe(own.backend);
    expect(flat(await ref.exportParams())).toEqual(flat(await run.model.exportParams()));
    run.dispose();
    own.release();
    await expect(own.lost).resolves.toMatch(/destroy/i);
    await expect(ref.exportParams()).rejects.toThrow(/destroyed|lost/i);
  });
});

describe('session backend on the CPU', () => {
  it('the reference is a CPU model with the given weights', async () => {
    const hw = await acquireSessionBackend(config('cpu'));
    const m = await buildPolicy(sized(config('cpu')), { kind: 'init' }, hw.backend);
    const ref = await m.makeReference(await m.model.exportParams());
    expect([hw.device.backend, m.model.backend, ref.backend]).toEqual(['cpu', 'cpu', 'cpu']);
    expect(flat(await ref.exportParams())).toEqual(flat(await m.model.exportParams()));
  });

  it('without navigator.gpu a webgpu config falls back to the CPU and says why', async () => {
    vi.stubGlobal('navigator', {});
    const hw = await acquireSessionBackend(config('webgpu'));
    vi.unstubAllGlobals();
    expect(hw.backend).toBe('cpu');
    expect(hw.device.webgpuUnavailable).toMatch(/navigator\.gpu is missing/);
  });
});
