import { expect, it } from 'vitest';
import { splitRows } from './split-rows';

it('a 151,936 x 896 bf16 embedding splits into chunks under a 128 MiB binding limit, covering every row once', () => {
  const limit = 128 * 1024 * 1024;
  const chunks = splitRows(151936, 896, 2, limit);
  expect(chunks.length).toBe(3); // 272 MB / 128 MiB
  let next = 0;
  for (const c of chunks) {
    expect(c.row0).toBe(next);
    expect(c.rows * 896 * 2).toBeLessThanOrEqual(limit);
    next += c.rows;
  }
  expect(next).toBe(151936);
  expect(chunks[0].rows).toBe(Math.floor(limit / (896 * 2))); // 74,898 rows
});

it('one chunk when the tensor fits; a clear refusal when one row does not', () => {
  expect(splitRows(10, 8, 4, 1 << 20)).toEqual([{ row0: 0, rows: 10 }]);
  expect(splitRows(10, 8, 4, 32 * 3)).toEqual([{ row0: 0, rows: 3 }, { row0: 3, rows: 3 }, { row0: 6, rows: 3 }, { row0: 9, rows: 1 }]);
  expect(() => splitRows(4, 1000, 2, 1024)).toThrow(/larger than the device's binding limit of 1024 bytes/);
});
