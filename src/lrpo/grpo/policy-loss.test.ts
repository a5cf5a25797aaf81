import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/rng';
import { aggregationWeights, klTerm, policyLoss, type PolicyLossInput, type PolicyLossOptions } from './policy-loss';

const base: PolicyLossOptions = {
  clipRatioLow: 0.2, clipRatioHigh: 0.28, clipRatioC: 3, useKl: true, klCoef: 0.05, klType: 'low_var_kl',
  entropyCoeff: 0.01, aggMode: 'token-mean',
};

function randomInput(rng: Rng, B: number, T: number): PolicyLossInput {
  const n = B * T;
  const mask = new Uint8Array(n);
  const logprobs = new Float32Array(n);
  const oldLogprobs = new Float32Array(n);
  const refLogprobs = new Float32Array(n);
  const entropy = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    mask[i] = rng.next() < 0.75 ? 1 : 0;
    oldLogprobs[i] = -0.1 - 3 * rng.next();
    logprobs[i] = oldLogprobs[i] + 0.6 * (rng.next() - 0.5);
    refLogprobs[i] = logprobs[i] + 0.8 * (rng.next() - 0.5);
    entropy[i] = 2 * rng.next();
  }
  const advantages = Array.from({ length: B }, () => 2 * rng.normal());
  return { B, T, mask, logprobs, oldLogprobs, refLogprobs, entropy, advantages };
}

