// A model folder from browser File objects (Node's File here) loads like the directory on disk.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { filesFolder } from './folder';
import { fsFolder } from './folder-fs';
import { loadLlamaFolder } from './model-folder';

const dir = fileURLToPath(new URL('../../../../shared/fixtures/llama-tiny', import.meta.url));

describe('filesFolder', () => {
  it('loads the fixture from File objects exactly as from disk', async () => {
    const files = readdirSync(dir).filter((f) => f.includes('.')).map((f) => new File([readFileSync(`${dir}/${f}`)], f));
    const a = await loadLlamaFolder(filesFolder('dropped', files));
    const b = await loadLlamaFolder(fsFolder(dir));
    expect(a.config).toEqual(b.config);
    for (const [k, t] of b.weights) expect(a.weights.get(k)!.data).toEqual(t.data);
    expect(() => filesFolder('x', [new File(['{}'], 'config.json'), new File(['{}'], 'config.json')])).toThrow('x: two files named config.json');
    await expect(loadLlamaFolder(filesFolder('empty', []))).rejects.toThrow('empty: no config.json');
  });
});
