import { describe, expect, it } from 'vitest';
import { exportRunState } from './run-exports';
import type { RunSession } from './run-session';

// only the fields exportRunState reads for folder exports
const session = (exportFolder?: RunSession['exportFolder']) => ({ ...(exportFolder ? { exportFolder } : {}) }) as unknown as RunSession;

describe('folder exports', () => {
  it('zips the session\'s files under the export\'s folder', async () => {
    const seen: string[] = [];
    const out = await exportRunState(session(async (kind) => {
      seen.push(kind);
      return new Map([['adapter_config.json', new TextEncoder().encode('{}')]]);
    }), 'peft_adapter');
    expect(seen).toEqual(['peft_adapter']);
    expect(out.filename).toBe('lrpo-adapter.zip');
    const text = new TextDecoder().decode(out.bytes);
    expect(text.startsWith('PK\x03\x04')).toBe(true);
    expect(text).toContain('lrpo-adapter/adapter_config.json');
  });

  it('refuses on a run without an opened Hugging Face model, naming why', async () => {
    await expect(exportRunState(session(), 'verl_launch')).rejects.toThrow(/opened Hugging Face model \(model\.path\)/);
  });
});