describe('policyLoss', () => {
  it('matches a hand-computed two-token example', () => {
    // token 0: A = 1, logp - old = ln 1.5 -> ratio 1.5, clipped 1.28 -> pg = max(-1.5, -1.28) = -1.28 (clipped, grad 0)
    // token 1: A = -1, ratio 0.5 -> pg1 = 0.5, pg2 = 0.8 -> 0.8 (clipped, grad 0); dual clip 3 > 0.8 no
    // token 2: A = -1, ratio 1 -> pg 1, grad -A*ratio = 1
    const input: PolicyLossInput = {
      B: 3, T: 1, mask: new Uint8Array([1, 1, 1]),
      logprobs: new Float32Array([Math.log(1.5) - 1, Math.log(0.5) - 1, -1]),
      oldLogprobs: new Float32Array([-1, -1, -1]),
      advantages: [1, -1, -1],
    };
    const r = policyLoss(input, { ...base, useKl: false, entropyCoeff: 0 });
    expect(r.pgLoss).toBeCloseTo((-1.28 + 0.8 + 1) / 3, 6);
    expect(r.pgClipfrac).toBeCloseTo(2 / 3, 12);
    expect(r.dlogprobs[0]).toBe(0);
    expect(r.dlogprobs[1]).toBe(0);
    expect(r.dlogprobs[2]).toBeCloseTo(1 / 3, 6);
    expect(r.ppoKl).toBeCloseTo(-(Math.log(1.5) + Math.log(0.5)) / 3, 6);
  });

  it('applies the dual clip for large ratios with negative advantages', () => {
    const input: PolicyLossInput = {
      B: 1, T: 1, mask: new Uint8Array([1]), logprobs: new Float32Array([Math.log(5)]), oldLogprobs: new Float32Array([0]),
      advantages: [-2],
    };
    const r = policyLoss(input, { ...base, useKl: false, entropyCoeff: 0 });
    expect(r.pgLoss).toBeCloseTo(6, 5); // min(-A*c = 6, max(10, 2.56) = 10)
    expect(r.pgClipfracLower).toBe(1);
    expect(r.dlogprobs[0]).toBe(0);
  });

  it('low_var_kl matches verl formula and its derivative', () => {
    const k = klTerm(-1.2, -0.7, 'low_var_kl');
    const d = -0.7 - -1.2;
    expect(k.value).toBeCloseTo(Math.exp(d) - d - 1, 12);
    expect(k.grad).toBeCloseTo(1 - Math.exp(d), 12);
    // clamps: kl value is capped at 10 and has zero gradient there
    const big = klTerm(-30, 0, 'low_var_kl');
    expect(big.value).toBe(10);
    expect(big.grad).toBe(0);
  });

  for (const aggMode of ['token-mean', 'seq-mean-token-sum', 'seq-mean-token-mean'] as const) {
    for (const klType of ['low_var_kl', 'kl', 'mse'] as const) {
      it(`d(loss)/d(logprob) and d(loss)/d(entropy) match central finite differences (${aggMode}, ${klType})`, () => {
        const rng = new Rng(42);
        const input = randomInput(rng, 4, 6);
        const opts = { ...base, aggMode, klType };
        const r = policyLoss(input, opts);
        const h = 1e-3;
        let checked = 0;
        for (let i = 0; i < input.B * input.T; i++) {
          if (!input.mask[i]) {
            expect(r.dlogprobs[i]).toBe(0);
            continue;
          }
          // skip tokens within h of a clip boundary (derivative is discontinuous there)
          const ratio = Math.exp(input.logprobs[i] - input.oldLogprobs[i]);
          if (Math.abs(ratio - 0.8) < 0.01 || Math.abs(ratio - 1.28) < 0.01) continue;
          const lp = Float64Array.from(input.logprobs);
          const plus = { ...input, logprobs: Float32Array.from(lp.map((v, j) => (j === i ? v + h : v))) };
          const minus = { ...input, logprobs: Float32Array.from(lp.map((v, j) => (j === i ? v - h : v))) };
          const fd = (policyLoss(plus, opts).loss - policyLoss(minus, opts).loss) / (2 * h);
          // float32 storage of logp +- h limits the finite difference to ~1e-4 relative
          expect(r.dlogprobs[i]).toBeCloseTo(fd, 3);
          const ent = Float64Array.from(input.entropy!);
          const ep = { ...input, entropy: Float32Array.from(ent.map((v, j) => (j === i ? v + h : v))) };
          const em = { ...input, entropy: Float32Array.from(ent.map((v, j) => (j === i ? v - h : v))) };
          const fdE = (policyLoss(ep, opts).loss - policyLoss(em, opts).loss) / (2 * h);
          expect(r.dentropy[i]).toBeCloseTo(fdE, 5);
          checked++;
        }
        expect(checked).toBeGreaterThan(10);
      });
    }
  }

  it('aggregation weights sum to the aggregate of ones', () => {
    const mask = new Uint8Array([1, 1, 0, 1, 0, 0]);
    expect(Array.from(aggregationWeights(mask, 2, 3, 'token-mean')).reduce((a, b) => a + b)).toBeCloseTo(1, 6);
    expect(Array.from(aggregationWeights(mask, 2, 3, 'seq-mean-token-sum'))).toEqual([0.5, 0.5, 0, 0.5, 0, 0]);
    expect(Array.from(aggregationWeights(mask, 2, 3, 'seq-mean-token-mean'))).toEqual([0.25, 0.25, 0, 0.5, 0, 0]);
  });

  it('tokenScale scales loss and gradients so split mini-batches add up to the whole', () => {
    const rng = new Rng(7);
    const input = randomInput(rng, 2, 5);
    const a = policyLoss(input, base, 1);
    const b = policyLoss(input, base, 0.25);
    expect(b.loss).toBeCloseTo(a.loss * 0.25, 6);
    expect(b.dlogprobs[3]).toBeCloseTo(a.dlogprobs[3] * 0.25, 7);
  });

  for (const aggMode of ['token-mean', 'seq-mean-token-sum', 'seq-mean-token-mean'] as const) {
    it(`${aggMode}: micro-batches with the mini-batch's totals add up to the whole mini-batch (loss, each term, every gradient)`, () => {
      const rng = new Rng(11);
      const B = 5, T = 6;
      const whole = randomInput(rng, B, T);
      whole.mask[T] = 0; // row 1 partly masked; row 3 fully masked: counted in the rows, scores no token
      whole.mask.fill(0, 3 * T, 4 * T);
      const slice = (from: number, to: number): PolicyLossInput => {
        const r = (v: Float32Array) => v.slice(from * T, to * T);
        return {
          B: to - from, T, mask: whole.mask.slice(from * T, to * T), logprobs: r(whole.logprobs), oldLogprobs: r(whole.oldLogprobs),
          refLogprobs: r(whole.refLogprobs!), entropy: r(whole.entropy!), advantages: Array.from(whole.advantages).slice(from, to),
        };
      };
      const opts = { ...base, aggMode };
      const all = policyLoss(whole, opts);
      const of = { tokens: all.tokens, rows: B };
      const parts = [[0, 2], [2, 4], [4, 5]].map(([a, b]) => policyLoss({ ...slice(a, b), of }, opts));
      const sum = (k: 'loss' | 'pgLoss' | 'klLoss' | 'entropy') => parts.reduce((a, p) => a + p[k], 0);
      // float32 weights, float64 sums: equal to 1e-6 relative (the summation order differs)
      for (const k of ['loss', 'pgLoss', 'klLoss', 'entropy'] as const) expect(Math.abs(sum(k) - all[k])).toBeLessThanOrEqual(1e-6 * Math.abs(all[k]) + 1e-9);
      const grads = Float32Array.from(parts.flatMap((p) => Array.from(p.dlogprobs)));
      const dents = Float32Array.from(parts.flatMap((p) => Array.from(p.dentropy)));
      expect(Array.from(grads)).toEqual(Array.from(all.dlogprobs)); // the same float32 weight per token
      expect(Array.from(dents)).toEqual(Array.from(all.dentropy));
      // without the totals each slice is its own mean: the sum differs (this test can fail)
      const own = [[0, 2], [2, 4], [4, 5]].map(([a, b]) => policyLoss(slice(a, b), opts)).reduce((a, p) => a + p.loss, 0);
      expect(Math.abs(own - all.loss)).toBeGreaterThan(1e-3);
    });
  }
});
