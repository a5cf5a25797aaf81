// One typed run configuration for the studio, the worker and the CLI. Router option names are the
// reference's (`lang_policy_*`, `dynamic_lang_policy`) and GRPO/actor names follow verl's, so a
// configuration moves to a verl launch (verl_overrides.txt) and back without renaming.
// Validation, URL (de)serialization and verl override export live beside this file.

import { ROUTER_LANGUAGES } from '../data/languages';

export type RouterAlgorithm = 'softmax_eps' | 'ucb' | 'thompson';
export type GroupNorm = 'none' | 'center' | 'zscore';

export interface RouterConfig {
  /** false = no routing: every rollout in the question's original language (monolingual GRPO) */
  dynamic_lang_policy: boolean;
  /** the reference's softmax/epsilon bandit, or our UCB / Thompson-sampling alternatives */
  algorithm: RouterAlgorithm;
  /** router arms, in order (the reference's 15 by default) */
  languages: string[];
  /** topics whose logits add the region row(s) (the reference hard-wires "Regional Knowledge") */
  regional_topics: string[];
  /** topics whose rollouts all stay in the original language (the reference: "Translation") */
  fixed_lang_topics: string[];
  lang_policy_alpha: number;
  lang_policy_update_every: number;
  lang_policy_temperature_init: number;
  lang_policy_temperature_min: number;
  lang_policy_temperature_decay: number;
  lang_policy_epsilon_init: number;
  lang_policy_epsilon_min: number;
  lang_policy_epsilon_decay: number;
  lang_policy_orig_lang_min: number;
  lang_policy_group_norm: GroupNorm;
  /** epsilon of the zscore normalization: (x - mean) / (std + eps) */
  lang_policy_group_norm_eps: number;
  /** log a line every N steps; 0 = no log */
  lang_policy_log_every: number;
  lang_policy_log_max_keys: number;
  /** where verl's LRPO trainer writes the router JSONL; the CLI also writes a copy there (empty = only DIR/router.jsonl) */
  lang_policy_log_path: string;
  /** UCB exploration coefficient (ours) */
  ucb_c: number;
  /** Thompson sampling: prior std of each arm's value and observation noise std (ours) */
  thompson_prior_std: number;
  thompson_noise_std: number;
  /** "fixed mix" baseline: when set, rollouts beyond the quota draw uniformly from `languages` (ours) */
  uniform_mix: boolean;
}

export type SimilarityBackend = 'match' | 'embedding';
export type CalibrationMode = 'none' | 'mean_shift' | 'quantile';

export interface RewardConfig {
  similarity: SimilarityBackend;
  /** embedding backend: the user's multilingual sentence-embedding ONNX model and its tokenizer.json */
  embedding_model_url: string;
  embedding_tokenizer_url: string;
  calibration: CalibrationMode;
  /** mean_shift: CSV (lang_a, lang_b, count, mean, std); quantile: JSON table; path or URL */
  calibration_table: string;
  /**
   * hard (the reference): reward 0 when detected != target; soft (the reference's variant): reward
   * weighed by the language ID's confidence in the target; penalty (ours): multiplied by
   * soft_gate_penalty when detected != target
   */
  gate: 'hard' | 'soft' | 'penalty';
  /** the `penalty` gate's factor for a response in the wrong language */
  soft_gate_penalty: number;
}

export interface ActorConfig {
  /** rollout.n: responses per question (one GRPO group) */
  rollout_n: number;
  rollout_temperature: number;
  rollout_top_k: number;
  rollout_top_p: number;
  norm_adv_by_std_in_grpo: boolean;
  clip_ratio_low: number;
  clip_ratio_high: number;
  /** dual-clip bound for negative advantages (verl's clip_ratio_c) */
  clip_ratio_c: number;
  use_kl_loss: boolean;
  kl_loss_coef: number;
  kl_loss_type: 'low_var_kl' | 'kl' | 'mse';
  loss_agg_mode: 'token-mean' | 'seq-mean-token-sum' | 'seq-mean-token-mean';
  /** questions per optimizer step (verl multiplies it by rollout.n) */
  ppo_mini_batch_size: number;
  /**
   * responses per forward/backward pass of the update (gradient accumulation; verl's
   * ppo_micro_batch_size_per_gpu); 0 = the whole mini-batch in one pass
   */
  ppo_micro_batch_size: number;
  ppo_epochs: number;
  grad_clip: number;
  lr: number;
  weight_decay: number;
  entropy_coeff: number;
}

export interface ModelConfig {
  /** GPT-2 checkpoint folder/URL to start from; empty = random init with the sizes below (ignored when `path` is set) */
  checkpoint: string;
  /**
   * a Hugging Face Llama-family model (Llama 3.x / SmolLM2, Qwen2 / Qwen2.5, Qwen3): a local folder
   * or a hub id `owner/name[@revision]`; empty = the GPT-2 model above. verl's actor_rollout_ref.model.path
   */
  path: string;
  /** LoRA rank (verl's actor_rollout_ref.model.lora_rank); 0 = no adapter (full fine-tuning) */
  lora_rank: number;
  /** LoRA alpha (scale alpha / rank), verl's lora_alpha */
  lora_alpha: number;
  /** "all-linear" or a comma-separated list of projections (q_proj,k_proj,v_proj,o_proj,gate_proj,up_proj,down_proj), verl's target_modules */
  target_modules: string;
  n_layer: number;
  n_head: number;
  n_embd: number;
  block_size: number;
}

