// Adapters leave the model the way they came in: the fixture's PEFT adapter attached to the CPU model
// and saved again is byte-identical; an adapter trained here (PEFT init, 3 AdamW steps) saved in PEFT's
// layout loads into a fresh model that computes the same logits bit for bit.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryFolder } from '../hf/folder';
import { fsFolder } from '../hf/folder-fs';
import { llamaFloatWeights, loadLlamaFolder } from '../hf/model-folder';
import { parsePeftConfig, peftAdapterFiles, readPeftAdapter } from '../hf/peft';
import { peftAdapterFromParams } from './adapter-export';
import { CpuLlamaModel } from './cpu-model';
import { initLora, packLora, type LoraSpec } from './lora';

const dir = fileURLToPath(new URL('../../../../shared/fixtures/qwen3-tiny', import.meta.url));

describe('LoRA adapter export', () => {
  it('a loaded PEFT adapter saves back byte-identical from the model', async () => {
    const hf = await loadLlamaFolder(fsFolder(dir));
    const peft = await readPeftAdapter(fsFolder(`${dir}/adapter`), hf.config);
    const m = CpuLlamaModel.fromTensors(hf.config, llamaFloatWeights(hf.weights), 'q3', { spec: peft.spec, params: packLora(hf.config, peft.spec, peft.tensors, 'a') });
    const files = peftAdapterFiles(peftAdapterFromParams(hf.config, peft.spec, await m.exportParams(), 'qwen3-tiny', peft));
    expect(Buffer.from(files.get('adapter_model.safetensors')!).equals(readFileSync(`${dir}/adapter/adapter_model.safetensors`))).toBe(true);
  });

  it('an adapter trained here reloads to identical logits; only the adapter trains', async () => {
    const hf = await loadLlamaFolder(fsFolder(dir));
    const spec: LoraSpec = { r: 2, alpha: 4, targets: ['q_proj', 'down_proj'] };
    const base = llamaFloatWeights(hf.weights);
    const m = CpuLlamaModel.fromTensors(hf.config, base, 'q3', { spec, params: initLora(hf.config, spec, 11) });
    const ids: number[][] = JSON.parse(readFileSync(`${dir}/tokens.json`, 'utf8')).input_ids;
    const tokens = Int32Array.from(ids.flat());
    const targets = new Int32Array(40).fill(-1);
    for (let b = 0; b < 2; b++) for (let t = 0; t < 19; t++) targets[b * 20 + t] = ids[b][t + 1];
    const before = await m.forwardLogits(tokens, 2, 20);
    for (let i = 0; i < 3; i++) {
      await m.lossAndGradCrossEntropy({ B: 2, T: 20, tokens, targets });
      await m.step({ lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
    }
    const after = await m.forwardLogits(tokens, 2, 20);
    expect(after).not.toEqual(before);
    const files = peftAdapterFiles(peftAdapterFromParams(hf.config, spec, await m.exportParams(), 'qwen3-tiny'));
    const cfg = JSON.parse(new TextDecoder().decode(files.get('adapter_config.json')!));
    expect(cfg).toMatchObject({ peft_type: 'LORA', r: 2, lora_alpha: 4, target_modules: ['q_proj', 'down_proj'], lora_dropout: 0, bias: 'none' });
    expect(parsePeftConfig(cfg, 'c')).toEqual(spec);
    const back = await readPeftAdapter(memoryFolder('saved', files), hf.config);
    const m2 = CpuLlamaModel.fromTensors(hf.config, base, 'q3', { spec, params: packLora(hf.config, spec, back.tensors, 'saved') });
    expect(await m2.forwardLogits(tokens, 2, 20)).toEqual(after);
    // the base weights did not move
    const now = await m.exportParams();
    for (const [k, t] of base) expect(now.get(k)!.data, k).toEqual(t.data);

    // AdamW state (adapter only, PEFT names) carries over: a resumed model takes the same next step
    const state = await m.exportOptimizerState();
    expect(state.step).toBe(3);
    expect([...state.m.keys()].every((k) => k.startsWith('base_model.model.'))).toBe(true);
    const resumed = CpuLlamaModel.fromTensors(hf.config, base, 'q3', { spec, params: packLora(hf.config, spec, back.tensors, 'saved') });
    await resumed.importOptimizerState(state);
    const batch = { B: 2, T: 20, tokens, targets };
    for (const x of [m, resumed]) {
      await x.lossAndGradCrossEntropy(batch);
      await x.step({ lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
    }
    expect(await resumed.forwardLogits(tokens, 2, 20)).toEqual(await m.forwardLogits(tokens, 2, 20));
    await expect(resumed.importOptimizerState({ step: 1, m: new Map(), v: new Map() })).rejects.toThrow("optimizer state m: missing tensor 'base_model.model.model.layers.0.mlp.down_proj.lora_A.weight'");
  });
});
