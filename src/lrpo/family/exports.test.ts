// The verl launch folder's model path: a hub id at a pinned revision (owner/name@rev) is not a path
// verl can load, so the overrides name the repository (and keep the full id in a `# studio:` line that
// reads back), and run_lrpo.sh downloads that revision before starting the trainer with
// actor_rollout_ref.model.path at the downloaded folder. The script is run with stand-ins for
// huggingface-cli and python3 on PATH that record their arguments; unpinned ids and folders pass
// through unchanged. Questions: our tiny test set (src/lrpo/testing).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../config';
import { tinyExamples } from '../testing/tiny-examples';
import { parseVerlOverrides } from '../verl-overrides';
import { verlLaunchFiles } from './exports';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lrpo-verl-launch-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** writes the folder, runs run_lrpo.sh with recording stand-ins; returns what each was called with */
async function launch(modelPath: string, name: string) {
  const c = defaultRunConfig();
  c.model = { ...c.model, path: modelPath, lora_rank: 8, lora_alpha: 16 };
  const files = await verlLaunchFiles({ config: c, modelPath, train: tinyExamples(), val: [] });
  const dir = path.join(tmp, name);
  const bin = path.join(tmp, `${name}-bin`);
  mkdirSync(dir);
  mkdirSync(bin);
  for (const [f, bytes] of files) writeFileSync(path.join(dir, f), bytes);
  for (const tool of ['huggingface-cli', 'python3']) {
    const log = path.join(tmp, `${name}-${tool}.log`);
    writeFileSync(path.join(bin, tool), `#!/usr/bin/env bash\nfor a in "$@"; do printf '%s\\n' "$a"; done > ${JSON.stringify(log)}\n`);
    chmodSync(path.join(bin, tool), 0o755);
  }
  execFileSync('bash', [path.join(dir, 'run_lrpo.sh'), 'trainer.n_gpus_per_node=1'], { env: { ...process.env, PATH: `${bin}:/usr/bin:/bin` } });
  const read = (tool: string) => {
    try {
      return readFileSync(path.join(tmp, `${name}-${tool}.log`), 'utf8').trim().split('\n');
    } catch {
      return null;
    }
  };
  const text = (f: string) => new TextDecoder().decode(files.get(f)!);
  return { dir, hf: read('huggingface-cli'), py: read('python3'), overrides: text('verl_overrides.txt'), readme: text('README.md') };
}

describe('verl launch folder: model.path', () => {
  it('a pinned hub revision: the repository id in the overrides, run_lrpo.sh downloads that revision and trains on the folder', async () => {
    const r = await launch('Qwen/Qwen2.5-0.5B-Instruct@7ae557604adf67be50417f59c2c2f167def9a775', 'pinned');
    const lines = r.overrides.split('\n');
    expect(lines).toContain('actor_rollout_ref.model.path=Qwen/Qwen2.5-0.5B-Instruct');
    expect(lines.filter((l) => l.includes('@7ae5576')).every((l) => l.startsWith('#'))).toBe(true);
    // the overrides read back with the revision (the studio's model.path)
    const back = parseVerlOverrides(r.overrides);
    expect(back.problems).toEqual([]);
    expect(back.config!.model.path).toBe('Qwen/Qwen2.5-0.5B-Instruct@7ae557604adf67be50417f59c2c2f167def9a775');
    expect(r.hf).toEqual(['download', 'Qwen/Qwen2.5-0.5B-Instruct', '--revision', '7ae557604adf67be50417f59c2c2f167def9a775', '--local-dir', path.join(r.dir, 'model')]);
    expect(r.py).toContain(`actor_rollout_ref.model.path=${path.join(r.dir, 'model')}`);
    expect(r.py).toContain('actor_rollout_ref.model.lora_rank=8');
    expect(r.py).toContain(`data.train_files=${path.join(r.dir, 'train.parquet')}`);
    expect(r.py!.slice(0, 2)).toEqual(['-m', 'verl.trainer.main_ppo']);
    expect(r.py!.at(-1)).toBe('trainer.n_gpus_per_node=1');
    expect(r.readme).toMatch(/revision `7ae557604adf67be50417f59c2c2f167def9a775`/);
    expect(r.readme).toMatch(/huggingface_hub/);
  }, 60_000);

  it('a hub id without a revision and a local folder go to verl as they are, with no download', async () => {
    const hub = await launch('HuggingFaceTB/SmolLM2-360M-Instruct', 'unpinned');
    expect(hub.hf).toBeNull();
    expect(hub.py).toContain('actor_rollout_ref.model.path=HuggingFaceTB/SmolLM2-360M-Instruct');
    expect(parseVerlOverrides(hub.overrides).config!.model.path).toBe('HuggingFaceTB/SmolLM2-360M-Instruct');
    const local = await launch('/data/models/qwen2-tiny', 'local');
    expect(local.hf).toBeNull();
    expect(local.py).toContain('actor_rollout_ref.model.path=/data/models/qwen2-tiny');
  }, 60_000);
});
