// The CPU KV cache against the full forward pass: greedy tokens from batched generation (prompts of
// different lengths, MQA, untied head, Qwen3 norms, llama3 RoPE) equal the arg-max of the full
// forward's last-position logits fed back one token at a time; sampling is reproducible by seed; a
// list of eos ids stops a row at any of them.
import { describe, expect, it } from 'vitest';
import { parseLlamaConfig, type LlamaConfig } from '../hf/config';
import { CpuLlamaModel } from './cpu-model';
import { initLlamaParams } from './init';

const cfg = (over: Record<string, unknown>): LlamaConfig => parseLlamaConfig({
  architectures: ['LlamaForCausalLM'], hidden_size: 16, intermediate_size: 24, num_hidden_layers: 2, num_attention_heads: 4,
  num_key_value_heads: 1, max_position_embeddings: 24, vocab_size: 13, rope_theta: 100, tie_word_embeddings: false, ...over,
}, 'c');

async function greedyByFullForward(m: CpuLlamaModel, prompt: number[], n: number): Promise<number[]> {
  const seq = [...prompt];
  const V = m.config.vocabSize;
  for (let i = 0; i < n; i++) {
    const logits = await m.forwardLogits(Int32Array.from(seq), 1, seq.length);
    const last = logits.subarray((seq.length - 1) * V);
    let best = 0;
    for (let v = 1; v < V; v++) if (last[v] > last[best]) best = v;
    seq.push(best);
  }
  return seq.slice(prompt.length);
}

describe('Llama-family KV-cache generation (CPU)', () => {
  for (const [what, c] of [
    ['MQA, untied', cfg({})],
    ['Qwen3 norms, head_dim 6', cfg({ architectures: ['Qwen3ForCausalLM'], head_dim: 6, num_key_value_heads: 2 })],
    ['llama3 RoPE', cfg({ rope_parameters: { rope_type: 'llama3', rope_theta: 500, factor: 4, low_freq_factor: 1, high_freq_factor: 2, original_max_position_embeddings: 4 } })],
  ] as const) {
    it(`greedy batch equals the full forward, token by token: ${what}`, async () => {
      const m = new CpuLlamaModel(c, initLlamaParams(c, 3, 0.5));
      const prompts = [[1, 2, 3, 4, 5, 6, 7], [8], [9, 10, 11]];
      const r = await m.generate(prompts, { maxNewTokens: 8, temperature: 0, seed: 0, eosId: -1 });
      for (let i = 0; i < prompts.length; i++) expect(r.tokens[i], `row ${i}`).toEqual(await greedyByFullForward(m, prompts[i], 8));
    });
  }

  it('forwardLogits between forwardLogprobs and backwardLogprobs does not disturb the backward', async () => {
    const c = cfg({});
    const b = { B: 1, T: 4, tokens: Int32Array.from([1, 2, 3, 4]), targets: Int32Array.from([2, 3, 4, -1]) };
    const d = Float32Array.from([-1, -1, -1, 0]);
    const grads = async (interleave: boolean) => {
      const m = new CpuLlamaModel(c, initLlamaParams(c, 5, 0.5));
      await m.forwardLogprobs(b);
      if (interleave) await m.forwardLogits(Int32Array.from([5, 6, 7, 8, 9, 10]), 2, 3);
      m.zeroGrad();
      await m.backwardLogprobs(d);
      return m.exportGrads();
    };
    const [x, y] = [await grads(false), await grads(true)];
    for (const [k, t] of x) expect(y.get(k)!.data, k).toEqual(t.data);
  });

  it('sampling reproduces by seed; any eos in the list stops a row', async () => {
    const c = cfg({});
    const m = new CpuLlamaModel(c, initLlamaParams(c, 4, 0.5));
    const opts = { maxNewTokens: 10, temperature: 1, seed: 42, eosId: -1 };
    const a = await m.generate([[1, 2], [3]], opts);
    expect(await m.generate([[1, 2], [3]], opts)).toEqual(a);
    const first = a.tokens[0][3];
    const stopped = await m.generate([[1, 2], [3]], { ...opts, eosId: 99, eosIds: [first] });
    const at = a.tokens[0].indexOf(first);
    expect(stopped.tokens[0]).toEqual(a.tokens[0].slice(0, at + 1));
    expect(stopped.stoppedAtEos[0]).toBe(true);
  });
});
