// Every router option under the reference's name, grouped, with short help; plus the simulation
// sizes. Each committed change restarts the simulation (same seed) and updates the URL.

import type { RouterConfig } from '../../../lrpo/config';
import { usePlaygroundStore } from '../../store/playground-store';
import { NumberField, TextField } from './fields';
import { MAX_STEPS } from './playground-spec';

type NumKey = { [K in keyof RouterConfig]: RouterConfig[K] extends number ? K : never }[keyof RouterConfig];

const GROUPS: { title: string; note?: string; fields: { key: NumKey; min?: number; max?: number; integer?: boolean; help: string }[] }[] = [
  {
    title: 'Update',
    fields: [
      { key: 'lang_policy_update_every', min: 1, integer: true, help: 'buffer rewards this many steps, then update' },
      { key: 'lang_policy_alpha', min: 0.000001, max: 1, help: 'EMA step: Q ← (1−α)Q + α·value (reference router)' },
    ],
  },
  {
    title: 'Temperature τ (softmax sharpness)',
    fields: [
      { key: 'lang_policy_temperature_init', min: 0.000001, help: 'τ at step 0' },
      { key: 'lang_policy_temperature_min', min: 0.000001, help: 'τ never goes below this' },
      { key: 'lang_policy_temperature_decay', min: 0.000001, max: 1, help: 'τ ← τ_init · decay^step' },
    ],
  },
  {
    title: 'Exploration ε (uniform random language)',
    fields: [
      { key: 'lang_policy_epsilon_init', min: 0, max: 1, help: 'ε at step 0' },
      { key: 'lang_policy_epsilon_min', min: 0, max: 1, help: 'ε never goes below this' },
      { key: 'lang_policy_epsilon_decay', min: 0.000001, max: 1, help: 'ε ← ε_init · decay^step (annealed on its own)' },
    ],
  },
  {
    title: 'Quota',
    fields: [{ key: 'lang_policy_orig_lang_min', min: 0, integer: true, help: "first rollouts of each group in the question's own language" }],
  },
  {
    title: 'UCB and Thompson (ours)',
    fields: [
      { key: 'ucb_c', min: 0, help: 'UCB bonus c·√(ln T / n)' },
      { key: 'thompson_prior_std', min: 0.000001, help: 'prior std of a mean reward' },
      { key: 'thompson_noise_std', min: 0.000001, help: 'assumed reward noise std' },
    ],
  },
  {
    title: 'Log',
    note: 'kept for export to verl; the playground writes no log',
    fields: [
      { key: 'lang_policy_log_every', min: 0, integer: true, help: 'log line every N steps' },
      { key: 'lang_policy_log_max_keys', min: 0, integer: true, help: 'at most this many rows per line' },
    ],
  },
];

export function RouterSettingsPanel() {
  const spec = usePlaygroundStore((s) => s.spec);
  const setSpec = usePlaygroundStore((s) => s.setSpec);
  const setRouter = <K extends keyof RouterConfig>(key: K, v: RouterConfig[K]) => setSpec((s) => ({ ...s, router: { ...s.router, [key]: v } }));
  const list = (v: string) => v.split(',').map((x) => x.trim()).filter(Boolean);
  const r = spec.router;
  return (
    <section className="panel" aria-label="Router settings">
      <h3>Router settings</h3>
      <div className="pg-groups">
        <fieldset>
          <legend>Routing</legend>
          <label className="pg-field">
            <input type="checkbox" checked={r.dynamic_lang_policy} onChange={(e) => setRouter('dynamic_lang_policy', e.target.checked)} />
            <code>dynamic_lang_policy</code>
            <span className="pg-help">off = every rollout in the original language (monolingual GRPO)</span>
          </label>
          <label className="pg-field">
            <input type="checkbox" checked={r.uniform_mix} onChange={(e) => setRouter('uniform_mix', e.target.checked)} />
            <code>uniform_mix</code>
            <span className="pg-help">fixed uniform mix baseline (routed rollouts ignore the router)</span>
          </label>
          <label className="pg-field">
            <code>lang_policy_group_norm</code>
            <select aria-label="lang_policy_group_norm" value={r.lang_policy_group_norm} onChange={(e) => setRouter('lang_policy_group_norm', e.target.value as RouterConfig['lang_policy_group_norm'])}>
              <option value="none">none (raw mean)</option>
              <option value="center">center (minus context mean)</option>
              <option value="zscore">zscore (reference default)</option>
            </select>
            <span className="pg-help">normalization across the languages of a context before the EMA</span>
          </label>
          <TextField label="regional_topics" value={r.regional_topics.join(', ')} onCommit={(v) => setRouter('regional_topics', list(v))} help="these topics add their region rows to the logits" />
          <TextField label="fixed_lang_topics" value={r.fixed_lang_topics.join(', ')} onCommit={(v) => setRouter('fixed_lang_topics', list(v))} help="every rollout of these topics stays in the original language" />
        </fieldset>
        {GROUPS.map((g) => (
          <fieldset key={g.title}>
            <legend>{g.title}</legend>
            {g.note && <p className="pg-help">{g.note}</p>}
            {g.fields.map((f) => (
              <NumberField key={f.key} label={f.key} value={r[f.key]} min={f.min} max={f.max} integer={f.integer} help={f.help} onCommit={(v) => setRouter(f.key, v)} />
            ))}
          </fieldset>
        ))}
        <fieldset>
          <legend>Simulation</legend>
          <NumberField label="rollout.n" value={spec.n} min={1} max={64} integer help="rollouts per question (one GRPO group)" onCommit={(v) => setSpec((s) => ({ ...s, n: v }))} />
          <NumberField label="questions per step" value={spec.questionsPerStep} min={1} max={64} integer help="simulated questions per training step" onCommit={(v) => setSpec((s) => ({ ...s, questionsPerStep: v }))} />
          <NumberField label="steps" value={spec.steps} min={1} max={MAX_STEPS} integer help="length of a full run" onCommit={(v) => setSpec((s) => ({ ...s, steps: v }))} />
          <NumberField label="seed" value={spec.seed} min={0} max={2 ** 31 - 1} integer help="same seed = same questions and rewards" onCommit={(v) => setSpec((s) => ({ ...s, seed: v }))} />
        </fieldset>
      </div>
    </section>
  );
}
