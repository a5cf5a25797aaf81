// One LRPO run, the same for the studio's worker and the CLI: given a run config and its inputs
// (where the policy comes from and the backend, training and validation questions, the reward) it
// builds the policy, its tokenizer and the frozen reference (policy-source.ts), checks everything
// up front (checks.ts), runs the
// warm-start SFT when sft.steps > 0 (sft-loop.ts), then LRPO steps (trainer.ts) with validation
// every trainer.test_freq steps (validation.ts), says when a save is due, and captures and restores
// its whole state (save.ts). The run owns its state: drivers call next(), capture(), restore() and
// injectFault() and read what they need; nothing outside assigns its fields. Where bytes come from
// and where events go is the driver's business.

import type { Example, Problem } from '../../data/example';
import { formatProblem } from '../../data/example';
import type { Model as EngineModel, ModelConfigBase, NamedTensor } from '../../engine/model-api';
/** any family's model (GPT-2 or Llama-family): LRPO needs only the Model API */
type Model = EngineModel<ModelConfigBase>;
import { buildPolicy, type BuiltPolicy, type PolicyBackend, type PolicySource } from './policy-source';
import type { RunConfig } from '../config';
import { createRouter } from '../router/create-router';
import type { Router, RouterSnapshot } from '../router/types';
import { SftLoop, type SftRecipe } from '../sft-loop';
import type { SftTokenizer } from '../sft';
import { Trainer, routingOf, type RolloutScorer } from '../trainer';
import { checkRunInputs } from './checks';
import type { RunEvent } from './events';
import type { RunPhase, RunSave } from './save';
import { validate } from './validation';
import { routerSeed, sftSeed } from '../run-seeds';

export interface RunInputs {
  config: RunConfig;
  /** where the policy comes from (policy-source.ts): the run builds it, its tokenizer and the frozen reference */
  policy: PolicySource;
  /** the CPU, or the WebGPU device the driver acquired (it stays the driver's) */
  backend: PolicyBackend;
  train: readonly Example[];
  /** validation questions (data.val_files); may be empty when trainer.test_freq is 0 */
  val: readonly Example[];
  score: RolloutScorer;
  /** the reward's similarity backend in use */
  similarity: 'match' | 'embedding';
}

/** A run that cannot start: every problem, each with its field. */
export class RunRefused extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

function sftRecipe(c: RunConfig): SftRecipe {
  return {
    steps: c.sft.steps, batchSize: c.sft.batch_size, microBatchSize: c.sft.micro_batch_size, lr: c.sft.lr, warmupSteps: c.sft.warmup_steps,
    minLrRatio: c.sft.min_lr_ratio, weightDecay: c.sft.weight_decay, gradClip: c.actor.grad_clip,
  };
}

/** Whether two configs describe the same run (a resume may extend the steps or move to another backend). */
function sameRunConfig(a: RunConfig, b: RunConfig): boolean {
  const key = (c: RunConfig) => JSON.stringify({ ...c, backend: null, trainer: { ...c.trainer, total_training_steps: null } });
  return key(a) === key(b);
}

export class Run {
  readonly config: RunConfig;
  /** the policy the run built (its model, tokenizer and, for a Llama-family model, the folder's parts) */
  readonly policy: BuiltPolicy;
  readonly model: Model;
  readonly tokenizer: SftTokenizer;
  /** the training questions the run uses (questions without a tag left out) */
  readonly train: readonly Example[];
  /** questions left out before the run started, reported */
  readonly skipped: readonly Problem[];
  private readonly val: readonly Example[];
  private readonly score: RolloutScorer;
  private readonly makeReference: BuiltPolicy['makeReference'];
  private readonly lora: BuiltPolicy['lora'];
  private readonly router: Router;
  private readonly sft: SftLoop | null;
  private trainer: Trainer | null = null;
  private referenceModel: Model | null = null;
  private faultPending = false;

  private constructor(i: RunInputs, policy: BuiltPolicy, train: Example[], skipped: Problem[]) {
    const c = i.config;
    this.config = structuredClone(c);
    this.policy = policy;
    this.model = policy.model;
    this.tokenizer = policy.tokenizer;
    this.train = train;
    this.skipped = skipped;
    this.val = i.val;
    this.score = i.score;
    this.makeReference = policy.makeReference;
    this.lora = policy.lora;
    this.router = createRouter(c.router, routerSeed(c.seed));
    this.sft = c.sft.steps > 0
      ? new SftLoop(policy.model, policy.tokenizer, train, {
        extraLangs: c.sft.extra_langs, languages: c.router.languages, mode: c.data.instruction_mode,
        maxPromptLength: c.data.max_prompt_length, maxResponseLength: c.data.max_response_length, answerStyle: c.sft.answer_style,
      }, sftRecipe(c), sftSeed(c.seed))
      : null;
  }

  /**
   * Builds the policy, checks the inputs and builds the run (the LRPO trainer at once when there is
   * no SFT); throws RunRefused with every problem, or the policy's error. On failure nothing is kept.
   */
  static async create(i: RunInputs): Promise<Run> {
    const policy = await buildPolicy(i.config, i.policy, i.backend);
    try {
      const check = checkRunInputs({
        config: i.config, tokenizer: policy.tokenizer, blockSize: policy.model.config.blockSize, source: policy.source,
        train: i.train, val: i.val, similarity: i.similarity,
      });
      if (check.problems.length) throw new RunRefused(check.problems);
      const run = new Run(i, policy, check.train, check.skipped);
      if (!run.sft) await run.startLrpo();
      return run;
    } catch (e) {
      policy.model.destroy();
      throw e;
    }
  }

