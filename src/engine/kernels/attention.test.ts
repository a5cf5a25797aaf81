import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { attentionBackward, attentionForward } from './attention';
import { dot64, finiteDiffCheck, randn } from './test-utils';

describe('causal attention', () => {
  const B = 2, T = 4, C = 6, NH = 2;
  const rng = new Rng(5);
  const qkv = randn(B * T * 3 * C, rng);
  const w = randn(B * T * C, rng);
  const out = new Float32Array(B * T * C);
  const preatt = new Float32Array(B * NH * T * T);
  const att = new Float32Array(B * NH * T * T);
  const loss = () => {
    attentionForward(out, preatt, att, qkv, B, T, C, NH);
    return dot64(out, w);
  };

  it('rows of att sum to 1 over positions <= t and are 0 above the diagonal', () => {
    loss();
    for (let r = 0; r < B * NH * T; r++) {
      const t = r % T;
      let s = 0;
      for (let t2 = 0; t2 < T; t2++) {
        if (t2 > t) expect(att[r * T + t2]).toBe(0);
        else s += att[r * T + t2];
      }
      expect(s).toBeCloseTo(1, 6);
    }
    // position 0 attends only to itself: out = v_0
    const hs = C / NH;
    for (let h = 0; h < NH; h++)
      for (let i = 0; i < hs; i++) expect(out[h * hs + i]).toBeCloseTo(qkv[2 * C + h * hs + i], 6);
  });

  it('backward matches central finite differences', () => {
    loss();
    const dqkv = new Float32Array(qkv.length);
    const dpreatt = new Float32Array(preatt.length);
    const datt = new Float32Array(att.length);
    attentionBackward(dqkv, dpreatt, datt, w, qkv, att, B, T, C, NH);
    expect(finiteDiffCheck(qkv, loss, dqkv).maxRelErr).toBeLessThan(1e-2);
  });
});
