// One LRPO step walked through, panel by panel, for one question group: the numbers each panel
// shows, taken from that step's report (live) or from a saved run folder's logs (rollouts.jsonl,
// metrics.jsonl, router.jsonl), and two sentences saying what happens and why. Pure: the Teaching
// view draws the panels, the tests check them against the step report.

import type { RouterLogLine } from '../router/types';
import type { RolloutRecord } from '../trainer';
import { groupAdvantages } from '../grpo/advantages';
import type { RunConfig } from '../config';

/** What a walk needs of one step. */
export interface WalkStep {
  step: number;
  /** router.languages, in config order */
  languages: string[];
  rollouts: RolloutRecord[];
  metrics: Record<string, number>;
  /** router.jsonl line of this step (written before its update), and of the next step (after it) */
  routerLine: RouterLogLine | null;
  nextRouterLine: RouterLogLine | null;
}

/** The options a walk explains with (a subset of RunConfig). */
export interface WalkOptions {
  normByStd: boolean;
  clipLow: number;
  clipHigh: number;
  alpha: number;
  updateEvery: number;
  groupNorm: string;
  regionalTopics: string[];
}

export interface Cell {
  label: string;
  value: string;
  /** the exact number behind a formatted value (tests compare it with the report) */
  raw?: number;
}

export interface Panel {
  id: PanelId;
  title: string;
  /** two sentences: what happens and why */
  text: string;
  /** headline figures */
  figures: Cell[];
  /** one row per rollout of the group (or per language / row), columns as in `columns` */
  columns: string[];
  rows: Cell[][];
}

