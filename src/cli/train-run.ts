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
import { cliBackend, cliPolicySource, releaseBackend, writeCheckpoint } from './train-model';
import { writeFamilyExports } from './train-family';
import type { BuiltPolicy, PolicyBackend } from '../lrpo/run/policy-source';

import { passSummary, planRunMemory } from '../lrpo/family/run-memory-plan';
import { formatBytes } from '../engine/memory-plan';
import { weightsDtype } from '../engine/hf/weights';
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

function describePolicy(p: BuiltPolicy): string {
  if (p.gpt2) return `${p.gpt2.model.config.nLayer} layers, ${p.gpt2.model.config.nEmbd} wide`;
  const f = p.family!;
  const lora = f.spec ? `LoRA r ${f.spec.r} alpha ${f.spec.alpha} on ${f.spec.targets.join(',')}` : 'full fine-tuning';
  return `${f.hf.config.architecture}, ${f.hf.config.nLayer} layers, ${f.hf.config.hiddenSize} wide, ${lora}`;
}

/** The run built from the config's files on `backend`, or InputError with every problem. */
export async function buildCliRun(c: RunConfig, configDir: string, backend: PolicyBackend, say: (s: string) => void, adapterDir?: string): Promise<{ run: Run; val: Example[] }> {
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
  const policy = cliPolicySource(c, resolve, adapterDir);
  const scorer = await createRolloutScorer(c.reward, {
    readText: async (p) => readFileSync(resolve(p), 'utf8'),
    readBytes: async (p) => new Uint8Array(readFileSync(resolve(p))),
  });
  for (const p of scorer.problems) say(`reward: ${formatProblem(p)}`);
  let run: Run;
  try {
    run = await Run.create({ config: c, policy, backend, train: data.examples, val, score: scorer.score, similarity: c.reward.similarity });
  } catch (e) {
    if (e instanceof RunRefused) throw new InputError(e.problems);
    // a Llama-family folder that cannot be opened is a problem of model.path
    if (policy.kind === 'family') throw new InputError([{ field: 'model.path', reason: (e as Error).message }]);
    throw e;
  }
  const p = run.policy;
  if (run.skipped.length) {
    const langs = [...new Set(run.skipped.map((q) => /"([^"]+)"/.exec(q.reason)?.[1]))].join(', ');
    say(`data: ${run.skipped.length} question(s) in ${langs} have no language tag in ${p.source} and are skipped (first: ${formatProblem(run.skipped[0])})`);
  }
  const coverage = matchCoverageMessage(matchCoverage(run.train, c));
  if (coverage) process.stderr.write(`warning: ${coverage}\n`); // even with --quiet: it changes what the rewards mean
  say(`train: ${run.train.length} questions, model ${p.source} (${describePolicy(p)}), backend ${c.backend}`);
  if (p.family) {
    const unlimited = { maxBufferSize: Infinity, maxStorageBufferBindingSize: Infinity, budgetBytes: Infinity };
    const plan = planRunMemory(c, p.family.hf.config, c.backend === 'webgpu' ? weightsDtype(p.family.hf.weights) : 'F32', unlimited, p.family.tags);
    say(`memory plan (${passSummary(plan, c)}): ${plan.parts.map((x) => `${x.name} ${formatBytes(x.bytes)}`).join(', ')}; total ${formatBytes(plan.total)}`);
  }
  return { run, val };
}

export async function runTraining(o: RunOptions): Promise<number> {
  const c = o.config;
  const { folder } = o;
  const say = (s: string) => void (o.quiet || process.stderr.write(s + '\n'));
  const resolve = pathResolver(o.configDir);
  const backend = await cliBackend(c.backend);
  let built;
  try {
    built = await buildCliRun(c, o.configDir, backend, say, o.adapter);
  } catch (e) {
    releaseBackend(backend);
    throw e;
  }
  const { run, val } = built;

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
  const p = run.policy;
  if (p.gpt2) await writeCheckpoint(folder.file('checkpoint'), p.gpt2.model, p.gpt2.tokenizer);
  else say(`wrote ${(await writeFamilyExports(folder.dir, p.family!, c, run.train, val)).join(', ')} in ${folder.dir}`);
  say(`${interrupted ? 'stopped' : code ? 'paused' : 'done'} at step ${run.step}: ${folder.dir}`);
  run.dispose();
  releaseBackend(backend);
  return interrupted ? 130 : code;
}
