// Test helpers: the qwen2-tiny fixture (../shared/fixtures) with its PEFT adapter packed, its
// transformers references and token batch; relErr = max |a - b| / max |b|.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { readSafetensors } from '../checkpoint/safetensors';
import { fsFolder } from '../hf/folder-fs';
import { loadLlamaFolder } from '../hf/model-folder';
import { readPeftAdapter } from '../hf/peft';
import { packLora } from './lora';

const dir = fileURLToPath(new URL('../../../../shared/fixtures/qwen2-tiny', import.meta.url));

export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let err = 0, scale = 0;
  for (let i = 0; i < b.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return err / scale;
}

export async function loadQwen2WithAdapter() {
  const hf = await loadLlamaFolder(fsFolder(dir));
  const expected = readSafetensors(new Uint8Array(readFileSync(`${dir}/expected.safetensors`)), 'expected.safetensors').tensors;
  const ids: number[][] = JSON.parse(readFileSync(`${dir}/tokens.json`, 'utf8')).input_ids;
  const B = ids.length, T = ids[0].length;
  const tokens = Int32Array.from(ids.flat());
  const targets = new Int32Array(B * T).fill(-1);
  for (let b = 0; b < B; b++) for (let t = 0; t < T - 1; t++) targets[b * T + t] = ids[b][t + 1];
  const peft = await readPeftAdapter(fsFolder(`${dir}/adapter`), hf.config);
  const adapter = { spec: peft.spec, params: packLora(hf.config, peft.spec, peft.tensors, 'adapter') };
  return { hf, expected, B, T, tokens, targets, adapter, peft };
}

