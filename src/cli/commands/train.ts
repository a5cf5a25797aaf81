// `lrpo-studio train --config RUN.json --out DIR [--backend cpu|webgpu] [--resume] [--quiet]`:
// SFT (sft.steps > 0) and/or LRPO (trainer.total_training_steps) from a JSON run config, writing
// the run folder (metrics.jsonl, router.jsonl, router_state.json, rollouts.jsonl, checkpoint/,
// config.json, verl_overrides.txt, atomic saves for --resume). Progress goes to stderr.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { ArgError, parseArgs, stringOpt, unknownOptions } from '../args';
import { formatProblem } from '../../data/example';
import { absolutizePaths, InputError, pathResolver, readRunConfig } from '../train-inputs';
import { runTraining } from '../train-run';
import { RunFolder } from '../run-folder';
import { decodeRunSave } from '../../lrpo/run/save';
import { PRESETS, presetById } from '../../lrpo/presets';
import { fileURLToPath } from 'node:url';

const USAGE = 'usage: lrpo-studio train (--config RUN.json | --preset NAME) --out DIR [--backend cpu|webgpu] [--total-steps N] [--resume] [--adapter DIR] [--quiet]\n' +
  '  --preset starts from a named preset (' + PRESETS.map((p) => p.id).join(', ') + '); its data and model paths are the studio\'s public/ files\n' +
  '  --resume continues the run saved in DIR (its saved config; --total-steps extends it)\n' +
  '  --adapter starts the LoRA of a Llama-family model (model.path) from a PEFT adapter folder';

/** the studio's public/ folder: a preset's data/... and models/... paths are relative to it */
const PUBLIC_DIR = fileURLToPath(new URL('../../../public/', import.meta.url));

export async function run(argv: string[]): Promise<number> {
  try {
    const a = parseArgs(argv, ['resume', 'quiet', 'help']);
    unknownOptions(a, ['config', 'preset', 'out', 'backend', 'total-steps', 'resume', 'quiet', 'help', 'adapter']);
    if (a.options.has('help')) {
      console.log(USAGE);
      return 0;
    }
    if (a.positionals.length) throw new ArgError(`unexpected argument '${a.positionals[0]}'`);
    const out = stringOpt(a, 'out');
    if (!out) throw new ArgError('missing required option --out');
    const resume = a.options.get('resume') === true;
    const configFile = stringOpt(a, 'config');
    const presetId = stringOpt(a, 'preset');
    if (configFile && presetId) throw new ArgError('give --config or --preset, not both');
    const preset = presetId === undefined ? undefined : presetById(presetId);
    if (presetId !== undefined && !preset) throw new ArgError(`unknown preset '${presetId}' (one of ${PRESETS.map((p) => p.id).join(', ')})`);
    const folder = new RunFolder(out);
    const latest = resume ? folder.readLatestSave() : null;
    if (resume && !latest && !configFile && !preset) throw new ArgError(`--resume: ${out} holds no save; give --config or --preset to start a new run`);
    const save = latest ? decodeRunSave(latest.files, latest.where) : null;
    if (!save && !configFile && !preset) throw new ArgError('missing required option --config (or --preset)');
    const configDir = configFile ? path.dirname(path.resolve(configFile)) : preset ? PUBLIC_DIR : process.cwd();
    const config = save ? save.config : absolutizePaths(preset ? preset.build() : readRunConfig(configFile!), pathResolver(configDir));
    const backend = stringOpt(a, 'backend');
    if (backend !== undefined) {
      if (backend !== 'cpu' && backend !== 'webgpu') throw new ArgError(`option --backend must be cpu or webgpu, got '${backend}'`);
      config.backend = backend;
    }
    const steps = stringOpt(a, 'total-steps');
    if (steps !== undefined) {
      const n = Number(steps);
      if (!Number.isInteger(n) || n < 0) throw new ArgError(`option --total-steps must be a non-negative integer, got '${steps}'`);
      config.trainer.total_training_steps = n;
    }
    if (!save && !resume && existsSync(folder.file('latest.json'))) {
      throw new ArgError(`${out} already holds a run; use --resume to continue it or choose another --out`);
    }
    const adapter = stringOpt(a, 'adapter');
    if (adapter && save) throw new ArgError('--adapter starts a new run; --resume continues from the adapter in the save');
    return await runTraining({ config, folder, save, configDir, quiet: a.options.get('quiet') === true, adapter });
  } catch (e) {
    if (e instanceof ArgError) {
      console.error(`lrpo-studio train: ${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof InputError) {
      console.error(`lrpo-studio train: the run cannot start:\n${e.problems.map((p) => '  ' + formatProblem(p)).join('\n')}`);
      return 2;
    }
    console.error(`lrpo-studio train: ${(e as Error).message}`);
    return 1;
  }
}
