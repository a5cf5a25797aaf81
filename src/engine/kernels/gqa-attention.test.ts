import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { attentionBackward, attentionForward } from './attention';
import { gqaBackward, gqaDecode, gqaForward, gqaShape, kvCacheWrite } from './gqa-attention';
import { dot64, finiteDiffCheck, randn } from './test-utils';

// The GPT-2 attention (attention.ts, checked against finite differences and the PyTorch fixture) is
// the independent reference: GQA equals MHA on key/value heads repeated nHead/nKv times.
function toQkv(q: Float32Array, k: Float32Array, v: Float32Array, N: number, nHead: number, nKv: number, D: number): Float32Array {
  const C = nHead * D, rep = nHead / nKv;
  const qkv = new Float32Array(N * 3 * C);
  for (let n = 0; n < N; n++)
    for (let h = 0; h < nHead; h++)
      for (let i = 0; i < D; i++) {
        const kh = Math.floor(h / rep);
        qkv[n * 3 * C + h * D + i] = q[(n * nHead + h) * D + i];
        qkv[n * 3 * C + C + h * D + i] = k[(n * nKv + kh) * D + i];
        qkv[n * 3 * C + 2 * C + h * D + i] = v[(n * nKv + kh) * D + i];
      }
  return qkv;
}

describe.each([
  ['GQA', 2, 5, 4, 2, 3],
  ['MQA', 1, 4, 3, 1, 4],
  ['MHA', 2, 3, 2, 2, 5],
])('%s attention', (_name, B, T, nHead, nKv, D) => {
  const rng = new Rng(B * 100 + T * 10 + nHead);
  const s = gqaShape(B, T, nHead, nKv, D);
  const q = randn(B * T * nHead * D, rng), k = randn(B * T * nKv * D, rng), v = randn(B * T * nKv * D, rng);
  const w = randn(B * T * nHead * D, rng);
  const out = new Float32Array(w.length), att = new Float32Array(B * nHead * T * T);
  const loss = () => {
    gqaForward(out, att, q, k, v, s);
    return dot64(out, w);
  };

  it('forward equals multi-head attention on repeated kv heads (1e-6)', () => {
    loss();
    const C = nHead * D;
    const ref = new Float32Array(B * T * C), pre = new Float32Array(att.length), refAtt = new Float32Array(att.length);
    attentionForward(ref, pre, refAtt, toQkv(q, k, v, B * T, nHead, nKv, D), B, T, C, nHead);
    // attention.ts scales by 1/sqrt(C/NH) = 1/sqrt(D): same scale
    for (let i = 0; i < ref.length; i++) expect(Math.abs(out[i] - ref[i])).toBeLessThan(1e-6);
    for (let i = 0; i < att.length; i++) expect(Math.abs(att[i] - refAtt[i])).toBeLessThan(1e-6);
  });

  it('backward matches finite differences and MHA gradients summed over each group', () => {
    loss();
    const dq = new Float32Array(q.length), dk = new Float32Array(k.length), dv = new Float32Array(v.length);
    gqaBackward(dq, dk, dv, w, q, k, v, att, s);
    expect(finiteDiffCheck(q, loss, dq).maxRelErr).toBeLessThan(1e-2);
    expect(finiteDiffCheck(k, loss, dk).maxRelErr).toBeLessThan(1e-2);
    expect(finiteDiffCheck(v, loss, dv).maxRelErr).toBeLessThan(1e-2);
    loss();
    const C = nHead * D, rep = nHead / nKv;
    const qkv = toQkv(q, k, v, B * T, nHead, nKv, D);
    const dqkv = new Float32Array(qkv.length);
    const pre = new Float32Array(att.length), a2 = new Float32Array(att.length);
    attentionForward(new Float32Array(B * T * C), pre, a2, qkv, B, T, C, nHead);
    attentionBackward(dqkv, new Float32Array(att.length), new Float32Array(att.length), w, qkv, a2, B, T, C, nHead);
    for (let n = 0; n < B * T; n++)
      for (let kh = 0; kh < nKv; kh++)
        for (let i = 0; i < D; i++) {
          let sk = 0, sv = 0;
          for (let r = 0; r < rep; r++) {
            sk += dqkv[n * 3 * C + C + (kh * rep + r) * D + i];
            sv += dqkv[n * 3 * C + 2 * C + (kh * rep + r) * D + i];
          }
          expect(Math.abs(dk[(n * nKv + kh) * D + i] - sk)).toBeLessThan(1e-5);
          expect(Math.abs(dv[(n * nKv + kh) * D + i] - sv)).toBeLessThan(1e-5);
        }
  });

  it('decode over a KV cache equals the prefill, token by token', () => {
    loss();
    const maxT = T + 2;
    const kc = new Float32Array(B * maxT * nKv * D), vc = new Float32Array(kc.length);
    const dec = new Float32Array(nHead * D);
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) {
        const n = b * T + t;
        kvCacheWrite(kc, vc, k.subarray(n * nKv * D), v.subarray(n * nKv * D), [b], [t], 1, nKv, D, maxT);
        gqaDecode(dec, q.subarray(n * nHead * D), kc, vc, [b], [t], 1, nHead, nKv, D, maxT, s.scale);
        for (let i = 0; i < nHead * D; i++) expect(Math.abs(dec[i] - out[n * nHead * D + i])).toBeLessThan(1e-6);
      }
    }
  });
});

it('refuses heads that do not divide into kv groups, and cache positions past the end', () => {
  expect(() => gqaShape(1, 2, 3, 2, 4)).toThrow(/multiple of num_key_value_heads/);
  const c = new Float32Array(8);
  expect(() => kvCacheWrite(c, c, new Float32Array(4), new Float32Array(4), [0], [2], 1, 1, 4, 2)).toThrow(/outside 0..1/);
});
