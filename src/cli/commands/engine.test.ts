// End to end: spawn `node bin/lrpo-studio.mjs engine init` and `engine forward --backend cpu`, read
// the output safetensors and compare with the in-process CPU model (exact: same code, same order)
// and, for the PyTorch fixture folder, with transformers' numbers (fixture tolerances).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCheckpointPath, saveCheckpointDir } from '../../engine/checkpoint/checkpoint-fs';
import { checkpointFlatParams } from '../../engine/checkpoint/checkpoint';
import { readSafetensors } from '../../engine/checkpoint/safetensors';
import { CpuModel } from '../../engine/gpt/cpu-model';
import { initParams } from '../../engine/gpt/params';
import { ByteTokenizer } from '../../engine/tokenizer/byte-tokenizer';
import { forwardReport } from '../engine/forward-report';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = join(root, '../shared/fixtures/gpt2-tiny');
const tmp = mkdtempSync(join(tmpdir(), 'lrpo-engine-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/lrpo-studio.mjs'), 'engine', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const maxRel = (a: Float32Array, b: Float32Array) => {
  let e = 0, s = 0;
  for (let i = 0; i < b.length; i++) {
    e = Math.max(e, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return e / s;
};

describe('lrpo-studio engine (CLI)', () => {
  it('init writes a random checkpoint; forward writes logits, loss and every gradient equal to the in-process model', async () => {
    const dir = join(tmp, 'ck');
    const init = cli('init', '--n-layer', '2', '--n-head', '2', '--n-embd', '16', '--block-size', '12', '--seed', '1', '--out', dir);
    expect(init.code, init.err).toBe(0);
    const ckpt = loadCheckpointPath(dir);
    expect(ckpt.config).toMatchObject({ nLayer: 2, nHead: 2, nEmbd: 16, blockSize: 12, vocabSize: 274 });
    expect(Array.from(checkpointFlatParams(ckpt))).toEqual(Array.from(initParams(ckpt.config, 1)));

    const ids = [[256, 72, 105, 33, 10], [256, 259, 97, 98, 257]];
    const tokens = join(tmp, 'tokens.json');
    writeFileSync(tokens, JSON.stringify({ input_ids: ids }));
    const outFile = join(tmp, 'out.safetensors');
    const fwd = cli('forward', '--checkpoint', dir, '--tokens', tokens, '--out', outFile, '--backend', 'cpu');
    expect(fwd.code, fwd.err).toBe(0);
    const got = readSafetensors(new Uint8Array(readFileSync(outFile)), outFile).tensors;
    expect(got.get('logits')!.shape).toEqual([2, 5, 274]);

    const model = new CpuModel(ckpt.config, checkpointFlatParams(ckpt));
    const ref = await forwardReport(model, { B: 2, T: 5, tokens: Int32Array.from(ids.flat()) });
    expect(got.size).toBe(ref.tensors.size);
    for (const [name, t] of ref.tensors) {
      expect(got.get(name)!.shape, name).toEqual(t.shape);
      expect(Array.from(got.get(name)!.data), name).toEqual(Array.from(t.data));
    }
    // the loss is the mean next-token cross-entropy over positions 0..T-2: check by hand from logits
    const logits = got.get('logits')!.data;
    let sum = 0;
    for (let b = 0; b < 2; b++)
      for (let t = 0; t < 4; t++) {
        const row = Array.from(logits.subarray((b * 5 + t) * 274, (b * 5 + t + 1) * 274));
        const m = Math.max(...row);
        sum += m + Math.log(row.reduce((s, z) => s + Math.exp(z - m), 0)) - row[ids[b][t + 1]];
      }
    expect(got.get('loss')!.data[0]).toBeCloseTo(sum / 8, 5);
  });

  it('forward on the PyTorch fixture folder reproduces transformers\' logits, loss and gradients', () => {
    const outFile = join(tmp, 'fixture-out.safetensors');
    const r = cli('forward', '--checkpoint', fixture, '--tokens', join(fixture, 'tokens.json'), '--out', outFile);
    expect(r.code, r.err).toBe(0);
    const got = readSafetensors(new Uint8Array(readFileSync(outFile)), outFile).tensors;
    const exp = readSafetensors(new Uint8Array(readFileSync(join(fixture, 'expected.safetensors'))), 'expected').tensors;
    expect(maxRel(got.get('logits')!.data, exp.get('logits')!.data)).toBeLessThan(1e-5);
    expect(maxRel(got.get('loss')!.data, exp.get('loss')!.data)).toBeLessThan(1e-5);
    for (const [name, t] of got) if (name.startsWith('grad.')) expect(maxRel(t.data, exp.get(name)!.data), name).toBeLessThan(1e-4);
  });

  it('forward --backend webgpu (Dawn, SwiftShader) agrees with --backend cpu', () => {
    const dir = join(tmp, 'ck-gpu');
    expect(cli('init', '--n-layer', '1', '--n-head', '2', '--n-embd', '8', '--block-size', '8', '--seed', '2', '--out', dir).code).toBe(0);
    const tokens = join(tmp, 'tokens-gpu.json');
    writeFileSync(tokens, JSON.stringify({ input_ids: [[256, 65, 66, 67], [256, 260, 68, 257]] }));
    const outs = ['cpu', 'webgpu'].map((backend) => {
      const out = join(tmp, `gpu-check-${backend}.safetensors`);
      const r = cli('forward', '--checkpoint', dir, '--tokens', tokens, '--out', out, '--backend', backend);
      expect(r.code, r.err).toBe(0);
      return readSafetensors(new Uint8Array(readFileSync(out)), out).tensors;
    });
    expect(outs[1].size).toBe(outs[0].size);
    // float32 on another device: logits/loss 1e-5, gradients 1e-4, relative to each tensor's max
    for (const [name, t] of outs[0]) expect(maxRel(outs[1].get(name)!.data, t.data), name).toBeLessThan(name.startsWith('grad.') ? 1e-4 : 1e-5);
  });

  it('generate on a GPT-2 checkpoint prints the greedy completion of the in-process model', async () => {
    const dir = join(tmp, 'ck-gen');
    expect(cli('init', '--n-layer', '1', '--n-head', '2', '--n-embd', '16', '--block-size', '24', '--seed', '3', '--out', dir).code).toBe(0);
    const r = cli('generate', '--checkpoint', dir, '--prompt', 'Hi', '--max-new-tokens', '6');
    expect(r.code, r.err).toBe(0);
    const ckpt = loadCheckpointPath(dir);
    const tok = new ByteTokenizer(ckpt.specialTokens!);
    const g = await new CpuModel(ckpt.config, checkpointFlatParams(ckpt)).generate([[tok.bosId, ...tok.encode('Hi')]], { maxNewTokens: 6, temperature: 0, seed: 0, eosId: tok.eosId });
    expect(r.out).toBe(`${tok.decode(g.tokens[0].filter((t) => t !== tok.eosId), { skipSpecials: true })}\n`);
    const c = cli('generate', '--checkpoint', dir, '--prompt', 'Hi', '--chat');
    expect(c.code).toBe(2);
    expect(c.err).toContain('--chat needs a chat template; GPT-2 byte-level checkpoints have none');
  });

  it('bad input: clear messages and non-zero exit codes', () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ input_ids: [[1, 2, 3], [4, 999, 6]] }));
    const r = cli('forward', '--checkpoint', fixture, '--tokens', bad, '--out', join(tmp, 'x.safetensors'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.json: input_ids row 1, position 1: 999 is not a token id in [0, 300)');
    const u = cli('init', '--n-layer', '2', '--bogus', '1', '--out', join(tmp, 'y'));
    expect(u.code).toBe(2);
    expect(u.err).toContain('unknown option --bogus');
    const again = cli('init', '--n-embd', '16', '--out', join(tmp, 'ck'));
    expect(again.code).toBe(1);
    expect(again.err).toContain('already holds a checkpoint (model.safetensors); pass --force to overwrite it');
    const h = cli('init', '--n-embd', '10', '--n-head', '3', '--out', join(tmp, 'z'));
    expect(h.code).toBe(1);
    expect(h.err).toContain('nEmbd (10) must be divisible by nHead (3)');
  });

  it('forward refuses a checkpoint whose weights hold NaN, naming the file and the tensor', () => {
    const ck = loadCheckpointPath(fixture);
    const wpe = ck.params.get('transformer.wpe.weight')!;
    wpe.data[3] = Number.NaN;
    const dir = join(tmp, 'nan-ckpt');
    saveCheckpointDir(dir, ck);
    const tokens = join(tmp, 'ok-tokens.json');
    writeFileSync(tokens, JSON.stringify({ input_ids: [[1, 2, 3]] }));
    const r = cli('forward', '--checkpoint', dir, '--tokens', tokens, '--out', join(tmp, 'nan.safetensors'));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${dir}/model.safetensors: tensor 'transformer.wpe.weight': 1 non-finite value of ${wpe.data.length} (1 NaN; the first at index 3)`);
  });
});
