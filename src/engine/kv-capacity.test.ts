import { expect, it } from 'vitest';
import { kvCapacity, kvGrownCapacity, kvStartCapacity } from './kv-capacity';

it('KV cache capacity: a power of two from 16 with 16 to spare, doubled to fit, capped at the context', () => {
  expect(kvStartCapacity(1, 1024)).toBe(32);
  expect(kvStartCapacity(16, 1024)).toBe(32);
  expect(kvStartCapacity(17, 1024)).toBe(64);
  expect(kvStartCapacity(80, 1024)).toBe(128);
  expect(kvStartCapacity(80, 100)).toBe(100);
  expect(kvGrownCapacity(128, 129, 1024)).toBe(256);
  expect(kvGrownCapacity(128, 100, 1024)).toBe(128);
  expect(kvCapacity(80, 208, 32768)).toBe(256); // Qwen2.5-0.5B: 80-token prompt + 128 new tokens
  expect(kvCapacity(80, 208, 200)).toBe(200);
});
