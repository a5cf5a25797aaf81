// The picker's check of a model folder: the fixture summarized; a folder missing its weights, an
// unsupported architecture and a tokenizer larger than the vocabulary refused naming the file.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryFolder } from '../../engine/hf/folder';
import { defaultRunConfig } from '../config';
import { inspectModel, inspectPlan } from './inspect-model';

const dir = fileURLToPath(new URL('../../../../shared/fixtures/qwen2-tiny/', import.meta.url));
const files = () => new Map(readdirSync(dir).filter((f) => f.includes('.')).map((f) => [f, new Uint8Array(readFileSync(dir + f))]));

describe('inspectModel', () => {
  it('summarizes the fixture and plans a run on it', async () => {
    const m = await inspectModel(memoryFolder('qwen2-tiny', files()));
    expect(m.summary).toMatch(/^Qwen2ForCausalLM: 2 layers, hidden 64, 4\/2 heads, vocab 1024, context 128, 0\.\d\dM parameters in BF16, eos 2, chat template$/);
    const c = defaultRunConfig();
    c.model.path = 'qwen2-tiny';
    c.model.lora_rank = 4;
    c.data.max_prompt_length = 64;
    c.data.max_response_length = 32;
    const plan = inspectPlan(m, c, { maxBufferSize: 2 ** 28, maxStorageBufferBindingSize: 2 ** 27, budgetBytes: 2 ** 30 });
    expect(plan.fits).toBe(true);
    c.data.max_response_length = 100;
    expect(inspectPlan(m, c, { maxBufferSize: 2 ** 28, maxStorageBufferBindingSize: 2 ** 27, budgetBytes: 2 ** 30 }).problems[0]).toMatch(/exceeds the model's context of 128 tokens/);
  });

  it('refuses bad folders naming the file', async () => {
    const noWeights = files();
    noWeights.delete('model.safetensors');
    await expect(inspectModel(memoryFolder('m', noWeights))).rejects.toThrow(/^m: no model\.safetensors/);
    const arch = files();
    const cfg = JSON.parse(new TextDecoder().decode(arch.get('config.json')));
    arch.set('config.json', new TextEncoder().encode(JSON.stringify({ ...cfg, architectures: ['GemmaForCausalLM'], model_type: 'gemma' })));
    await expect(inspectModel(memoryFolder('m', arch))).rejects.toThrow(/m\/config\.json.*Gemma/);
    const vocab = files();
    vocab.set('config.json', new TextEncoder().encode(JSON.stringify({ ...cfg, vocab_size: 512 })));
    // config.json's vocab_size no longer matches the weights (the embedding is checked first)
    await expect(inspectModel(memoryFolder('m', vocab))).rejects.toThrow(/^m: tensor 'model\.embed_tokens\.weight'/);
    // a tokenizer with ids beyond the vocabulary: added tokens past vocab_size
    const tj = JSON.parse(new TextDecoder().decode(files().get('tokenizer.json')));
    tj.added_tokens.push({ id: 1030, content: '<|extra|>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
    const big = files();
    big.set('tokenizer.json', new TextEncoder().encode(JSON.stringify(tj)));
    await expect(inspectModel(memoryFolder('m', big))).rejects.toThrow(/^m\/tokenizer\.json: tokenizer vocabulary mismatch: the tokenizer has ids up to 1030 but config\.json's vocab_size is 1024/);
  });
});
