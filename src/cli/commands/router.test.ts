import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRouterLog } from '../../data/router-log';

const ROOT = path.resolve(__dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'router-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin/lrpo-studio.mjs'), 'router', ...args], { cwd: ROOT, encoding: 'utf8' });
}

// 12 steps of authored observations (ours, not from a real run): en pays 1 on Chat, ja on Japan.
const OBS = Array.from({ length: 12 }, (_, s) => JSON.stringify({
  step: s,
  rewards: [
    { topic: 'Chat', region: null, lang: 'en', reward: 1 },
    { topic: 'Chat', region: null, lang: 'de', reward: 0 },
    { topic: 'Regional Knowledge', region: 'Japan', lang: 'ja', reward: 1 },
    { topic: 'Regional Knowledge', region: 'Japan', lang: 'en', reward: 0.2 },
    { topic: 'Regional Knowledge', region: 'Japan', lang: 'hi', reward: 0.5 },
  ],
})).join('\n');

describe('lrpo-studio router replay', () => {
  it('writes the reference log (one line per step, before each update) and prints the final tables', () => {
    writeFileSync(path.join(dir, 'cfg.json'), JSON.stringify({ router: { lang_policy_update_every: 5, lang_policy_group_norm: 'center', lang_policy_alpha: 0.5 } }));
    writeFileSync(path.join(dir, 'obs.jsonl'), OBS + '\n');
    const out = path.join(dir, 'log.jsonl');
    const r = cli('replay', '--config', path.join(dir, 'cfg.json'), '--observations', path.join(dir, 'obs.jsonl'), '--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const log = parseRouterLog(readFileSync(out, 'utf8'));
    expect(log.problems).toEqual([]);
    expect(log.lines.map((l) => l.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(log.keys).toEqual(['topic:Chat', 'topic:Regional Knowledge', 'region:Japan']);
    // step 5's line is written before the first update: still uniform (1/15)
    expect(log.lines[4].probs['topic:Chat'].softmax.en).toBeCloseTo(1 / 15, 12);
    // updates after steps 5 and 10 (center, alpha 0.5): Chat en = 0.5 * 0.5 = 0.25, then
    // 0.5 * 0.25 + 0.5 * 0.5 = 0.375; de = -0.375 (columns ar, de, en)
    expect(r.stdout).toContain('replayed 12 steps, 60 rewards (12 in languages that are not router arms, skipped)');
    expect(r.stdout).toMatch(/Chat\s+0\s+-0\.3750\s+0\.3750/);
    expect(log.lines[5].probs['topic:Chat'].softmax.en).toBeGreaterThan(log.lines[5].probs['topic:Chat'].softmax.ar);
    // deterministic
    const again = path.join(dir, 'log2.jsonl');
    cli('replay', '--config', path.join(dir, 'cfg.json'), '--observations', path.join(dir, 'obs.jsonl'), '--out', again);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8'));
  });

  it('names bad config fields and observation lines, writes nothing, exits 1', () => {
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ lang_policy_alpha: 2 }));
    writeFileSync(path.join(dir, 'bad.jsonl'), '{"step": 0, "rewards": [{"topic": "T", "lang": "en", "reward": null}]}\n');
    const out = path.join(dir, 'none.jsonl');
    const r = cli('replay', '--config', path.join(dir, 'bad.json'), '--observations', path.join(dir, 'bad.jsonl'), '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('field lang_policy_alpha: must be in (0, 1], got 2');
    expect(r.stderr).toContain('bad.jsonl, row 1, field rewards[0].reward');
    expect(existsSync(out)).toBe(false);
    expect(cli('replay', '--config', 'x').status).toBe(2);
  });
});
