import { expect, it } from 'vitest';
import { initParams } from '../gpt/params';
import { ALIGN_FLOATS, gpuParamLayout, packParams, unpackParams } from './layout';

it('GPU layout keeps table order, aligns every tensor and round-trips exactly', () => {
  const config = { nLayer: 2, nHead: 2, nEmbd: 10, blockSize: 7, vocabSize: 13 };
  const layout = gpuParamLayout(config);
  let prevEnd = 0;
  for (const e of layout.entries) {
    expect(e.gpuOffset % ALIGN_FLOATS).toBe(0);
    expect(e.gpuOffset).toBeGreaterThanOrEqual(prevEnd);
    prevEnd = e.gpuOffset + e.size;
  }
  expect(layout.gpuSize).toBeGreaterThanOrEqual(prevEnd);
  const flat = initParams(config, 3);
  const packed = packParams(layout, flat);
  expect(Array.from(unpackParams(layout, packed))).toEqual(Array.from(flat));
  const wpe = layout.byName.get('transformer.wpe.weight')!;
  expect(packed[wpe.gpuOffset + 5]).toBe(flat[wpe.offset + 5]);
  expect(() => packParams(layout, new Float32Array(3))).toThrow(/needs/);
});
