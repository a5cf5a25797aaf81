// The delegating scorer: a swap applies from the next call, a call in flight finishes with the
// scorer it started with, and idle() waits for exactly the calls started so far (also failed ones).
// Scorers authored here: constant rewards, one held open until released.
import { describe, expect, it } from 'vitest';
import { DelegatingScorer } from './delegating-scorer';
import type { RolloutReward, RolloutScorer } from './trainer';

const constant = (reward: number): RolloutScorer => async (items) => items.map(() => ({ detectedLang: null, similarity: reward, calibrated: reward, reward }) as RolloutReward);
const item = {} as Parameters<RolloutScorer>[0][number];

describe('DelegatingScorer', () => {
  it('swaps from the next call; idle waits for the calls in flight', async () => {
    let release!: () => void;
    const held: RolloutScorer = (items) => new Promise((r) => (release = () => void constant(1)(items).then(r)));
    const s = new DelegatingScorer(held);
    const first = s.score([item]);
    s.use(constant(2));
    expect((await s.score([item]))[0].reward).toBe(2);
    let idle = false;
    const waiting = s.idle().then(() => (idle = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(idle).toBe(false);
    release();
    expect((await first)[0].reward).toBe(1);
    await waiting;
    expect(idle).toBe(true);
  });

  it('a failed call rejects to its caller and does not keep idle() waiting', async () => {
    const s = new DelegatingScorer(async () => {
      throw new Error('no model');
    });
    await expect(s.score([item])).rejects.toThrow('no model');
    await s.idle();
  });
});
