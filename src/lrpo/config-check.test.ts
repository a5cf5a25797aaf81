import { describe, expect, it } from 'vitest';
import { formatProblem } from '../data/example';
import { defaultRunConfig } from './config';
import { checkRunConfig, CONFIG_FIELDS, getField, resolveRunConfig } from './config-check';

describe('checkRunConfig', () => {
  it('accepts the defaults and has a rule for every leaf option of the default config', () => {
    const c = defaultRunConfig();
    expect(checkRunConfig(c)).toEqual([]);
    const leaves: string[] = [];
    const walk = (o: Record<string, unknown>, p: string) => {
      for (const [k, v] of Object.entries(o)) {
        const path = p ? `${p}.${k}` : k;
        if (v && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, path);
        else leaves.push(path);
      }
    };
    walk(c as unknown as Record<string, unknown>, '');
    expect([...leaves].sort()).toEqual([...CONFIG_FIELDS].sort());
  });

  it('names the field, the rule and the value', () => {
    const { problems } = resolveRunConfig({ router: { lang_policy_alpha: 3 } }, 'run.json');
    expect(problems.map(formatProblem)).toEqual(['run.json, field router.lang_policy_alpha: must be in (0, 1], got 3']);
  });

  it('reports unknown options, wrong types and cross-field problems', () => {
    const { config, problems } = resolveRunConfig({
      router: { lang_policy_alhpa: 0.1, languages: ['en', 'xx'], lang_policy_orig_lang_min: 9 },
      actor: { rollout_n: 'eight', kl_loss_type: 'k9' },
      data: 5,
    });
    expect(config).toBeNull();
    const fields = problems.map((p) => `${p.field}: ${p.reason}`);
    expect(fields).toContain('router.lang_policy_alhpa: is not a run config option');
    expect(fields).toContain('data: must be an object, got 5');
    expect(fields).toContain('actor.rollout_n: must be an integer, got "eight"');
    expect(fields).toContain('actor.kl_loss_type: must be one of low_var_kl, kl, mse, got "k9"');
  });

  it('checks across fields once each field is valid', () => {
    const cross = { router: { lang_policy_orig_lang_min: 9 }, model: { n_embd: 30, n_head: 4 }, data: { max_prompt_length: 100, max_response_length: 40 } };
    expect(resolveRunConfig(cross).problems.map((p) => p.field)).toEqual(['router.lang_policy_orig_lang_min', 'model.n_embd', 'data.max_response_length']);
    // a bad value of one option (an unknown language code) is named first; the rules across options wait for it
    const { problems } = resolveRunConfig({ ...cross, router: { ...cross.router, languages: ['en', 'xx'] } });
    expect(problems.map((p) => p.field)).toEqual(['router.languages[1]']);
  });

  it('merges a partial config over the defaults', () => {
    const { config, problems } = resolveRunConfig({ seed: 9, actor: { rollout_n: 4 } });
    expect(problems).toEqual([]);
    expect(config!.seed).toBe(9);
    expect(config!.actor.rollout_n).toBe(4);
    expect(getField(config, 'actor.clip_ratio_high')).toBe(0.2);
    expect(resolveRunConfig([1]).problems[0].reason).toMatch(/JSON object/);
  });

  it('actor.ppo_micro_batch_size: an integer >= 0 (0 = the whole mini-batch) dividing ppo_mini_batch_size x rollout_n', () => {
    expect(defaultRunConfig().actor.ppo_micro_batch_size).toBe(0);
    const read = (actor: Record<string, unknown>) => resolveRunConfig({ actor }, 'run.json');
    for (const v of [0, 1, 2, 4, 8, 16, 32]) expect(read({ ppo_micro_batch_size: v }).problems, `${v}`).toEqual([]); // 4 x 8 = 32 responses
    expect(read({ ppo_micro_batch_size: -1 }).problems.map(formatProblem)).toEqual(['run.json, field actor.ppo_micro_batch_size: must be an integer in [0, ∞], got -1']);
    expect(read({ ppo_micro_batch_size: 2.5 }).problems.map(formatProblem)).toEqual(['run.json, field actor.ppo_micro_batch_size: must be an integer, got 2.5']);
    for (const v of [3, 5, 64]) {
      expect(read({ ppo_micro_batch_size: v }).problems.map(formatProblem)).toEqual([
        `run.json, field actor.ppo_micro_batch_size: must divide the mini-batch's responses, actor.ppo_mini_batch_size x actor.rollout_n (4 x 8 = 32), or be 0 (the whole mini-batch), got ${v}`,
      ]);
    }
    // the rule follows the mini-batch and rollout_n: 3 divides 1 x 6
    expect(read({ ppo_micro_batch_size: 3, ppo_mini_batch_size: 1, rollout_n: 6 }).problems).toEqual([]);
    expect(read({ ppo_micro_batch_size: 4, ppo_mini_batch_size: 1, rollout_n: 6 }).problems.map((p) => p.field)).toEqual(['actor.ppo_micro_batch_size']);
  });

  it('sft.micro_batch_size: an integer >= 0 (0 = the whole batch) dividing sft.batch_size', () => {
    expect(defaultRunConfig().sft.micro_batch_size).toBe(0);
    expect(defaultRunConfig().sft.batch_size).toBe(16);
    const read = (sft: Record<string, unknown>) => resolveRunConfig({ sft }, 'run.json');
    for (const v of [0, 1, 2, 4, 8, 16]) expect(read({ micro_batch_size: v }).problems, `${v}`).toEqual([]);
    expect(read({ micro_batch_size: -1 }).problems.map(formatProblem)).toEqual(['run.json, field sft.micro_batch_size: must be an integer in [0, ∞], got -1']);
    expect(read({ micro_batch_size: 1.5 }).problems.map(formatProblem)).toEqual(['run.json, field sft.micro_batch_size: must be an integer, got 1.5']);
    for (const v of [3, 5, 32]) {
      expect(read({ micro_batch_size: v }).problems.map(formatProblem)).toEqual([
        `run.json, field sft.micro_batch_size: must divide sft.batch_size (16), or be 0 (the whole batch), got ${v}`,
      ]);
    }
    // the rule follows sft.batch_size: 3 divides 6, 4 does not
    expect(read({ micro_batch_size: 3, batch_size: 6 }).problems).toEqual([]);
    expect(read({ micro_batch_size: 4, batch_size: 6 }).problems.map((p) => p.field)).toEqual(['sft.micro_batch_size']);
  });
});
