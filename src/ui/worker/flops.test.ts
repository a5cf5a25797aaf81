import { describe, expect, it } from 'vitest';
import { estimateStepFlops } from './flops';

describe('estimateStepFlops', () => {
  it('matches the hand count 2N·gen + 2N·total (KL) + 6N·total·epochs', () => {
    // N = 1000, 100 tokens of which 40 generated, 2 epochs: 2e3*40 + 2e3*100 + 6e3*100*2 = 80e3 + 200e3 + 1.2e6
    expect(estimateStepFlops(1000, { totalTokens: 100, responseTokens: 40 }, 2, true)).toBe(1_480_000);
    expect(estimateStepFlops(1000, { totalTokens: 100, responseTokens: 40 }, 1, false)).toBe(680_000);
  });
});
