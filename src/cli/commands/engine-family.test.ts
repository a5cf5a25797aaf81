// `lrpo-studio engine` on Llama-family folders, end to end through the real CLI: forward on the
// three fixtures (transformers' numbers, with and without the PEFT adapter), generate --chat
// (prompt ids and greedy tokens of generate.json), init --arch for each family (the folder loads
// back, bf16 on disk), merge (the merged model's logits equal the base+adapter's up to bf16 rounding),
// and bad input named.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readSafetensors } from '../../engine/checkpoint/safetensors';
import { fsFolder } from '../../engine/hf/folder-fs';
import { llamaFloatWeights, loadLlamaFolder } from '../../engine/hf/model-folder';
import { readPeftAdapter } from '../../engine/hf/peft';
import { readHfSafetensors, writeHfSafetensors } from '../../engine/hf/tensors';
import { CpuLlamaModel } from '../../engine/llama/cpu-model';
import { packLora } from '../../engine/llama/lora';
import { generateFamily } from '../engine/family';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fx = join(root, '../shared/fixtures');
const tmp = mkdtempSync(join(tmpdir(), 'lrpo-engine-family-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/lrpo-studio.mjs'), 'engine', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const maxRel = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let e = 0, s = 0;
  for (let i = 0; i < b.length; i++) {
    e = Math.max(e, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return e / s;
};
const st = (f: string) => readSafetensors(new Uint8Array(readFileSync(f)), f).tensors;

describe('lrpo-studio engine on Llama / Qwen2 / Qwen3 folders', () => {
  for (const name of ['llama-tiny', 'qwen2-tiny', 'qwen3-tiny']) {
    it(`forward ${name}, base and with --adapter, matches transformers / PEFT`, () => {
      const dir = join(fx, name);
      const exp = st(join(dir, 'expected.safetensors'));
      const out = join(tmp, `${name}.safetensors`);
      const r = cli('forward', '--checkpoint', dir, '--tokens', join(dir, 'tokens.json'), '--out', out);
      expect(r.code, r.err).toBe(0);
      const got = st(out);
      expect(maxRel(got.get('logits')!.data, exp.get('logits')!.data)).toBeLessThan(1e-4);
      expect(maxRel(got.get('loss')!.data, exp.get('loss')!.data)).toBeLessThan(1e-4);
      const grads = [...got.keys()].filter((k) => k.startsWith('grad.'));
      expect(grads.length).toBe([...exp.keys()].filter((k) => k.startsWith('grad.')).length);
      for (const k of grads) expect(maxRel(got.get(k)!.data, exp.get(k)!.data), k).toBeLessThan(1e-3);

      const outL = join(tmp, `${name}-lora.safetensors`);
      const l = cli('forward', '--checkpoint', dir, '--adapter', join(dir, 'adapter'), '--tokens', join(dir, 'tokens.json'), '--out', outL);
      expect(l.code, l.err).toBe(0);
      const gotL = st(outL);
      expect(maxRel(gotL.get('logits')!.data, exp.get('lora.logits')!.data)).toBeLessThan(1e-4);
      expect(maxRel(gotL.get('loss')!.data, exp.get('lora.loss')!.data)).toBeLessThan(1e-4);
      const lg = [...gotL.keys()].filter((k) => k.startsWith('grad.'));
      expect(lg.length).toBe(28);
      for (const k of lg) {
        expect(k).toMatch(/^grad\.base_model\.model\.model\.layers\.\d\.(self_attn|mlp)\.\w+_proj\.lora_[AB]\.weight$/);
        expect(maxRel(gotL.get(k)!.data, exp.get(`lora.${k.replace(/\.weight$/, '.default.weight')}`)!.data), k).toBeLessThan(1e-3);
      }
    });
  }

  it('forward --backend webgpu --adapter (Dawn, SwiftShader) meets the fixture tolerances (qwen3-tiny)', () => {
    const dir = join(fx, 'qwen3-tiny');
    const exp = st(join(dir, 'expected.safetensors'));
    const out = join(tmp, 'gpu-lora.safetensors');
    const r = cli('forward', '--checkpoint', dir, '--adapter', join(dir, 'adapter'), '--tokens', join(dir, 'tokens.json'), '--out', out, '--backend', 'webgpu');
    expect(r.code, r.err).toBe(0);
    const got = st(out);
    expect(maxRel(got.get('logits')!.data, exp.get('lora.logits')!.data)).toBeLessThan(1e-4);
    expect(maxRel(got.get('loss')!.data, exp.get('lora.loss')!.data)).toBeLessThan(1e-4);
    const lg = [...got.keys()].filter((k) => k.startsWith('grad.'));
    expect(lg.length).toBe(28);
    for (const k of lg) expect(maxRel(got.get(k)!.data, exp.get(`lora.${k.replace(/\.weight$/, '.default.weight')}`)!.data), k).toBeLessThan(1e-3);
  }, 180_000);

  it('generate --chat: the chat-templated prompt ids and 12 greedy tokens of generate.json', async () => {
    for (const name of ['llama-tiny', 'qwen2-tiny', 'qwen3-tiny']) {
      const gen = JSON.parse(readFileSync(join(fx, name, 'generate.json'), 'utf8'));
      const chat = JSON.parse(readFileSync(join(fx, 'tokenizer-ml/expected.json'), 'utf8')).chat[0];
      const r = await generateFamily({ dir: join(fx, name), prompt: chat.messages[0].content, chat: true, maxNewTokens: 12, temperature: 0, seed: 0, backend: 'cpu' });
      expect(r.promptIds).toEqual(gen.prompt_ids);
      // generation stops at eos (id 2); the fixture's 12 ids continue past it
      const stop = gen.new_ids.indexOf(2);
      expect(r.newIds).toEqual(stop >= 0 ? gen.new_ids.slice(0, stop + 1) : gen.new_ids);
    }
    const c = cli('generate', '--checkpoint', join(fx, 'llama-tiny'), '--prompt', '¿En qué país está Salzburgo?', '--chat', '--max-new-tokens', '12');
    expect(c.code, c.err).toBe(0);
    expect(c.out.trim().length).toBeGreaterThan(0);
  });

  it('init --arch writes a loadable HF folder for each family (bf16, GQA/MQA, untied head)', async () => {
    for (const [arch, extra] of [['llama', ['--n-kv-head', '1']], ['qwen2', ['--n-kv-head', '2']], ['qwen3', ['--head-dim', '24', '--untied']]] as const) {
      const dir = join(tmp, `init-${arch}`);
      const r = cli('init', '--arch', arch, '--out', dir, '--hidden-size', '32', '--n-head', '4', '--dtype', 'bf16', '--seed', '5', '--tokenizer', join(fx, 'tokenizer-ml'), ...extra);
      expect(r.code, r.err).toBe(0);
      const hf = await loadLlamaFolder(fsFolder(dir));
      expect(hf.config.family).toBe(arch);
      expect([...hf.weights.values()].every((t) => t.dtype === 'BF16')).toBe(true);
      if (arch === 'qwen3') {
        expect(hf.config.headDim).toBe(24);
        expect(hf.weights.has('lm_head.weight')).toBe(true);
      }
      const g = cli('generate', '--checkpoint', dir, '--prompt', 'Hi', '--max-new-tokens', '3', '--temperature', '1', '--seed', '1');
      expect(g.code, g.err).toBe(0);
      const tokens = join(tmp, 'tok.json');
      writeFileSync(tokens, JSON.stringify({ input_ids: [[5, 6, 7, 8], [9, 10, 11, 12]] }));
      const f = cli('forward', '--checkpoint', dir, '--tokens', tokens, '--out', join(tmp, `init-${arch}.safetensors`));
      expect(f.code, f.err).toBe(0);
      expect(Math.abs(st(join(tmp, `init-${arch}.safetensors`)).get('loss')!.data[0] - Math.log(1024))).toBeLessThan(0.1); // std 0.02: near uniform
    }
  });

  it('merge: the merged bf16 model gives the base+adapter logits up to bf16 rounding of the weights', async () => {
    const dir = join(fx, 'qwen2-tiny');
    const out = join(tmp, 'merged');
    const r = cli('merge', '--checkpoint', dir, '--adapter', join(dir, 'adapter'), '--out', out);
    expect(r.code, r.err).toBe(0);
    const merged = await loadLlamaFolder(fsFolder(out));
    expect(merged.weights.get('model.layers.0.self_attn.q_proj.weight')!.dtype).toBe('BF16');
    const base = await loadLlamaFolder(fsFolder(dir));
    const peft = await readPeftAdapter(fsFolder(join(dir, 'adapter')), base.config);
    const withAdapter = CpuLlamaModel.fromTensors(base.config, llamaFloatWeights(base.weights), 'base', { spec: peft.spec, params: packLora(base.config, peft.spec, peft.tensors, 'a') });
    const plain = CpuLlamaModel.fromTensors(merged.config, llamaFloatWeights(merged.weights), 'merged');
    const ids = JSON.parse(readFileSync(join(dir, 'tokens.json'), 'utf8')).input_ids as number[][];
    const tokens = Int32Array.from(ids.flat());
    const a = await withAdapter.forwardLogits(tokens, 2, 20);
    const b = await plain.forwardLogits(tokens, 2, 20);
    const unmerged = await CpuLlamaModel.fromTensors(base.config, llamaFloatWeights(base.weights), 'b').forwardLogits(tokens, 2, 20);
    // the adapter moves the logits by far more than bf16 rounding of the merged weights does
    expect(maxRel(b, a)).toBeLessThan(0.02);
    expect(maxRel(unmerged, a)).toBeGreaterThan(5 * maxRel(b, a));
  });

  it('bad input: named files and problems, non-zero exits', () => {
    const dir = join(tmp, 'broken');
    cpSync(join(fx, 'llama-tiny'), dir, { recursive: true });
    truncateSync(join(dir, 'model.safetensors'), 200_000);
    const tokens = join(fx, 'llama-tiny/tokens.json');
    const r = cli('forward', '--checkpoint', dir, '--tokens', tokens, '--out', join(tmp, 'x.safetensors'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/broken\/model.safetensors: tensor '[^']+' ends at byte \d+ but the file holds only \d+ data bytes \(truncated file\?\)/);
    const cfg = JSON.parse(readFileSync(join(fx, 'qwen2-tiny/config.json'), 'utf8'));
    const sw = join(tmp, 'sliding');
    cpSync(join(fx, 'qwen2-tiny'), sw, { recursive: true });
    writeFileSync(join(sw, 'config.json'), JSON.stringify({ ...cfg, use_sliding_window: true, sliding_window: 4096 }));
    const s = cli('forward', '--checkpoint', sw, '--tokens', tokens, '--out', join(tmp, 'y.safetensors'));
    expect(s.code).toBe(1);
    expect(s.err).toContain('sliding/config.json: sliding window attention is not supported');
    const gm = join(tmp, 'gemma');
    cpSync(join(fx, 'qwen2-tiny'), gm, { recursive: true });
    writeFileSync(join(gm, 'config.json'), JSON.stringify({ ...cfg, architectures: ['Gemma3ForCausalLM'] }));
    expect(cli('forward', '--checkpoint', gm, '--tokens', tokens, '--out', join(tmp, 'z.safetensors')).err).toContain("architecture 'Gemma3ForCausalLM' is not supported");
    const wrongAdapter = cli('forward', '--checkpoint', join(fx, 'qwen3-tiny'), '--adapter', join(fx, 'llama-tiny/adapter'), '--tokens', tokens, '--out', join(tmp, 'w.safetensors'));
    expect(wrongAdapter.code).toBe(1);
    expect(wrongAdapter.err).toContain("adapter_model.safetensors: tensor 'base_model.model.model.layers.0.mlp.down_proj.lora_A.weight' has shape [4, 176], expected [4, 160]");
    const nan = join(tmp, 'nan');
    cpSync(join(fx, 'llama-tiny'), nan, { recursive: true });
    const w = readHfSafetensors(new Uint8Array(readFileSync(join(nan, 'model.safetensors'))), 'm').tensors;
    (w.get('model.norm.weight')!.data as Uint16Array)[7] = 0x7fc0; // bf16 NaN
    writeFileSync(join(nan, 'model.safetensors'), writeHfSafetensors(w));
    const n = cli('forward', '--checkpoint', nan, '--tokens', tokens, '--out', join(tmp, 'n.safetensors'));
    expect(n.code).toBe(1);
    expect(n.err).toContain("nan: tensor 'model.norm.weight' holds 1 non-finite value of 64 (NaN or infinity; the first at index 7)");
    const noTok = join(tmp, 'notok');
    expect(cli('init', '--arch', 'llama', '--out', noTok).code).toBe(0);
    const g = cli('generate', '--checkpoint', noTok, '--prompt', 'x');
    expect(g.code).toBe(1);
    expect(g.err).toContain('no tokenizer.json, so a text prompt cannot be encoded');
    expect(cli('init', '--arch', 'mistral', '--out', join(tmp, 'm')).err).toContain("--arch must be gpt2, llama, qwen2 or qwen3, got 'mistral'");
  });
});
