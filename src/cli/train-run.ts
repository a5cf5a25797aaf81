// `lrpo-studio train` as a driver of the run module (src/lrpo/run): where the bytes come from (the
// config's files, resolved against its folder), where the events go (stderr, the run folder's logs,
// atomic saves), and SIGINT (save after the step in flight and stop). SFT, validation, the checks
// and the state all live in the run.

import { readFileSync } from 'node:fs';
import { formatProblem, type Example } from '../data/example';
import type { RunConfig } from '../lrpo/config';
import { encodeRunSave, type RunSave } from '../lrpo/run/save';
import { Run, RunRefused } from '../lrpo/run/run';
import type { RunEvent } from '../lrpo/run/events';
import { metricsLine, sftLine } from '../lrpo/run/log-lines';
import type { StepReport } from '../lrpo/trainer';
import { createRolloutScorer } from '../lrpo/trainer-scorer';
import { toVerlOverrides } from '../lrpo/verl-overrides';
import { RunFolder, writeFileAtomic } from './run-folder';
import { InputError, loadExamples, pathResolver } from './train-inputs';
import { createPolicy, loadPolicy, writeCheckpoint, type LoadedPolicy } from './train-model';
import { loadFamilyPolicy, writeFamilyExports } from './train-family';
import type { FamilyPolicy } from '../lrpo/family/family-policy';
import type { SftTokenizer } from '../lrpo/sft';
import type { Model, ModelConfigBase, NamedTensor } from '../engine/model-api';
import { createFamilyModel } from '../engine/llama/create-family-model';

import { planRunMemory } from '../lrpo/family/run-memory-plan';
import { formatBytes } from '../engine/memory-plan';
import { weightsDtype } from '../engine/hf/weights';

type AnyModel = Model<ModelConfigBase>;
import { matchCoverage, matchCoverageMessage } from '../lrpo/rewards/match-coverage';

export interface RunOptions {
  config: RunConfig;
  folder: RunFolder;
  save: RunSave | null;
  configDir: string;
  quiet: boolean;
  /** a PEFT adapter folder the LoRA starts from (Llama-family models) */
  adapter?: string;
}

const fmt = (x: number | undefined, d = 3) => (x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(d));

export function progressLine(r: StepReport, total: number): string {
  const m = r.metrics;
  const parts = [
    `step ${r.step}/${total}`,
    `score ${fmt(m['critic/score/mean'])}`,
    `lang-match ${fmt(m['studio/lang_match/mean'], 2)}`,
    `pg_loss ${fmt(m['actor/pg_loss'], 4)}`,
    `kl ${fmt(m['actor/kl_loss'], 5)}`,
    `grad ${fmt(m['actor/grad_norm'], 3)}`,
  ];
  if (m['router/tau'] !== undefined) parts.push(`tau ${fmt(m['router/tau'])} eps ${fmt(m['router/eps'])}`);
  parts.push(`${fmt(m['timing_s/step'], 1)}s`);
  if (r.skipped) parts.push(`SKIPPED (${r.faults.join('; ')})`);
  return parts.join('  ');
}

/** The run built from the config's files, or InputError with every problem. */
/** The run's policy: a GPT-2 checkpoint / init, or a Hugging Face Llama-family model (model.path). */
export interface CliPolicy {
  model: AnyModel;
  tokenizer: SftTokenizer;
  source: string;
  gpt2: LoadedPolicy | null;
  family: FamilyPolicy | null;
}

async function openCliPolicy(c: RunConfig, resolve: (p: string) => string, adapterDir?: string): Promise<CliPolicy> {
  if (c.model.path) {
    const family = await loadFamilyPolicy(c, resolve, adapterDir);
    return { model: family.model, tokenizer: family.tokenizer, source: family.source, gpt2: null, family };
  }
  if (adapterDir) throw new InputError([{ field: 'model.path', reason: '--adapter needs a Llama-family model (model.path); GPT-2 runs have no LoRA' }]);
  const gpt2 = await loadPolicy(c, resolve);
  return { model: gpt2.model, tokenizer: gpt2.tokenizer, source: gpt2.source, gpt2, family: null };
}