export interface DataConfig {
  train_files: string;
  val_files: string;
  train_batch_size: number;
  max_prompt_length: number;
  max_response_length: number;
  /**
   * tag: question + "\n<|out_lang_xx|>"; system: an instruction in the target language before the
   * question; chat: the model's chat template, that instruction as the system message and the
   * question as the user message (instruct models without the tag SFT)
   */
  instruction_mode: 'tag' | 'system' | 'chat';
}

export interface SftConfig {
  steps: number;
  /** answers in the original language plus this many random other languages per question */
  extra_langs: number;
  /** peak learning rate (after warmup_steps of linear warm-up; then a cosine down to min_lr_ratio x lr) */
  lr: number;
  /** SFT items (sequences) per optimizer step */
  batch_size: number;
  /**
   * sequences per forward/backward pass of an SFT step, gradients accumulated to one optimizer step
   * per batch (verl's SFT trainer: data.micro_batch_size_per_gpu); 0 = the whole batch in one pass
   */
  micro_batch_size: number;
  warmup_steps: number;
  min_lr_ratio: number;
  weight_decay: number;
  /**
   * sentence: answers are taught inside a short sentence in the target language ("La respuesta es
   * Austria.", instructions.ts ANSWER_FRAME) so the reward's language ID can tell the language of a
   * one-word answer; short: the bare reference answer (ours; see ANSWER_FRAME for the measurement)
   */
  answer_style: 'sentence' | 'short';
}

export interface TrainerConfig {
  total_training_steps: number;
  /** autosave / checkpoint every N steps (0 = only at the end and on pause) */
  save_freq: number;
  test_freq: number;
  /** pause after this many consecutive skipped (non-finite) updates */
  max_consecutive_faults: number;
}

export interface RunConfig {
  seed: number;
  backend: 'cpu' | 'webgpu';
  data: DataConfig;
  model: ModelConfig;
  router: RouterConfig;
  reward: RewardConfig;
  actor: ActorConfig;
  sft: SftConfig;
  trainer: TrainerConfig;
}

export function defaultRouterConfig(): RouterConfig {
  return {
    dynamic_lang_policy: true,
    algorithm: 'softmax_eps',
    languages: [...ROUTER_LANGUAGES],
    regional_topics: ['Regional Knowledge'],
    fixed_lang_topics: ['Translation'],
    lang_policy_alpha: 0.1,
    lang_policy_update_every: 5,
    lang_policy_temperature_init: 1.0,
    lang_policy_temperature_min: 0.3,
    lang_policy_temperature_decay: 0.999,
    lang_policy_epsilon_init: 0.2,
    lang_policy_epsilon_min: 0,
    lang_policy_epsilon_decay: 0.995,
    lang_policy_orig_lang_min: 2,
    lang_policy_group_norm: 'zscore',
    lang_policy_group_norm_eps: 1e-6,
    lang_policy_log_every: 1,
    lang_policy_log_max_keys: 100,
    lang_policy_log_path: '',
    ucb_c: 1.0,
    thompson_prior_std: 1.0,
    thompson_noise_std: 0.5,
    uniform_mix: false,
  };
}

/** The reference's defaults where it has them; sizes small enough for a browser demo. */
export function defaultRunConfig(): RunConfig {
  return {
    seed: 1,
    backend: 'webgpu',
    data: {
      train_files: 'data/demo.parquet',
      val_files: 'data/demo-heldout.parquet',
      train_batch_size: 4,
      max_prompt_length: 80,
      max_response_length: 48,
      instruction_mode: 'tag',
    },
    model: {
      checkpoint: 'models/demo-sft', n_layer: 2, n_head: 4, n_embd: 128, block_size: 128,
      path: '', lora_rank: 0, lora_alpha: 16, target_modules: 'all-linear', // verl's defaults
    },
    router: defaultRouterConfig(),
    reward: {
      similarity: 'match',
      embedding_model_url: '',
      embedding_tokenizer_url: '',
      calibration: 'none',
      calibration_table: '',
      gate: 'hard',
      soft_gate_penalty: 0.5,
    },
    actor: {
      rollout_n: 8,
      rollout_temperature: 1.0,
      rollout_top_k: 0,
      rollout_top_p: 1.0,
      norm_adv_by_std_in_grpo: true,
      clip_ratio_low: 0.2,
      clip_ratio_high: 0.2, // the reference's and verl's default; 0.28 (DAPO's clip-higher) is the 'dapo' preset
      clip_ratio_c: 3.0,
      use_kl_loss: true,
      kl_loss_coef: 0.001,
      kl_loss_type: 'low_var_kl',
      loss_agg_mode: 'token-mean',
      ppo_mini_batch_size: 4,
      ppo_micro_batch_size: 0, // the whole mini-batch in one pass
      ppo_epochs: 1,
      grad_clip: 1.0,
      lr: 1e-4,
      weight_decay: 0.01,
      entropy_coeff: 0,
    },
    sft: { steps: 0, extra_langs: 2, lr: 3e-3, batch_size: 16, micro_batch_size: 0, warmup_steps: 50, min_lr_ratio: 0.1, weight_decay: 0.01, answer_style: 'sentence' },
    trainer: { total_training_steps: 200, save_freq: 10, test_freq: 0, max_consecutive_faults: 5 },
  };
}
