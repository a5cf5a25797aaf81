import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, zipFolder } from './zip';

describe('zipFolder', () => {
  it('crc32 gives the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('writes an archive that unzip extracts byte for byte under the folder', () => {
    const bin = new Uint8Array(1000).map((_, i) => (i * 37) & 0xff);
    const files = new Map([['adapter_config.json', new TextEncoder().encode('{"r": 4}')], ['adapter_model.safetensors', bin]]);
    const dir = mkdtempSync(path.join(tmpdir(), 'zip-'));
    writeFileSync(path.join(dir, 'a.zip'), zipFolder('lrpo-adapter', files));
    execFileSync('unzip', ['-q', 'a.zip'], { cwd: dir }); // fails on a CRC or layout error
    expect(readFileSync(path.join(dir, 'lrpo-adapter', 'adapter_config.json'), 'utf8')).toBe('{"r": 4}');
    expect(new Uint8Array(readFileSync(path.join(dir, 'lrpo-adapter', 'adapter_model.safetensors')))).toEqual(bin);
  });
});
