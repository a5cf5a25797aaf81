// The loop of `lrpo-studio train`: inputs -> policy, reference, router, reward -> optional warm-start
// SFT -> LRPO steps with reports appended to the run folder, atomic saves every trainer.save_freq
// steps and at the end, the final checkpoint and router state. SIGINT saves and stops cleanly.

import { readFileSync, writeFileSync } from 'node:fs';
import { formatProblem } from '../data/example';
import { Rng } from '../engine/rng';
import type { RunConfig } from '../lrpo/config';
import { createRouter } from '../lrpo/router/create-router';
import { captureRunSave, encodeRunSave, restoreRunSave, type RunSave } from '../lrpo/run-state';
import { sftItems, sftStep } from '../lrpo/sft';
import { hasTag, Trainer, type StepReport } from '../lrpo/trainer';
import { splitUntagged } from '../lrpo/planner';
import { createRolloutScorer } from '../lrpo/trainer-scorer';
import { evaluateHeldout } from '../lrpo/heldout-eval';
import type { Example } from '../data/example';
import { toVerlOverrides } from '../lrpo/verl-overrides';
import { RunFolder, writeFileAtomic } from './run-folder';
import { InputError, loadExamples, pathResolver } from './train-inputs';
import { createPolicy, loadPolicy, missingTags, writeCheckpoint } from './train-model';
import { routerSeed } from '../lrpo/run-seeds';
import { matchCoverage, matchCoverageMessage } from '../lrpo/rewards/match-coverage';
import { byDataSource, validationMetrics } from '../lrpo/validation-metrics';

