import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from './config';
import { parseVerlOverrides, toVerlOverrides } from './verl-overrides';
import { verlExportWarnings } from './verl-export-warnings';

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
      'actor_rollout_ref.actor.clip_ratio_high=0.2',
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
    c.sft.micro_batch_size = 4; // not a verl main_ppo option (verl's SFT trainer has its own): a studio line
    const text = toVerlOverrides(c);
    expect(text).toContain('# studio: sft.micro_batch_size=4\n');
    const back = parseVerlOverrides(text);
    expect(back.problems).toEqual([]);
    expect(back.ignored).toEqual([]);
    expect(back.config).toEqual(c);
  });

  it('writes model.path and the LoRA options under verl\'s names (target_modules as a Hydra list) and reads them back', () => {
    const c = defaultRunConfig();
    c.model.path = 'Qwen/Qwen2.5-0.5B-Instruct';
    c.model.lora_rank = 16;
    c.model.lora_alpha = 32;
    c.model.target_modules = 'q_proj,v_proj';
    c.data.instruction_mode = 'chat';
    const text = toVerlOverrides(c);
    expect(text).toContain('actor_rollout_ref.model.path=Qwen/Qwen2.5-0.5B-Instruct\n');
    expect(text).toContain('actor_rollout_ref.model.lora_rank=16\n');
    expect(text).toContain('actor_rollout_ref.model.lora_alpha=32\n');
    expect(text).toContain('actor_rollout_ref.model.target_modules=[q_proj,v_proj]\n');
    const back = parseVerlOverrides(text);
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

  it('counts train_batch_size in responses (questions x rollout.n) and ppo_mini_batch_size in questions', () => {
    const c = defaultRunConfig(); // 4 questions x 8 responses, mini-batch 4 questions
    const lines = toVerlOverrides(c).split('\n');
    expect(lines).toContain('data.train_batch_size=32');
    expect(lines).toContain('actor_rollout_ref.actor.ppo_mini_batch_size=4');
    // the reference's launch: 16 responses with n = 8 is 2 questions, whatever the order of the keys
    const a = parseVerlOverrides('data.train_batch_size=16\nactor_rollout_ref.rollout.n=8\nactor_rollout_ref.actor.ppo_mini_batch_size=2');
    expect(a.problems).toEqual([]);
    expect(a.config!.data.train_batch_size).toBe(2);
    expect(a.config!.actor.ppo_mini_batch_size).toBe(2);
    const b = parseVerlOverrides('actor_rollout_ref.rollout.n=4 data.train_batch_size=12 actor_rollout_ref.actor.ppo_mini_batch_size=3');
    expect(b.config!.data.train_batch_size).toBe(3);
    const bad = parseVerlOverrides('data.train_batch_size=10\nactor_rollout_ref.rollout.n=4', 'launch.sh');
    expect(bad.config).toBeNull();
    expect(bad.problems).toContainEqual({ file: 'launch.sh', row: 1, field: 'data.train_batch_size', reason: 'counts responses (questions x rollout.n): 10 is not a multiple of rollout.n 4' });
  });

  it('writes actor.ppo_micro_batch_size as verl\'s ppo_micro_batch_size_per_gpu (0: the mini-batch\'s responses, which verl requires) and reads it back', () => {
    const c = defaultRunConfig(); // mini-batch 4 questions x 8 responses, micro 0
    const lines = toVerlOverrides(c).split('\n');
    expect(lines).toContain('actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu=32');
    expect(lines).toContain('actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu=32');
    expect(lines).toContain('actor_rollout_ref.ref.log_prob_micro_batch_size_per_gpu=32');
    expect(lines.find((l) => l.startsWith('# ppo_micro_batch_size_per_gpu'))).toMatch(/= 32 responses per pass \(the studio's 0: the whole mini-batch\); with G GPUs it must divide .* 32 \/ G/);
    expect(parseVerlOverrides(lines.join('\n')).config!.actor.ppo_micro_batch_size).toBe(0);
    c.actor.ppo_micro_batch_size = 4;
    const text = toVerlOverrides(c);
    expect(text).toContain('actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu=4\n');
    expect(text).toContain('actor_rollout_ref.ref.log_prob_micro_batch_size_per_gpu=4\n');
    const back = parseVerlOverrides(text);
    expect(back.problems).toEqual([]);
    expect(back.ignored).toEqual([]);
    expect(back.config).toEqual(c);
    // a verl launch: micro batch 8 of 2 x 8 responses; a log-prob micro batch the studio would not use is listed as ignored
    const launch = parseVerlOverrides('actor_rollout_ref.rollout.n=8 actor_rollout_ref.actor.ppo_mini_batch_size=2 data.train_batch_size=16 actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu=8 actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu=20');
    expect(launch.problems).toEqual([]);
    expect(launch.config!.actor.ppo_micro_batch_size).toBe(8);
    expect(launch.ignored).toEqual(['actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu=20']);
    const bad = parseVerlOverrides('actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu=7', 'o.txt');
    expect(bad.config).toBeNull();
    expect(bad.problems).toContainEqual({ file: 'o.txt', field: 'actor.ppo_micro_batch_size', reason: expect.stringMatching(/must divide the mini-batch's responses, .* \(4 x 8 = 32\), or be 0/) });
  });

  it('round-trips every option verl has, with n other than 8 and batch sizes other than the default', () => {
    const c = defaultRunConfig();
    c.actor.rollout_n = 5;
    c.data.train_batch_size = 6;
    c.actor.ppo_mini_batch_size = 3;
    c.actor.clip_ratio_high = 0.28;
    c.actor.rollout_temperature = 0.7;
    c.router.lang_policy_group_norm_eps = 1e-3;
    c.router.lang_policy_log_every = 0;
    c.router.lang_policy_log_path = 'logs/router.jsonl';
    const text = toVerlOverrides(c);
    expect(text).toContain('data.train_batch_size=30\n');
    expect(text).toContain('+data.lang_policy_group_norm_eps=0.001\n');
    const back = parseVerlOverrides(text);
    expect(back.problems).toEqual([]);
    expect(back.config).toEqual(c);
  });

  it('warns in the header when verl would ignore a setting or the reference breaks on it', () => {
    const ok = defaultRunConfig();
    ok.reward.similarity = 'embedding';
    ok.reward.embedding_model_url = 'models/mmbert.onnx';
    expect(verlExportWarnings(ok)).toEqual([]);
    expect(toVerlOverrides(ok)).not.toContain('# WARNING');
    const c = defaultRunConfig(); // similarity 'match' by default
    c.actor.rollout_n = 4;
    c.router.algorithm = 'ucb';
    c.router.uniform_mix = true;
    c.router.regional_topics = ['Regional Knowledge', 'Culture'];
    c.router.fixed_lang_topics = [];
    const w = verlExportWarnings(c);
    expect(w.map((x) => x.field)).toEqual(['actor.rollout_n', 'router.algorithm', 'router.uniform_mix', 'router.regional_topics', 'router.fixed_lang_topics', 'reward.similarity']);
    const header = toVerlOverrides(c).split('\n').filter((l) => l.startsWith('# WARNING: '));
    expect(header).toHaveLength(6);
    expect(header[0]).toMatch(/^# WARNING: actor\.rollout_n: rollout\.n is 4, but the reference's grouped sampler hard-codes n = 8/);
    // the warnings are comments: the file still reads back to the same config
    expect(parseVerlOverrides(toVerlOverrides(c)).config).toEqual(c);
  });
});