  get phase(): RunPhase {
    return this.sft && !this.sft.finished ? 'sft' : 'lrpo';
  }

  /** LRPO steps done */
  get step(): number {
    return this.trainer?.step ?? 0;
  }

  /** SFT steps done */
  get sftStep(): number {
    return this.sft?.step ?? 0;
  }

  /** true when every SFT and LRPO step of the config is done */
  get finished(): boolean {
    return this.phase === 'lrpo' && this.step >= this.config.trainer.total_training_steps;
  }

  /** the frozen reference policy (actor.use_kl_loss; null before LRPO starts or without KL) */
  get reference(): Model | null {
    return this.referenceModel;
  }

  /** the router's state (null while SFT runs) */
  routerState() {
    return this.trainer ? this.trainer.getState().router : null;
  }

  /** what the router has learnt, for display (null while SFT runs or when the config routes without the router) */
  routerSnapshot(): RouterSnapshot | null {
    return this.trainer && routingOf(this.config) === 'router' ? this.router.snapshot() : null;
  }

  /** The next update's gradient is made non-finite (the fault drill); during SFT, the first LRPO update's. */
  injectFault(): void {
    if (this.trainer) this.trainer.injectFault();
    else this.faultPending = true;
  }

  /** The frozen reference (from the weights LRPO starts from) and the trainer. */
  private async startLrpo(reference?: Map<string, NamedTensor> | null): Promise<void> {
    const c = this.config;
    if (c.actor.use_kl_loss && this.lora) this.referenceModel = this.lora.reference;
    else if (c.actor.use_kl_loss) {
      const params = reference ?? (await this.model.exportParams());
      if (this.referenceModel) await this.referenceModel.importParams(params);
      else this.referenceModel = await this.makeReference(params);
    }
    this.trainer = new Trainer({
      config: c, model: this.model, reference: this.referenceModel, tokenizer: this.tokenizer, router: this.router, score: this.score, train: this.train,
    });
    if (this.faultPending) {
      this.trainer.injectFault();
      this.faultPending = false;
    }
  }

  /** One unit of work (an SFT update, or an LRPO step with its validation) and its events. */
  async next(): Promise<RunEvent[]> {
    const c = this.config;
    if (this.phase === 'sft') {
      const progress = await this.sft!.next();
      const events: RunEvent[] = [{ type: 'sft', progress }];
      if (this.sft!.finished) {
        await this.startLrpo();
        events.push({ type: 'save', step: 0, reason: 'sft-done' });
      }
      return events;
    }
    if (this.finished) throw new Error(`the run has finished: ${c.trainer.total_training_steps} steps (trainer.total_training_steps)`);
    const report = await this.trainer!.trainStep();
    const events: RunEvent[] = [];
    if (c.trainer.test_freq > 0 && report.step % c.trainer.test_freq === 0 && this.val.length) {
      const result = await validate(this.model, this.tokenizer, this.val, this.score, c);
      Object.assign(report.metrics, result.metrics);
      events.push({ type: 'validation', step: report.step, result });
    }
    events.unshift({ type: 'step', report });
    if (report.skipped) {
      events.push({
        type: 'fault', step: report.step, message: `update skipped (weights kept): ${report.faults.join('; ') || 'non-finite loss or gradient'}`,
        consecutive: report.metrics['faults/consecutive'] ?? 1, halted: report.halted,
      });
    }
    if (report.step >= c.trainer.total_training_steps) events.push({ type: 'save', step: report.step, reason: 'finished' });
    else if (c.trainer.save_freq > 0 && report.step % c.trainer.save_freq === 0) events.push({ type: 'save', step: report.step, reason: 'save_freq' });
    return events;
  }

  /** The whole state now; `logs` is the driver's record of how far its logs had been written. */
  async capture(logs: Record<string, number> = {}): Promise<RunSave> {
    return {
      version: 2,
      step: this.step,
      config: structuredClone(this.config),
      phase: this.phase,
      sft: this.sft ? this.sft.getState() : null,
      trainer: this.trainer ? this.trainer.getState() : null,
      policy: this.lora ? await this.lora.trainable() : await this.model.exportParams(),
      optimizer: await this.model.exportOptimizerState(),
      reference: this.referenceModel && !this.lora ? await this.referenceModel.exportParams() : null,
      logs: { ...logs },
    };
  }

  /** Restores a save of a run with the same config and inputs (the driver builds the run from save.config first). */
  async restore(save: RunSave): Promise<void> {
    if (!sameRunConfig(save.config, this.config)) {
      throw new Error('the save belongs to a run with another configuration (build the run from the save\'s config)');
    }
    await this.model.importParams(save.policy);
    await this.model.importOptimizerState(save.optimizer);
    if (this.sft) {
      if (save.sft) this.sft.setState(save.sft);
      else if (save.phase === 'lrpo') this.sft.setState({ step: this.config.sft.steps, epochStart: null, cursor: 0, rng: this.sft.getState().rng });
    }
    if (save.phase === 'sft') {
      this.trainer = null;
      return;
    }
    if (!save.trainer) throw new Error('the save is in the LRPO phase but holds no trainer state');
    if (this.config.actor.use_kl_loss && !save.reference && !this.lora) throw new Error('the save holds no reference policy (actor.use_kl_loss)');
    await this.startLrpo(save.reference);
    this.trainer!.setState(save.trainer);
  }

  /** Frees the reference policy, then the policy (a WebGPU device stays the driver's). */
  dispose(): void {
    if (!this.lora) this.referenceModel?.destroy();
    this.referenceModel = null;
    this.model.destroy();
  }
}