export interface RunOptions {
  config: RunConfig;
  folder: RunFolder;
  save: RunSave | null;
  configDir: string;
  quiet: boolean;
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

export async function runTraining(o: RunOptions): Promise<number> {
  const c = o.config;
  const { folder } = o;
  const say = (s: string) => void (o.quiet || process.stderr.write(s + '\n'));
  const resolve = pathResolver(o.configDir);

  const data = await loadExamples(c.data.train_files, resolve, 'data.train_files');
  if (data.problems.length) {
    say(`data: ${data.problems.length} row(s) cannot be used and are skipped:`);
    for (const p of data.problems.slice(0, 10)) say(`  ${formatProblem(p)}`);
    if (data.problems.length > 10) say(`  ... and ${data.problems.length - 10} more`);
  }
  let val: Example[] = [];
  if (c.trainer.test_freq > 0) {
    if (!c.data.val_files) throw new InputError([{ field: 'data.val_files', reason: 'is required when trainer.test_freq > 0' }]);
    const v = await loadExamples(c.data.val_files, resolve, 'data.val_files');
    val = v.examples;
    if (v.problems.length) say(`validation data: ${v.problems.length} row(s) cannot be used and are skipped (first: ${formatProblem(v.problems[0])})`);
  }
  const policy = await loadPolicy(c, resolve);
  const { model, tokenizer: tok, gpt } = policy;
  const tagless = c.data.instruction_mode === 'tag' ? missingTags(tok, c.router.languages) : [];
  if (tagless.length) throw new InputError([{ field: 'router.languages', reason: `the tokenizer of ${policy.source} has no <|out_lang_xx|> token for ${tagless.join(', ')}` }]);
  // questions whose own language has no tag can't be prompted in tag mode: reported and left out
  const tagged = splitUntagged(data.examples, (l) => hasTag(tok, l), c.data.instruction_mode, c.data.train_files);
  if (tagged.problems.length) {
    const langs = [...new Set(tagged.problems.map((p) => /"([^"]+)"/.exec(p.reason)?.[1]))].join(', ');
    say(`data: ${tagged.problems.length} question(s) in ${langs} have no language tag in ${policy.source} and are skipped (first: ${formatProblem(tagged.problems[0])})`);
    if (!tagged.usable.length) throw new InputError(tagged.problems.slice(0, 5));
    data.examples = tagged.usable;
  }
  if (c.data.max_prompt_length + c.data.max_response_length > gpt.blockSize) {
    throw new InputError([{ field: 'data.max_response_length', reason: `max_prompt_length + max_response_length (${c.data.max_prompt_length + c.data.max_response_length}) exceeds the model's block size ${gpt.blockSize} (${policy.source})` }]);
  }
  const scorer = await createRolloutScorer(c.reward, {
    readText: async (p) => readFileSync(resolve(p), 'utf8'),
    readBytes: async (p) => new Uint8Array(readFileSync(resolve(p))),
  });
  for (const p of scorer.problems) say(`reward: ${formatProblem(p)}`);
  const coverage = matchCoverageMessage(matchCoverage(data.examples, c));
  if (coverage) process.stderr.write(`warning: ${coverage}\n`); // even with --quiet: it changes what the rewards mean
  say(`train: ${data.examples.length} questions, model ${policy.source} (${gpt.nLayer} layers, ${gpt.nEmbd} wide), backend ${c.backend}`);

  writeFileAtomic(folder.file('config.json'), JSON.stringify(c, null, 2) + '\n');
  writeFileAtomic(folder.file('verl_overrides.txt'), toVerlOverrides(c));
  if (!o.save) {
    folder.resetLogs();
    if (c.sft.steps > 0) await warmStart(c, model, tok, data.examples, folder, say);
  }
  // the frozen reference policy: the weights LRPO starts from (after SFT); a resume restores it from the save
  const reference = c.actor.use_kl_loss ? await createPolicy(gpt, c.backend, await model.exportParams()) : null;
  const router = createRouter(c.router, routerSeed(c.seed));
  const trainer = new Trainer({ config: c, model, reference, tokenizer: tok, router, score: scorer.score, train: data.examples });
  if (o.save) {
    await restoreRunSave(o.save, trainer, model, reference);
    folder.truncateLogs(o.save.logs);
    say(`resumed at step ${o.save.step} from ${folder.dir}`);
  }

  const save = async () => {
    const s = await captureRunSave(trainer, model, reference, folder.logSizes());
    folder.writeSave(s.step, encodeRunSave(s));
    writeFileAtomic(folder.file('router_state.json'), JSON.stringify(router.getState()) + '\n');
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
  try {
    while (trainer.step < total && !interrupted) {
      const r = await trainer.trainStep();
      if (val.length && r.step % c.trainer.test_freq === 0) {
        // validation as in the reference: greedy answers in each question's original language
        // metric names as verl's: val-core/<data_source>/reward/mean@1, one set per data source
        for (const [ds, rows] of byDataSource(val)) {
          const v = await evaluateHeldout(model, tok, rows.map((e) => ({ example: e, lang: e.language })), scorer.score, {
            mode: c.data.instruction_mode, maxPromptLength: c.data.max_prompt_length, maxResponseLength: c.data.max_response_length,
          });
          Object.assign(r.metrics, validationMetrics(ds, v.overall));
          say(`validation at step ${r.step} (${ds}): reward ${fmt(v.overall.reward)}  exact ${fmt(v.overall.exact)}  (${rows.length} questions)`);
        }
      }
      folder.append('metrics.jsonl', [{ step: r.step, metrics: r.metrics, 'studio/advantage_histogram': r.advantageHistogram }]); // ours, not verl's
      if (r.routerLog) folder.append('router.jsonl', [r.routerLog]);
      folder.append('rollouts.jsonl', r.rollouts);
      say(progressLine(r, total));
      if (r.halted) {
        say(`run paused: ${r.halted}`);
        code = 3;
        break;
      }
      if (c.trainer.save_freq > 0 && r.step % c.trainer.save_freq === 0) await save();
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  await save();
  await writeCheckpoint(folder.file('checkpoint'), model, tok);
  writeFileAtomic(folder.file('router_state.json'), JSON.stringify(router.getState()) + '\n');
  say(`${interrupted ? 'stopped' : code ? 'paused' : 'done'} at step ${trainer.step}: ${folder.dir}`);
  return interrupted ? 130 : code;
}

async function warmStart(c: RunConfig, model: import('../engine/model-api').Model, tok: import('../engine/tokenizer/byte-tokenizer').ByteTokenizer,
  examples: import('../data/example').Example[], folder: RunFolder, say: (s: string) => void): Promise<void> {
  const rng = new Rng(c.seed ^ 0x5f7);
  const opts = { extraLangs: c.sft.extra_langs, languages: c.router.languages, mode: c.data.instruction_mode, maxPromptLength: c.data.max_prompt_length, maxResponseLength: c.data.max_response_length, answerStyle: c.sft.answer_style };
  let items = sftItems(examples, tok, opts, rng);
  let cursor = 0;
  const lines: string[] = [];
  for (let s = 1; s <= c.sft.steps; s++) {
    const batch = [];
    for (let i = 0; i < c.sft.batch_size; i++) {
      if (cursor >= items.length) {
        items = sftItems(examples, tok, opts, rng);
        for (let k = items.length - 1; k > 0; k--) {
          const j = rng.int(k + 1);
          [items[k], items[j]] = [items[j], items[k]];
        }
        cursor = 0;
      }
      batch.push(items[cursor++]);
    }
    const r = await sftStep(model, batch, tok.padId, c.sft.lr, c.actor.grad_clip);
    lines.push(JSON.stringify({ step: s, metrics: { 'sft/loss': r.loss, 'sft/grad_norm': r.gradNorm, 'sft/tokens': r.tokens, 'sft/skipped': r.skipped ? 1 : 0 } }));
    if (s % 10 === 0 || s === c.sft.steps) say(`sft ${s}/${c.sft.steps}  loss ${fmt(r.loss, 4)}  grad ${fmt(r.gradNorm)}`);
  }
  writeFileSync(folder.file('sft_metrics.jsonl'), lines.join('\n') + '\n');
}