function describePolicy(p: CliPolicy): string {
  if (p.gpt2) return `${p.gpt2.gpt.nLayer} layers, ${p.gpt2.gpt.nEmbd} wide`;
  const f = p.family!;
  const lora = f.spec ? `LoRA r ${f.spec.r} alpha ${f.spec.alpha} on ${f.spec.targets.join(',')}` : 'full fine-tuning';
  return `${f.hf.config.architecture}, ${f.hf.config.nLayer} layers, ${f.hf.config.hiddenSize} wide, ${lora}`;
}

/** The frozen KL reference's maker: a GPT-2 copy, or (full fine-tuning of a Llama-family model) a CPU copy of the base. */
function referenceMaker(p: CliPolicy, c: RunConfig): (params: Map<string, NamedTensor>) => Promise<AnyModel> {
  if (p.gpt2) return (params) => createPolicy(p.gpt2!.gpt, c.backend, params);
  const f = p.family!;
  return async (params) => {
    const m = await createFamilyModel(c.backend, { config: f.hf.config, weights: f.hf.weights });
    await m.importParams(params);
    return m;
  };
}

async function buildCliRun(c: RunConfig, configDir: string, say: (s: string) => void, adapterDir?: string): Promise<{ run: Run<AnyModel>; policy: CliPolicy; val: Example[] }> {
  const resolve = pathResolver(configDir);
  const data = await loadExamples(c.data.train_files, resolve, 'data.train_files');
  if (data.problems.length) {
    say(`data: ${data.problems.length} row(s) cannot be used and are skipped:`);
    for (const p of data.problems.slice(0, 10)) say(`  ${formatProblem(p)}`);
    if (data.problems.length > 10) say(`  ... and ${data.problems.length - 10} more`);
  }
  let val: Example[] = [];
  if (c.trainer.test_freq > 0 && c.data.val_files) {
    const v = await loadExamples(c.data.val_files, resolve, 'data.val_files');
    val = v.examples;
    if (v.problems.length) say(`validation data: ${v.problems.length} row(s) cannot be used and are skipped (first: ${formatProblem(v.problems[0])})`);
  }
  const policy = await openCliPolicy(c, resolve, adapterDir);
  const scorer = await createRolloutScorer(c.reward, {
    readText: async (p) => readFileSync(resolve(p), 'utf8'),
    readBytes: async (p) => new Uint8Array(readFileSync(resolve(p))),
  });
  for (const p of scorer.problems) say(`reward: ${formatProblem(p)}`);
  try {
    const run = await Run.create({
      config: c, policy: policy.model, tokenizer: policy.tokenizer, source: policy.source, train: data.examples, val,
      score: scorer.score, similarity: c.reward.similarity, makeReference: referenceMaker(policy, c),
      ...(policy.family?.lora ? { lora: policy.family.lora } : {}),
    });
    if (run.skipped.length) {
      const langs = [...new Set(run.skipped.map((p) => /"([^"]+)"/.exec(p.reason)?.[1]))].join(', ');
      say(`data: ${run.skipped.length} question(s) in ${langs} have no language tag in ${policy.source} and are skipped (first: ${formatProblem(run.skipped[0])})`);
    }
    const coverage = matchCoverageMessage(matchCoverage(run.train, c));
    if (coverage) process.stderr.write(`warning: ${coverage}\n`); // even with --quiet: it changes what the rewards mean
    say(`train: ${run.train.length} questions, model ${policy.source} (${describePolicy(policy)}), backend ${c.backend}`);
    if (policy.family) {
      const unlimited = { maxBufferSize: Infinity, maxStorageBufferBindingSize: Infinity, budgetBytes: Infinity };
      const plan = planRunMemory(c, policy.family.hf.config, c.backend === 'webgpu' ? weightsDtype(policy.family.hf.weights) : 'F32', unlimited, policy.family.tags);
      say(`memory plan: ${plan.parts.map((p) => `${p.name} ${formatBytes(p.bytes)}`).join(', ')}; total ${formatBytes(plan.total)}`);
    }
    return { run, policy, val };
  } catch (e) {
    policy.model.destroy();
    if (e instanceof RunRefused) throw new InputError(e.problems);
    throw e;
  }
}

export async function runTraining(o: RunOptions): Promise<number> {
  const c = o.config;
  const { folder } = o;
  const say = (s: string) => void (o.quiet || process.stderr.write(s + '\n'));
  const resolve = pathResolver(o.configDir);
  const { run, policy, val } = await buildCliRun(c, o.configDir, say, o.adapter);

  writeFileAtomic(folder.file('config.json'), JSON.stringify(c, null, 2) + '\n');
  writeFileAtomic(folder.file('verl_overrides.txt'), toVerlOverrides(c));
  if (o.save) {
    await run.restore(o.save);
    folder.truncateLogs(o.save.logs);
    say(`resumed at ${o.save.phase === 'sft' ? `SFT step ${run.sftStep}` : `step ${o.save.step}`} from ${folder.dir}`);
  } else folder.resetLogs();

  const save = async () => {
    const s = await run.capture(folder.logSizes());
    folder.writeSave(s.step, encodeRunSave(s));
    const router = run.routerState();
    if (router) writeFileAtomic(folder.file('router_state.json'), JSON.stringify(router) + '\n');
    // the reference's lang_policy_log_path, when set: a copy of router.jsonl as of this save
    if (c.router.lang_policy_log_path) writeFileAtomic(resolve(c.router.lang_policy_log_path), readFileSync(folder.file('router.jsonl')));
  };
  if (!o.save) await save();

  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    say('interrupt: saving after this step ...');
  };
  process.once('SIGINT', onSigint);
  const total = c.trainer.total_training_steps;
  let code = 0;
  const handle = async (e: RunEvent): Promise<void> => {
    switch (e.type) {
      case 'sft':
        folder.append('sft_metrics.jsonl', [sftLine(e.progress)]);
        if (e.progress.step % 10 === 0 || e.progress.step === e.progress.total) {
          say(`sft ${e.progress.step}/${e.progress.total}  loss ${fmt(e.progress.loss, 4)}  grad ${fmt(e.progress.gradNorm)}  lr ${e.progress.lr.toExponential(2)}`);
        }
        return;
      case 'step':
        folder.append('metrics.jsonl', [metricsLine(e.report)]);
        if (e.report.routerLog) folder.append('router.jsonl', [e.report.routerLog]);
        folder.append('rollouts.jsonl', e.report.rollouts);
        say(progressLine(e.report, total));
        return;
      case 'validation': {
        const parts = Object.entries(e.result.bySource).map(([ds, s]) => `${ds}: reward ${fmt(s.reward)}  exact ${fmt(s.exact)}  (${s.n} questions)`);
        say(`validation at step ${e.step}: ${parts.join('; ')}`);
        return;
      }
      case 'fault':
        if (e.halted) {
          say(`run paused: ${e.halted}`);
          code = 3;
        }
        return;
      case 'save':
        if (e.reason !== 'finished') await save(); // the end is saved below in any case
        return;
    }
  };
  try {
    while (!run.finished && !interrupted && code === 0) {
      for (const e of await run.next()) await handle(e);
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  await save();
  if (policy.gpt2) await writeCheckpoint(folder.file('checkpoint'), policy.gpt2.model, policy.gpt2.tokenizer);
  else say(`wrote ${(await writeFamilyExports(folder.dir, policy.family!, c, run.train, val)).join(', ')} in ${folder.dir}`);
  say(`${interrupted ? 'stopped' : code ? 'paused' : 'done'} at step ${run.step}: ${folder.dir}`);
  run.dispose();
  run.model.destroy();
  return interrupted ? 130 : code;
}
