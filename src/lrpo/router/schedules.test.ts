import { describe, expect, it } from 'vitest';
import { defaultRouterConfig } from '../config';
import { scheduleAt } from './schedules';
import { SoftmaxEpsRouter } from './softmax-eps-router';

describe('schedules (step = training steps completed before this one)', () => {
  const cfg = defaultRouterConfig(); // tau 1.0 * 0.999^s (min 0.3), eps 0.2 * 0.995^s (min 0)

  it('gives the reference defaults at steps 0, 1 and 10', () => {
    expect(scheduleAt(cfg, 0)).toEqual({ tau: 1, eps: 0.2 });
    const s1 = scheduleAt(cfg, 1);
    expect(s1.tau).toBeCloseTo(0.999, 15);
    expect(s1.eps).toBeCloseTo(0.199, 15); // 0.2 * 0.995
    const s10 = scheduleAt(cfg, 10);
    expect(s10.tau).toBeCloseTo(0.990044880209, 11); // 0.999^10
    expect(s10.eps).toBeCloseTo(0.190222026093, 11); // 0.2 * 0.995^10 = 0.2 * 0.951110130465
  });

  it('anneals eps even when tau is constant (each on its own)', () => {
    const c = { ...cfg, lang_policy_temperature_decay: 1 };
    expect(scheduleAt(c, 10).tau).toBe(1);
    expect(scheduleAt(c, 10).eps).toBeCloseTo(0.190222026093, 11);
    const d = { ...cfg, lang_policy_epsilon_decay: 1 };
    expect(scheduleAt(d, 10).eps).toBe(0.2);
    expect(scheduleAt(d, 10).tau).toBeCloseTo(0.990044880209, 11);
  });

  it('clamps at the minimums', () => {
    const c = { ...cfg, lang_policy_temperature_decay: 0.5, lang_policy_epsilon_decay: 0.5, lang_policy_epsilon_min: 0.06 };
    expect(scheduleAt(c, 1)).toEqual({ tau: 0.5, eps: 0.1 });
    expect(scheduleAt(c, 2)).toEqual({ tau: 0.3, eps: 0.06 }); // 0.25 -> 0.3, 0.05 -> 0.06
  });

  it('the router uses step 0 for its first step and counts a step at endStep', () => {
    const r = new SoftmaxEpsRouter(cfg, 1);
    expect(r.beginStep()).toEqual({ tau: 1, eps: 0.2 });
    r.endStep();
    expect(r.step).toBe(1);
    expect(r.beginStep().eps).toBeCloseTo(0.199, 15);
    for (let i = 0; i < 9; i++) {
      r.endStep();
      r.beginStep();
    }
    expect(r.step).toBe(10);
    expect(r.probabilities({ topic: 'T', regions: [] }).effective[0]).toBeCloseTo(1 / 15, 15);
    expect(r.snapshot().eps).toBeCloseTo(0.190222026093, 11);
  });
});