export const PANEL_IDS = ['question', 'languages', 'rollouts', 'langid', 'similarity', 'calibration', 'reward', 'group', 'advantages', 'loss', 'buffer', 'ema'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

export const fmt = (x: number | undefined | null, d = 3): string => (x === undefined || x === null || !Number.isFinite(x) ? '–' : x.toFixed(d));
const cell = (label: string, x: number | undefined | null, d = 3): Cell => ({ label, value: fmt(x, d), ...(x !== undefined && x !== null && Number.isFinite(x) ? { raw: x } : {}) });
const txt = (label: string, value: string): Cell => ({ label, value });

/** The question groups of a step, in group order. */
export function groupsOf(step: WalkStep): number[] {
  return [...new Set(step.rollouts.map((r) => r.group))].sort((a, b) => a - b);
}

/** Group mean and std as the trainer computed them (the same function, over the rollouts whose reward is a number). */
export function groupStats(step: WalkStep, group: number, normByStd: boolean): { mean: number; std: number; size: number; advantages: Map<RolloutRecord, number> } {
  const kept = step.rollouts.filter((r) => Number.isFinite(r.reward));
  const adv = groupAdvantages(kept.map((r) => r.reward), kept.map((r) => r.group), normByStd);
  const g = adv.groups.find((x) => x.id === group);
  const advantages = new Map<RolloutRecord, number>();
  kept.forEach((r, i) => r.group === group && advantages.set(r, adv.advantages[i]));
  return { mean: g?.mean ?? NaN, std: g?.std ?? NaN, size: g?.size ?? 0, advantages };
}

/** Per-token probability ratios pi_new / pi_old of a rollout (empty when the update was skipped). */
export function tokenRatios(r: RolloutRecord): number[] {
  if (!r.newLogprobs || !r.logprobs) return [];
  return r.newLogprobs.map((n, j) => Math.exp(n - r.logprobs![j]));
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/** The row keys ("topic:<t>", "region:<r>") a group's rollouts update in the router. */
export function routerRowsOf(rs: readonly RolloutRecord[], regionalTopics: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const r of rs) {
    keys.add(`topic:${r.topic}`);
    if (regionalTopics.includes(r.topic)) for (const g of r.regions.length ? r.regions : ['None']) keys.add(`region:${g}`);
  }
  return [...keys];
}

export function walkPanels(step: WalkStep, group: number, o: WalkOptions): Panel[] {
  const rs = step.rollouts.filter((r) => r.group === group);
  if (!rs.length) return [];
  const q = rs[0];
  const L = step.languages;
  const m = step.metrics;
  const stats = groupStats(step, group, o.normByStd);
  const id = (r: RolloutRecord, i: number) => txt('#', String(i + 1));
  const ratiosOf = rs.map(tokenRatios);
  const clipped = ratiosOf.map((rt, i) => rt.filter((x) => (rs[i].advantage >= 0 ? x > 1 + o.clipHigh : x < 1 - o.clipLow)).length);
  const updateStep = step.step % o.updateEvery === 0;
  const rowKeys = routerRowsOf(rs, o.regionalTopics);
  const quota = rs.filter((r) => r.source === 'quota').length;

  const panels: Panel[] = [
    {
      id: 'question', title: '1. The question',
      text: `One question from the batch opens a GRPO group: the policy will answer it ${rs.length} times. Its topic and region pick the router rows that decide which languages those answers are written in.`,
      figures: [txt('question', q.question), txt('topic', q.topic), txt('region', q.regions.join(', ') || 'none'), txt('own language', q.origLang), txt('step', String(step.step))],
      columns: [], rows: [],
    },
    {
      id: 'languages', title: '2. Quota and routed languages',
      text: `${quota} of the ${rs.length} rollouts stay in the question's own language (the quota); the others draw their language from the router's distribution shown here. The router mixes its softmax with a uniform share eps, so every language keeps some chance of being tried.`,
      figures: [cell('tau', m['router/tau']), cell('eps', m['router/eps']), txt('quota', String(quota))],
      columns: ['language', 'router probability', 'rollouts'],
      rows: L.map((l, j) => [txt('language', l), cell('router probability', q.routerProbs?.[j]), txt('rollouts', String(rs.filter((r) => r.targetLang === l).length))])
        .filter((row) => row[1].raw !== undefined || row[2].value !== '0'),
    },
    {
      id: 'rollouts', title: '3. The rollouts',
      text: 'The policy samples one answer per rollout, prompted to write in its target language. Click an answer to see it token by token.',
      figures: [cell('mean length (tokens)', mean(rs.map((r) => r.responseLength)), 1)],
      columns: ['#', 'target', 'source', 'answer'],
      rows: rs.map((r, i) => [id(r, i), txt('target', r.targetLang), txt('source', r.source), txt('answer', r.response)]),
    },
    {
      id: 'langid', title: '4. Language ID',
      text: 'A language identifier reads each answer and names its language. An answer not written in the language it was asked for earns no reward (or a reduced one), whatever it says.',
      figures: [cell('answers in their target language', rs.filter((r) => r.detectedLang === r.targetLang).length / rs.length, 2)],
      columns: ['#', 'target', 'detected', 'confidence'],
      rows: rs.map((r, i) => [id(r, i), txt('target', r.targetLang), txt('detected', r.detectedLang ?? 'none'), cell('confidence', r.detectedProb)]),
    },
    {
      id: 'similarity', title: '5. Similarity to the reference',
      text: 'Each answer is compared with a reference answer, which may be written in another language. The similarity of two texts depends on their language pair, not only on their meaning; the next step corrects for that.',
      figures: [cell('mean similarity', mean(rs.map((r) => r.similarity)))],
      columns: ['#', 'reference language', 'similarity'],
      rows: rs.map((r, i) => [id(r, i), txt('reference language', r.referenceLang ?? '–'), cell('similarity', r.similarity)]),
    },
    {
      id: 'calibration', title: '6. Calibration',
      text: 'Calibration shifts each similarity by how far its language pair sits from the average pair, so a correct answer scores about the same in every language. Without it the router would learn which languages have generous similarities, not which know the answer.',
      figures: [cell('mean shift', mean(rs.map((r) => r.calibrated - r.similarity)))],
      columns: ['#', 'similarity', 'calibrated', 'r = clamp((s_cal + 1) / 2)'],
      rows: rs.map((r, i) => [id(r, i), cell('similarity', r.similarity), cell('calibrated', r.calibrated), cell('r', r.raw)]),
    },
    {
      id: 'reward', title: '7. Reward',
      text: 'The reward is r times the language gate: the full r when the detected language is the target, 0 (or a penalty) when it is not. The router and GRPO both learn from this number.',
      figures: [cell('group mean reward', stats.mean)],
      columns: ['#', 'r', 'gate', 'reward'],
      rows: rs.map((r, i) => [id(r, i), cell('r', r.raw), cell('gate', r.gate), cell('reward', r.reward)]),
    },
    {
      id: 'group', title: '8. Group mean and std',
      text: 'GRPO has no value network: the group of answers to the same question is its own baseline. Their mean says what is normal for this question and their spread sets the scale; a group whose rewards are all equal teaches nothing.',
      figures: [cell('mean', stats.mean), cell('std', stats.std), txt('answers', String(stats.size)), txt('signal', stats.size > 1 && stats.std < 1e-6 ? 'none (zero std)' : 'yes')],
      columns: [], rows: [],
    },
    {
      id: 'advantages', title: '9. Advantages',
      text: `Each answer's advantage is ${o.normByStd ? '(reward − mean) / (std + 1e-6)' : 'reward − mean'}: above-average answers get a positive one and will be made more likely, below-average ones less. The same advantage applies to every token of the answer.`,
      figures: [cell('largest', Math.max(...rs.map((r) => r.advantage))), cell('smallest', Math.min(...rs.map((r) => r.advantage)))],
      columns: ['#', 'reward', 'advantage'],
      rows: rs.map((r, i) => [id(r, i), cell('reward', r.reward), cell('advantage', r.advantage)]),
    },
    {
      id: 'loss', title: '10. Clipped policy loss',
      text: `The update raises log π of positive-advantage tokens and lowers the others, but the ratio π_new / π_old only counts inside [${fmt(1 - o.clipLow, 2)}, ${fmt(1 + o.clipHigh, 2)}], so one step cannot move the policy far. Shown: each answer's mean token ratio after this step's update, and its tokens past the clip bound.`,
      figures: [cell('pg_loss', m['actor/pg_loss'], 4), cell('clip fraction', m['actor/pg_clipfrac'], 4), cell('ppo_kl', m['actor/ppo_kl'], 5), cell('grad norm', m['actor/grad_norm'])],
      columns: ['#', 'advantage', 'mean ratio', 'tokens past the clip'],
      rows: rs.map((r, i) => [id(r, i), cell('advantage', r.advantage), cell('mean ratio', ratiosOf[i].length ? mean(ratiosOf[i]) : undefined, 4), txt('clipped', ratiosOf[i].length ? `${clipped[i]} / ${ratiosOf[i].length}` : 'update skipped')]),
    },
    {
      id: 'buffer', title: '11. Router buffer',
      text: 'Every answer that carried a router language goes into the router\'s buffer with its reward (not its advantage). The router keeps the buffer until its next update and then learns from the mean reward of each language in each context.',
      figures: [txt('rows it feeds', rowKeys.join(', '))],
      columns: ['language', 'answers', 'mean reward'],
      rows: [...new Set(rs.map((r) => r.targetLang))].map((l) => {
        const xs = rs.filter((r) => r.targetLang === l).map((r) => r.reward);
        return [txt('language', l), txt('answers', String(xs.length)), cell('mean reward', mean(xs))];
      }),
    },
    emaPanel(step, rowKeys, updateStep, o),
  ];
  return panels;
}

function emaPanel(step: WalkStep, rowKeys: string[], updateStep: boolean, o: WalkOptions): Panel {
  const before = step.routerLine?.probs;
  const after = step.nextRouterLine?.probs;
  const rows: Cell[][] = [];
  if (before) {
    for (const k of rowKeys) {
      const b = before[k]?.softmax;
      if (!b) continue;
      const a = after?.[k]?.softmax;
      const best = (p: Record<string, number> | undefined) => (p ? Object.entries(p).sort((x, y) => y[1] - x[1])[0] : undefined);
      const bb = best(b);
      const ba = best(a);
      rows.push([txt('row', k), txt('top before', bb ? `${bb[0]} ${fmt(bb[1])}` : '–'), txt('top after', ba ? `${ba[0]} ${fmt(ba[1])}` : 'next step not logged yet')]);
    }
  }
  return {
    id: 'ema', title: '12. Router update (EMA)',
    text: updateStep
      ? `This is an update step (every ${o.updateEvery}): for each context the router takes the mean reward per language (${o.groupNorm}-normalized across languages) and moves each row's value by Q ← (1 − ${o.alpha}) Q + ${o.alpha} · value. Languages that earned more here become more likely for these rows next time.`
      : `No update at this step: the router updates every ${o.updateEvery} steps, so these rewards wait in the buffer. At step ${Math.ceil(step.step / o.updateEvery) * o.updateEvery} each row moves by Q ← (1 − ${o.alpha}) Q + ${o.alpha} · value.`,
    figures: [txt('update step', updateStep ? 'yes' : 'no')],
    columns: ['row', 'top before', 'top after'],
    rows,
  };
}

/** The walk's options from a run config. */
export function walkOptions(c: RunConfig): WalkOptions {
  return {
    normByStd: c.actor.norm_adv_by_std_in_grpo, clipLow: c.actor.clip_ratio_low, clipHigh: c.actor.clip_ratio_high, alpha: c.router.lang_policy_alpha,
    updateEvery: c.router.lang_policy_update_every, groupNorm: c.router.lang_policy_group_norm, regionalTopics: c.router.regional_topics,
  };
}
