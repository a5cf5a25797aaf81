import { describe, expect, it } from 'vitest';
import { useSettingsStore } from './settings-store';
import { defaultRunConfig } from '../../lrpo/config';

describe('settings store', () => {
  it('applies a valid edit, rejects an invalid one by field and keeps the value', () => {
    const s = useSettingsStore.getState();
    s.editField('actor.rollout_n', '6');
    expect(useSettingsStore.getState().config.actor.rollout_n).toBe(6);
    s.editField('actor.rollout_n', '0');
    expect(useSettingsStore.getState().config.actor.rollout_n).toBe(6);
    expect(useSettingsStore.getState().fieldErrors['actor.rollout_n']).toMatch(/below the allowed range/);
    s.editField('actor.rollout_n', '5');
    expect(useSettingsStore.getState().fieldErrors['actor.rollout_n']).toBeUndefined();
  });

  it('rejects an edit that breaks a cross-field rule, naming the rule', () => {
    useSettingsStore.getState().applyPreset('reference');
    useSettingsStore.getState().editField('model.n_head', '3');
    expect(useSettingsStore.getState().config.model.n_head).toBe(4);
    expect(useSettingsStore.getState().fieldErrors['model.n_head']).toMatch(/must be divisible by model.n_head \(3\)/);
  });

  it('applies presets', () => {
    useSettingsStore.getState().applyPreset('grpo');
    expect(useSettingsStore.getState().config.router.dynamic_lang_policy).toBe(false);
    useSettingsStore.getState().applyPreset('dapo');
    expect(useSettingsStore.getState().config.actor.clip_ratio_high).toBe(0.28);
    useSettingsStore.getState().applyPreset('reference');
    expect(useSettingsStore.getState().config).toEqual(defaultRunConfig());
    expect(defaultRunConfig().actor.clip_ratio_high).toBe(0.2);
  });

  it('opens a run.json; a bad one is reported by file and field and the current config is kept', () => {
    const s = useSettingsStore.getState();
    expect(s.openConfigFile(JSON.stringify({ seed: 9, actor: { rollout_n: 4 } }), 'run.json')).toBe(true);
    expect(useSettingsStore.getState().config.seed).toBe(9);
    expect(s.openConfigFile(JSON.stringify({ seed: 'x', router: { lang_policy_alpha: 5 } }), 'bad.json')).toBe(false);
    expect(useSettingsStore.getState().config.seed).toBe(9);
    const problems = useSettingsStore.getState().problems;
    expect(problems.every((p) => p.file === 'bad.json')).toBe(true);
    expect(problems.map((p) => p.field)).toEqual(expect.arrayContaining(['seed', 'router.lang_policy_alpha']));
    expect(useSettingsStore.getState().problemsSource).toBe('file');
    expect(s.openConfigFile('{\n  "seed": 3,\n  "actor": {,\n}', 'broken.json')).toBe(false);
    expect(useSettingsStore.getState().problems[0]).toMatchObject({ file: 'broken.json', line: 3 });
    expect(useSettingsStore.getState().config.seed).toBe(9);
    // unknown keys and wrong types are named by their path
    expect(s.openConfigFile(JSON.stringify({ actor: { rollout_n: 2.5, bogus: 1 }, reward: 'x', sft: { extra_langs: 100 } }), 'typed.json')).toBe(false);
    expect(useSettingsStore.getState().problems.map((p) => `${p.field}: ${p.reason}`)).toEqual(expect.arrayContaining([
      'actor.bogus: is not a run config option', 'reward: must be an object, got "x"', 'actor.rollout_n: must be an integer, got 2.5',
      'sft.extra_langs: must be an integer in [0, 64], got 100',
    ]));
  });
});
