// The warm start's training is deterministic, and the committed checkpoint (public/models/demo-sft)
// is one whose language tags mean something: its greedy answers come out in the tagged language.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTER_LANGUAGES } from '../src/data/languages.ts';
import { loadDataset } from '../src/data/load-dataset.ts';
import { createModel } from '../src/engine/index.ts';
import { loadCheckpointPath } from '../src/engine/checkpoint/checkpoint-fs.ts';
import { ByteTokenizer } from '../src/engine/tokenizer/byte-tokenizer.ts';
import { createLanguageDetector } from '../src/lrpo/rewards/lid.ts';
import { exactAnswerRate } from '../src/lrpo/sft.ts';
import { trainWarmStart, WARM_START } from './make-warm-start.ts';

const ROOT = path.resolve(__dirname, '..');
const examples = async (file: string) => (await loadDataset(new Uint8Array(readFileSync(path.join(ROOT, 'public/data', file))), file)).examples;

describe('warm start', () => {
  it('trains to the same weights and losses from the same seed', async () => {
    const train = await examples('demo.parquet');
    const a = await trainWarmStart(train, 2);
    const b = await trainWarmStart(train, 2);
    expect(a.losses).toEqual(b.losses);
    expect(a.losses.every(Number.isFinite)).toBe(true);
    const pa = await a.model.exportParams();
    const pb = await b.model.exportParams();
    for (const [name, t] of pa) expect(Buffer.from(t.data.buffer).equals(Buffer.from(pb.get(name)!.data.buffer)), name).toBe(true);
  }, 120_000);

  it('the committed checkpoint answers in the tagged language', async () => {
    const ckpt = loadCheckpointPath(path.join(ROOT, 'public/models/demo-sft'), { requireFinite: true });
    const w = WARM_START;
    expect(ckpt.config).toMatchObject({ nLayer: w.nLayer, nHead: w.nHead, nEmbd: w.nEmbd, blockSize: w.blockSize });
    const model = await createModel({ backend: 'cpu', checkpoint: ckpt });
    const tok = new ByteTokenizer(ckpt.specialTokens!);
    const train = (await examples('demo.parquet')).slice(0, 6);
    // scripts of their own (ar, ja, ko, ru, zh) and Latin ones that differ only in words (de, es, vi)
    const langs = ['ar', 'ja', 'ko', 'ru', 'zh', 'de', 'es', 'vi'];
    expect(langs.every((l) => ROUTER_LANGUAGES.includes(l as never))).toBe(true);
    const pairs = train.flatMap((example) => langs.map((lang) => ({ example, lang })));
    const r = await exactAnswerRate(model, tok, pairs, {
      mode: 'tag', maxPromptLength: w.maxPromptLength, maxResponseLength: w.maxResponseLength, detector: await createLanguageDetector(),
    });
    expect(r.tagFollowing).toBeGreaterThanOrEqual(0.8);
  }, 120_000);
});
