import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from './config';
import { parseVerlOverrides, toVerlOverrides } from './verl-overrides';

describe('verl overrides', () => {
  it('writes verl key paths and the reference router options', () => {
    const text = toVerlOverrides(defaultRunConfig());
    const lines = text.split('\n');
    for (const want of [
      'algorithm.adv_estimator=grpo',
      '+data.dynamic_lang_policy=true',
      '+data.lang_policy_alpha=0.1',
      '+data.lang_policy_update_every=5',
      '+data.lang_policy_group_norm=zscore',
      '+data.lang_policy_orig_lang_min=2',
      'actor_rollout_ref.rollout.n=8',
      'actor_rollout_ref.actor.clip_ratio_low=0.2',
      'actor_rollout_ref.actor.clip_ratio_high=0.28',
      'actor_rollout_ref.actor.use_kl_loss=true',
      'actor_rollout_ref.actor.kl_loss_coef=0.001',
      'actor_rollout_ref.actor.kl_loss_type=low_var_kl',
      'actor_rollout_ref.actor.loss_agg_mode=token-mean',
      'actor_rollout_ref.actor.optim.lr=0.0001',
      'algorithm.norm_adv_by_std_in_grpo=true',
      'actor_rollout_ref.rollout.top_k=-1',
      'trainer.total_training_steps=200',
    ]) expect(lines).toContain(want);
  });

  it('round-trips every setting, studio-only ones included', () => {
    const c = defaultRunConfig();
    c.seed = 77;
    c.router.lang_policy_alpha = 0.35;
    c.router.languages = ['en', 'zh', 'hi'];
    c.router.algorithm = 'ucb';
    c.actor.norm_adv_by_std_in_grpo = false;
    c.actor.rollout_top_k = 5;
    c.trainer.save_freq = 0;
    c.model.checkpoint = 'my models/x';
    c.data.instruction_mode = 'system';
    const back = parseVerlOverrides(toVerlOverrides(c));
    expect(back.problems).toEqual([]);
    expect(back.ignored).toEqual([]);
    expect(back.config).toEqual(c);
  });

  it('reads a pasted launch command and lists verl-only overrides as ignored', () => {
    const cmd = [
      'python3 -m verl.trainer.main_ppo \\',
      '  algorithm.adv_estimator=grpo \\',
      '  actor_rollout_ref.rollout.n=4 \\',
      "  +data.lang_policy_alpha=0.2 +data.lang_policy_group_norm='center' \\",
      '  trainer.n_gpus_per_node=8',
    ].join('\n');
    const r = parseVerlOverrides(cmd, 'launch.sh');
    expect(r.problems).toEqual([]);
    expect(r.config!.actor.rollout_n).toBe(4);
    expect(r.config!.router.lang_policy_alpha).toBe(0.2);
    expect(r.config!.router.lang_policy_group_norm).toBe('center');
    expect(r.ignored).toEqual(['trainer.n_gpus_per_node=8']);
  });

  it('reports bad values with line and key', () => {
    const r = parseVerlOverrides('actor_rollout_ref.rollout.n=lots\n+data.lang_policy_alpha=3\nalgorithm.adv_estimator=gae', 'o.txt');
    expect(r.config).toBeNull();
    expect(r.problems).toContainEqual({ file: 'o.txt', row: 1, field: 'actor_rollout_ref.rollout.n', reason: 'must be a number, got "lots"' });
    expect(r.problems).toContainEqual({ file: 'o.txt', row: 3, field: 'algorithm.adv_estimator', reason: 'LRPO Studio trains with GRPO only, got "gae"' });
    expect(r.problems).toContainEqual({ file: 'o.txt', field: 'router.lang_policy_alpha', reason: 'must be in (0, 1], got 3' });
  });
});
