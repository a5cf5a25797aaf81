import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { ropeBackward, ropeForward, ropeInvFreq, ropeTable } from './rope';
import { dot64, finiteDiffCheck, randn } from './test-utils';

describe('rope', () => {
  it('default inv_freq is 1 / theta^(2i/D)', () => {
    const inv = ropeInvFreq(8, 10000);
    [1, 0.1, 0.01, 0.001].forEach((w, i) => expect(inv[i]).toBeCloseTo(w, 7));
  });

  it('llama3 scaling: short wavelengths kept, long divided by factor, the band between smoothed', () => {
    // theta 1e4, D 8: wavelengths 2π/inv = 6.28, 62.8, 628, 6283; factor 8, low 1, high 4, original 128
    // -> low_freq_wavelen 128, high_freq_wavelen 32. i=1 is in the band: smooth = (128/62.83 - 1)/3
    // = 0.3457278, inv = 0.1 ((1 - smooth)/8 + smooth) = 0.04275118.
    const inv = ropeInvFreq(8, 10000, { type: 'llama3', factor: 8, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositionEmbeddings: 128 });
    expect(inv[0]).toBeCloseTo(1, 7);
    expect(inv[1]).toBeCloseTo(0.04275118, 7);
    expect(inv[2]).toBeCloseTo(0.00125, 8);
    expect(inv[3]).toBeCloseTo(0.000125, 9);
  });

  it('rotates halves: x = e_0 at position 1 -> (cos 1, 0, sin 1, 0)', () => {
    const inv = ropeInvFreq(4, 10000);
    const { cos, sin } = ropeTable(inv, [1]);
    const out = new Float32Array(4);
    ropeForward(out, Float32Array.of(1, 0, 0, 0), cos, sin, 1, 1, 4);
    expect(out[0]).toBeCloseTo(Math.cos(1), 6);
    expect(out[1]).toBeCloseTo(0, 7);
    expect(out[2]).toBeCloseTo(Math.sin(1), 6);
    expect(out[3]).toBeCloseTo(0, 7);
    // position 0 is the identity
    const t0 = ropeTable(inv, [0]);
    const x = Float32Array.of(0.3, -1, 2, 0.5);
    ropeForward(out, x, t0.cos, t0.sin, 1, 1, 4);
    expect(Array.from(out)).toEqual(Array.from(x));
  });

  it('q·k after rotation depends only on the relative position', () => {
    const rng = new Rng(3);
    const D = 16;
    const inv = ropeInvFreq(D, 500000);
    const q = randn(D, rng), k = randn(D, rng);
    const dotAt = (pq: number, pk: number) => {
      const a = new Float32Array(D), b = new Float32Array(D);
      const tq = ropeTable(inv, [pq]), tk = ropeTable(inv, [pk]);
      ropeForward(a, q, tq.cos, tq.sin, 1, 1, D);
      ropeForward(b, k, tk.cos, tk.sin, 1, 1, D);
      return dot64(a, b);
    };
    expect(dotAt(7, 3)).toBeCloseTo(dotAt(14, 10), 4);
  });

  it('backward matches central finite differences', () => {
    const N = 3, nH = 2, D = 6;
    const rng = new Rng(9);
    const inp = randn(N * nH * D, rng), w = randn(N * nH * D, rng);
    const { cos, sin } = ropeTable(ropeInvFreq(D, 10000), [0, 5, 2]);
    const out = new Float32Array(inp.length);
    const loss = () => {
      ropeForward(out, inp, cos, sin, N, nH, D);
      return dot64(out, w);
    };
    const dinp = new Float32Array(inp.length);
    ropeBackward(dinp, w, cos, sin, N, nH, D);
    expect(finiteDiffCheck(inp, loss, dinp).maxRelErr).toBeLessThan(1e-3);
    // in place gives the same numbers
    const x = inp.slice(), d = w.slice();
    ropeForward(x, x, cos, sin, N, nH, D);
    ropeBackward(d, d, cos, sin, N, nH, D);
    loss();
    expect(Array.from(x)).toEqual(Array.from(out));
    expect(Array.from(d)).toEqual(Array.from(dinp));
  });

  it('refuses an odd head_dim', () => {
    expect(() => ropeInvFreq(5, 10000)).toThrow(/even head_dim/);
  });
});
