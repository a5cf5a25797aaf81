import { expect, it } from 'vitest';
import { rowWorkgroup } from './row-workgroup';

it('picks a power of two between 32 and the cap, about four elements per thread', () => {
  expect(rowWorkgroup(1, 256)).toBe(32);
  expect(rowWorkgroup(128, 256)).toBe(32);
  expect(rowWorkgroup(129, 256)).toBe(64);
  expect(rowWorkgroup(274, 256)).toBe(128);
  expect(rowWorkgroup(50257, 256)).toBe(256);
  expect(rowWorkgroup(768, 64)).toBe(64);
});
