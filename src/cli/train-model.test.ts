import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkpointFromFlat } from '../engine/checkpoint/checkpoint';
import { saveCheckpointDir } from '../engine/checkpoint/checkpoint-fs';
import { initParams } from '../engine/gpt/params';
import { buildSpecialTable } from '../engine/tokenizer/special-tokens';
import { readCheckpointFolder } from './train-model';

const tmp = mkdtempSync(join(tmpdir(), 'lrpo-train-model-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('readCheckpointFolder (train --config with model.checkpoint)', () => {
  it('loads finite weights and refuses NaN/Infinity naming the file and the tensor', () => {
    const table = buildSpecialTable();
    const config = { nLayer: 1, nHead: 2, nEmbd: 8, blockSize: 8, vocabSize: table.vocabSize, layerNormEps: 1e-5 };
    const flat = initParams(config, 1);
    saveCheckpointDir(join(tmp, 'good'), checkpointFromFlat(config, flat, table));
    expect(readCheckpointFolder(join(tmp, 'good')).config).toEqual(config);
    flat[flat.length - 9] = Number.POSITIVE_INFINITY; // ln_f.weight[7]
    saveCheckpointDir(join(tmp, 'bad'), checkpointFromFlat(config, flat, table));
    expect(() => readCheckpointFolder(join(tmp, 'bad'))).toThrow(
      `${join(tmp, 'bad')}/model.safetensors: tensor 'transformer.ln_f.weight': 1 non-finite value of 8 (1 +Infinity; the first at index 7)`,
    );
  });
});
