import { describe, expect, it } from 'vitest';
import { parseGpuMemory, useGpuMemoryBudget } from './gpu-memory-budget';

describe('GPU memory budget', () => {
  it('reads GiB, empty for none, refuses what is not a size', () => {
    expect(parseGpuMemory('')).toEqual({ bytes: null });
    expect(parseGpuMemory(' 8 ')).toEqual({ bytes: 8 * 1024 ** 3 });
    expect(parseGpuMemory('0.5')).toEqual({ bytes: 512 * 1024 ** 2 });
    expect(parseGpuMemory('0')).toEqual({ error: 'GPU memory "0" is not a positive number of GiB' });
    expect(parseGpuMemory('8GB')).toEqual({ error: 'GPU memory "8GB" is not a positive number of GiB' });
    expect(parseGpuMemory('5000')).toEqual({ error: 'GPU memory 5000 GiB is more than any GPU has (at most 4096)' });
  });

  it('a refused text keeps the previous budget', () => {
    const s = useGpuMemoryBudget.getState();
    expect(s.set('6')).toBeNull();
    expect(useGpuMemoryBudget.getState().bytes).toBe(6 * 1024 ** 3);
    expect(s.set('-1')).toContain('not a positive number');
    expect(useGpuMemoryBudget.getState()).toMatchObject({ text: '6', bytes: 6 * 1024 ** 3 });
    expect(s.set('')).toBeNull();
    expect(useGpuMemoryBudget.getState().bytes).toBe(Infinity);
  });
});
