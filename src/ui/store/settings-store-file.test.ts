// Opening a run config file in the studio from its bytes (ConfigEditor passes the File's bytes):
// bytes that are not UTF-8, oversized files and prototype keys are refused by name and the
// configuration in use is kept. (The text path and field messages: settings-store.test.ts.)
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../data/example';
import { MAX_RUN_CONFIG_BYTES } from '../../lrpo/run-config-file';
import { useSettingsStore } from './settings-store';

const enc = new TextEncoder();

describe('settings store: run config file bytes', () => {
  it('applies good bytes; refuses non-UTF-8, oversized and prototype-key files, keeping the config in use', () => {
    const s = useSettingsStore.getState();
    expect(s.openConfigFile(enc.encode('\uFEFF{"seed": 11}'), 'good.json')).toBe(true);
    expect(useSettingsStore.getState().config.seed).toBe(11);

    const latin1 = new Uint8Array([...enc.encode('{"seed": 12,\n "data": {"train_files": "m'), 0xfc, ...enc.encode('nchen.jsonl"}}')]);
    expect(s.openConfigFile(latin1, 'latin1.json')).toBe(false);
    expect(useSettingsStore.getState().problems.map(formatProblem)).toEqual(['latin1.json, line 2: not valid UTF-8 text (save the file as UTF-8)']);
    expect(useSettingsStore.getState().config.seed).toBe(11);

    expect(s.openConfigFile(new Uint8Array(MAX_RUN_CONFIG_BYTES + 1).fill(0x20), 'huge.json')).toBe(false);
    expect(useSettingsStore.getState().problems[0].reason).toMatch(/more than a run config's limit/);

    expect(s.openConfigFile(enc.encode('{"__proto__": {"seed": 13}, "seed": 14}'), 'proto.json')).toBe(false);
    expect(useSettingsStore.getState().problems.map((p) => p.field)).toEqual(['__proto__']);
    expect(useSettingsStore.getState().config.seed).toBe(11);
    expect(({} as { seed?: number }).seed).toBeUndefined();
  });
});
