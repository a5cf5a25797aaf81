// Health hints a learner would miss in the charts: groups with no GRPO signal (zero reward std),
// too-easy and too-hard groups, entropy collapse and a router stuck at uniform. Each hint names
// what it saw and what to change. Pure: the Teaching and Train views show them.

import type { RouterLogLine } from '../router/types';
import type { RolloutRecord } from '../trainer';

export interface HealthHint {
  id: 'zero-std' | 'too-easy' | 'too-hard' | 'entropy-collapse' | 'router-uniform';
  level: 'warn' | 'info';
  text: string;
}

export interface HealthInput {
  step: number;
  rollouts: readonly RolloutRecord[];
  metrics: Record<string, number>;
  routerLine: RouterLogLine | null;
  updateEvery: number;
  regionalTopics: readonly string[];
}

/** Thresholds (ours): a share of groups, a mean reward, nats per token, a probability margin. */
export const HINT_LIMITS = { zeroStdShare: 0.5, easyMean: 0.9, hardMean: 0.05, groupShare: 0.5, entropy: 0.05, uniformMargin: 0.02, uniformAfterUpdates: 3 };

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function healthHints(h: HealthInput): HealthHint[] {
  const out: HealthHint[] = [];
  const groups = new Map<number, number[]>();
  for (const r of h.rollouts) if (Number.isFinite(r.reward)) groups.set(r.group, [...(groups.get(r.group) ?? []), r.reward]);
  const means = [...groups.values()].map((xs) => xs.reduce((a, b) => a + b, 0) / xs.length);
  const n = means.length;
  if (n) {
    const flat = [...groups.values()].filter((xs) => xs.length > 1 && Math.max(...xs) - Math.min(...xs) < 1e-9).length / n;
    if (flat >= HINT_LIMITS.zeroStdShare) {
      out.push({ id: 'zero-std', level: 'warn', text: `${pct(flat)} of this step's groups have the same reward for every answer, so GRPO gets no signal from them. Raise actor.rollout_n or actor.rollout_temperature so answers differ, or use questions the model sometimes gets right.` });
    }
    const easy = means.filter((x) => x >= HINT_LIMITS.easyMean).length / n;
    if (easy >= HINT_LIMITS.groupShare) out.push({ id: 'too-easy', level: 'info', text: `${pct(easy)} of the groups are too easy (mean reward ≥ ${HINT_LIMITS.easyMean}): little is left to learn. Use harder questions, or fewer SFT warm-start steps.` });
    const hard = means.filter((x) => x <= HINT_LIMITS.hardMean).length / n;
    if (hard >= HINT_LIMITS.groupShare) out.push({ id: 'too-hard', level: 'warn', text: `${pct(hard)} of the groups are too hard (mean reward ≤ ${HINT_LIMITS.hardMean}): no answer earns anything to reinforce. Warm-start the model (sft.steps), use easier questions, or check that the reward's language gate is not rejecting every answer.` });
  }
  const ent = h.metrics['actor/entropy'];
  if (Number.isFinite(ent) && ent < HINT_LIMITS.entropy) {
    out.push({ id: 'entropy-collapse', level: 'warn', text: `The policy's entropy is ${ent.toFixed(3)} nats per token: it now writes almost the same answer every time, so groups stop differing. Lower actor.lr, raise actor.entropy_coeff or actor.rollout_temperature, or turn the KL loss on.` });
  }
  if (h.routerLine && h.step >= HINT_LIMITS.uniformAfterUpdates * h.updateEvery) {
    const rows = Object.entries(h.routerLine.probs).filter(([k]) => k.startsWith('region:') || k.startsWith('topic:'));
    const margin = Math.max(0, ...rows.map(([, e]) => {
      const ps = Object.values(e.softmax);
      return ps.length ? Math.max(...ps) - 1 / ps.length : 0;
    }));
    if (rows.length && margin < HINT_LIMITS.uniformMargin) {
      out.push({ id: 'router-uniform', level: 'warn', text: `After ${Math.floor(h.step / h.updateEvery)} router updates no row is more than ${HINT_LIMITS.uniformMargin} above uniform: the router has not learned where to look. Raise router.lang_policy_alpha or lower router.lang_policy_update_every; check that rewards differ between languages (calibration on, language gate working).` });
    }
  }
  return out;
}
