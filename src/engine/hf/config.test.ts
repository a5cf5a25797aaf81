// config.json of the three fixture checkpoints, the older rope_theta + rope_scaling style (as
// Llama-3.2-1B ships it), list eos ids, and refusals by name.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hfArchitecture, parseLlamaConfig, toHfLlamaConfig } from './config';
import { parseGenerationConfig } from './generation-config';
import { llamaParamTable } from './llama-params';

const fx = (f: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../../../shared/fixtures/${f}`, import.meta.url)), 'utf8'));

describe('Llama-family config.json', () => {
  it('reads the three fixtures', () => {
    const l = parseLlamaConfig(fx('llama-tiny/config.json'), 'llama-tiny/config.json');
    expect(l).toMatchObject({ family: 'llama', hiddenSize: 64, nHead: 4, nKvHead: 2, headDim: 16, intermediateSize: 176, rmsNormEps: 1e-5, ropeTheta: 5e5, qkvBias: false, qkNorm: false, tieWordEmbeddings: true, eosIds: [2], padId: 0, bosId: null });
    expect(l.rope).toEqual({ type: 'llama3', factor: 8, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositionEmbeddings: 32 });
    const q2 = parseLlamaConfig(fx('qwen2-tiny/config.json'), 'q2');
    expect(q2).toMatchObject({ family: 'qwen2', headDim: 16, qkvBias: true, oBias: false, qkNorm: false, ropeTheta: 1e6, rmsNormEps: 1e-6 });
    expect(q2.rope).toEqual({ type: 'default' });
    const q3 = parseLlamaConfig(fx('qwen3-tiny/config.json'), 'q3');
    expect(q3).toMatchObject({ family: 'qwen3', headDim: 32, qkvBias: false, qkNorm: true });
    expect(llamaParamTable(q3).find((p) => p.name === 'model.layers.0.self_attn.q_proj.weight')!.shape).toEqual([128, 64]);
    expect(llamaParamTable(q2).some((p) => p.name === 'model.layers.1.self_attn.k_proj.bias')).toBe(true);
    expect(llamaParamTable(q2).some((p) => p.name === 'lm_head.weight')).toBe(false);
  });

  it('reads the older rope_theta + rope_scaling style the same way', () => {
    const j = fx('llama-tiny/config.json');
    const rp = j.rope_parameters;
    delete j.rope_parameters;
    j.rope_theta = rp.rope_theta;
    j.rope_scaling = { factor: 8, high_freq_factor: 4, low_freq_factor: 1, original_max_position_embeddings: 32, rope_type: 'llama3' };
    expect(parseLlamaConfig(j, 'old')).toEqual(parseLlamaConfig(fx('llama-tiny/config.json'), 'new'));
    const q = fx('qwen2-tiny/config.json');
    delete q.rope_parameters;
    q.rope_theta = 1e6;
    q.rope_scaling = null;
    expect(parseLlamaConfig(q, 'old')).toEqual(parseLlamaConfig(fx('qwen2-tiny/config.json'), 'new'));
  });

  it('an absent tie_word_embeddings means an untied head, as transformers defaults', () => {
    for (const f of ['llama-tiny', 'qwen2-tiny', 'qwen3-tiny']) {
      const j = fx(`${f}/config.json`);
      delete j.tie_word_embeddings;
      const c = parseLlamaConfig(j, f);
      expect(c.tieWordEmbeddings).toBe(false);
      expect(llamaParamTable(c).at(-1)).toEqual({ name: 'lm_head.weight', shape: [1024, 64] });
    }
  });

  it('round-trips through toHfLlamaConfig', () => {
    for (const f of ['llama-tiny', 'qwen2-tiny', 'qwen3-tiny']) {
      const c = parseLlamaConfig(fx(`${f}/config.json`), f);
      expect(parseLlamaConfig(toHfLlamaConfig(c), 'out')).toEqual(c);
    }
  });

  it('eos may be a list; generation_config.json', () => {
    const j = fx('llama-tiny/config.json');
    j.eos_token_id = [128001, 128008, 128009];
    expect(parseLlamaConfig(j, 'c').eosIds).toEqual([128001, 128008, 128009]);
    const g = parseGenerationConfig({ eos_token_id: [2, 5], do_sample: true, temperature: 0.6, top_p: 0.9 }, 'generation_config.json');
    expect(g).toMatchObject({ eosIds: [2, 5], doSample: true, temperature: 0.6, topP: 0.9, topK: null });
    expect(parseGenerationConfig(fx('llama-tiny/generation_config.json'), 'g').eosIds).toEqual([2]);
  });

  it('refuses unsupported architectures and options by name', () => {
    const base = () => fx('qwen2-tiny/config.json');
    expect(() => hfArchitecture({ architectures: ['Gemma3ForCausalLM'] }, 'c.json')).toThrow("architecture 'Gemma3ForCausalLM' is not supported");
    expect(hfArchitecture({ architectures: ['GPT2LMHeadModel'] }, 'c')).toBe('gpt2');
    expect(() => parseLlamaConfig({ ...base(), use_sliding_window: true }, 'c.json')).toThrow('sliding window attention is not supported');
    expect(() => parseLlamaConfig({ ...base(), layer_types: ['full_attention', 'sliding_attention'] }, 'c.json')).toThrow('sliding window attention is not supported');
    expect(() => parseLlamaConfig({ ...base(), rope_parameters: { rope_type: 'yarn', rope_theta: 1e6, factor: 4 } }, 'c.json')).toThrow("RoPE type 'yarn'");
    expect(() => parseLlamaConfig({ ...base(), hidden_act: 'gelu' }, 'c.json')).toThrow("hidden_act 'gelu'");
    expect(() => parseLlamaConfig({ ...base(), partial_rotary_factor: 0.5 }, 'c.json')).toThrow('partial_rotary_factor 0.5 is not supported');
    expect(() => parseLlamaConfig({ ...base(), num_key_value_heads: 3 }, 'c.json')).toThrow('not a multiple of num_key_value_heads');
    expect(() => parseLlamaConfig({ ...base(), hidden_size: undefined }, 'c.json')).toThrow("c.json: field 'hidden_size'");
    expect(() => parseLlamaConfig({ ...base(), quantization_config: { quant_method: 'gptq' } }, 'c.json')).toThrow('quantization_config');
  });
});
