import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../views/playground/playground-spec';
import { PlaygroundRunner } from './playground-runner';

describe('playground runner', () => {
  it('advances every column on the same world and seed and stops at spec.steps', () => {
    const spec = { ...defaultSpec(), steps: 30 };
    const r = new PlaygroundRunner(spec);
    const a = r.advance(20);
    expect(a.map((c) => c.algorithm)).toEqual(['softmax_eps', 'ucb']);
    expect(a[0].tau).toHaveLength(20);
    expect(a[0].fromStep).toBe(1);
    const b = r.advance(20);
    expect(b[1].cumRegret).toHaveLength(10);
    expect(b[1].fromStep).toBe(21);
    expect(r.done).toBe(true);
    expect(r.advance(5)[0].tau).toHaveLength(0);
    // same as one uninterrupted simulator run
    const again = new PlaygroundRunner(spec).advance(30);
    expect(again[1].cumRegret).toEqual([...a[1].cumRegret, ...b[1].cumRegret]);
  });
});
