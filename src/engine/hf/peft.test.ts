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
  });
});
