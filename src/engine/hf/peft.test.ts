// PEFT adapters: the fixture adapter (as PEFT 0.21 saved it) loads, saves back to the same bytes,
// names, shapes and config; unsupported options are refused by name; a new adapter's config is
// PEFT's plain-LoRA form.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLlamaConfig } from './config';
import { memoryFolder } from './folder';
import { fsFolder } from './folder-fs';
import { newPeftConfig, parsePeftConfig, peftAdapterFiles, readPeftAdapter } from './peft';
import { readHfSafetensors } from './tensors';

const root = fileURLToPath(new URL('../../../../shared/fixtures/', import.meta.url));

describe('PEFT adapter IO', () => {
  for (const name of ['llama-tiny', 'qwen2-tiny', 'qwen3-tiny']) {
    it(`${name}: load then save gives the same bytes, names, shapes and config`, async () => {
      const config = parseLlamaConfig(JSON.parse(readFileSync(`${root}${name}/config.json`, 'utf8')), 'config.json');
      const dir = `${root}${name}/adapter`;
      const a = await readPeftAdapter(fsFolder(dir), config);
      expect(a.spec).toEqual({ r: 4, alpha: 8, targets: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'] });
      expect(a.tensors.size).toBe(2 * 7 * config.nLayer);
      const files = peftAdapterFiles(a);
      const orig = new Uint8Array(readFileSync(`${dir}/adapter_model.safetensors`));
      const saved = files.get('adapter_model.safetensors')!;
      const o = readHfSafetensors(orig, 'orig'), s = readHfSafetensors(saved, 'saved');
      expect([...s.tensors.keys()]).toEqual([...o.tensors.keys()]);
      for (const [k, t] of o.tensors) {
        expect(s.tensors.get(k)!.shape).toEqual(t.shape);
        expect(s.tensors.get(k)!.dtype).toBe(t.dtype);
      }
      expect(s.metadata).toEqual(o.metadata);
      expect(Buffer.from(saved).equals(Buffer.from(orig))).toBe(true);
      const cfg = JSON.parse(new TextDecoder().decode(files.get('adapter_config.json')!));
      expect(cfg).toEqual(JSON.parse(readFileSync(`${dir}/adapter_config.json`, 'utf8')));
      // and the saved folder loads again to the same values
      const again = await readPeftAdapter(memoryFolder('saved', files), config);
      for (const [k, t] of a.tensors) expect(again.tensors.get(k)!.data).toEqual(t.data);
    });
  }

  it('refuses what the engine does not implement, by name', async () => {
    const base = JSON.parse(readFileSync(`${root}llama-tiny/adapter/adapter_config.json`, 'utf8'));
    expect(() => parsePeftConfig({ ...base, use_dora: true }, 'a.json')).toThrow('a.json: DoRA (use_dora) is not supported');
    expect(() => parsePeftConfig({ ...base, lora_dropout: 0.05 }, 'a.json')).toThrow('lora_dropout 0.05 is not supported');
    expect(() => parsePeftConfig({ ...base, target_modules: ['q_proj', 'lm_head'] }, 'a.json')).toThrow("target module 'lm_head' is not supported");
    expect(() => parsePeftConfig({ ...base, target_modules: '.*proj' }, 'a.json')).toThrow('regular expression');
    expect(() => parsePeftConfig({ ...base, peft_type: 'IA3' }, 'a.json')).toThrow('peft_type "IA3" is not supported');
    expect(() => parsePeftConfig({ ...base, modules_to_save: ['lm_head'] }, 'a.json')).toThrow('modules_to_save is not supported');
    const config = parseLlamaConfig(JSON.parse(readFileSync(`${root}qwen3-tiny/config.json`, 'utf8')), 'config.json');
    // the llama adapter's down_proj A is [4, 176]; qwen3's MLP is 160 wide
    await expect(readPeftAdapter(fsFolder(`${root}llama-tiny/adapter`), config)).rejects.toThrow(/adapter_model.safetensors: tensor 'base_model.model.model.layers.0.mlp.down_proj.lora_A.weight' has shape \[4, 176\], expected \[4, 160\]/);
    await expect(readPeftAdapter(memoryFolder('x', new Map()), config)).rejects.toThrow('x: no adapter_config.json');
  });

  it('a new adapter config reads back to its spec', () => {
    const spec = { r: 8, alpha: 16, targets: ['q_proj' as const, 'v_proj' as const] };
    expect(parsePeftConfig(newPeftConfig(spec, 'Qwen/Qwen2.5-0.5B-Instruct'), 'c')).toEqual(spec);
    const withRows = { ...spec, tokenIds: [1025, 1026] };
    expect(newPeftConfig(withRows, 'b').trainable_token_indices).toEqual([1025, 1026]);
    expect(parsePeftConfig(newPeftConfig(withRows, 'b'), 'c')).toEqual(withRows);
    expect(parsePeftConfig({ ...newPeftConfig(spec, 'b'), trainable_token_indices: { embed_tokens: [7] } }, 'c').tokenIds).toEqual([7]);
    expect(() => parsePeftConfig({ ...newPeftConfig(spec, 'b'), trainable_token_indices: { lm_head: [7] } }, 'c')).toThrow('trainable_token_indices on lm_head is not supported');
  });

  it('an adapter with trainable token rows saves and loads (rows under token_adapter.trainable_tokens_delta)', async () => {
    const config = parseLlamaConfig(JSON.parse(readFileSync(`${root}qwen2-tiny/config.json`, 'utf8')), 'config.json');
    const spec = { r: 2, alpha: 2, targets: ['v_proj' as const], tokenIds: [5, 9] };
    const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
    for (let l = 0; l < 2; l++) {
      tensors.set(`base_model.model.model.layers.${l}.self_attn.v_proj.lora_A.weight`, { shape: [2, 64], data: new Float32Array(128).fill(l + 1) });
      tensors.set(`base_model.model.model.layers.${l}.self_attn.v_proj.lora_B.weight`, { shape: [32, 2], data: new Float32Array(64).fill(-l) });
    }
    tensors.set('base_model.model.model.embed_tokens.token_adapter.trainable_tokens_delta', { shape: [2, 64], data: Float32Array.from({ length: 128 }, (_, i) => i) });
    const files = peftAdapterFiles({ spec, tensors, configJson: newPeftConfig(spec, 'qwen2-tiny') });
    const back = await readPeftAdapter(memoryFolder('a', files), config);
    expect(back.spec).toEqual(spec);
    for (const [k, t] of tensors) expect(back.tensors.get(k)!.data).toEqual(t.data);
  });
});
