// Row groups of the batched decoder: Qwen2.5-0.5B's 151936-float logits rows against binding limits.
import { expect, it } from 'vitest';
import { kvActTokens, kvStepGroup } from './kv-decode-shape';

it('groups rows so their logits fit one binding, and sizes the activations for max(prompt, group)', () => {
  const V = 151936; // one row: 607,744 bytes
  expect(kvStepGroup(32, V, 2 ** 27)).toBe(32); // 128 MiB (WebGPU's default) holds 220 rows
  expect(kvStepGroup(300, V, 2 ** 27)).toBe(220);
  expect(kvStepGroup(32, V, 2 ** 22)).toBe(6); // 4 MiB: 6 rows
  expect(kvStepGroup(5, V, 4 * V)).toBe(1);
  expect(() => kvStepGroup(5, V, 4 * V - 1)).toThrow(/one row of logits \(151936 floats\) exceeds the device's maxStorageBufferBindingSize/);
  expect(kvActTokens(80, 32)).toBe(80);
  expect(kvActTokens(10, 32)).toBe(32);
});
