import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../config';
import { ByteTokenizer } from '../../engine/tokenizer/byte-tokenizer';
import { gpt2PolicyShape } from './gpt2-policy';

describe('gpt2PolicyShape', () => {
  it('without a checkpoint: model.* sizes, a tag per router language, init(seed) as the source', () => {
    const c = defaultRunConfig();
    c.seed = 5;
    c.router.languages = ['de', 'en'];
    const s = gpt2PolicyShape(c, null, 'unused');
    expect(s.source).toBe('init(seed=5)');
    expect(s.gpt).toEqual({ nLayer: c.model.n_layer, nHead: c.model.n_head, nEmbd: c.model.n_embd, blockSize: c.model.block_size, vocabSize: s.tokenizer.vocabSize });
    expect(s.tokenizer.vocabSize).toBe(ByteTokenizer.forLanguages(['de', 'en']).vocabSize);
  });

  it('a checkpoint whose vocab_size does not fit its tokenizer is refused, naming it', () => {
    const tok = ByteTokenizer.forLanguages(['de', 'en']);
    const gpt = { nLayer: 1, nHead: 1, nEmbd: 8, blockSize: 8, vocabSize: tok.vocabSize + 1 };
    const ckpt = { config: gpt, params: new Map(), specialTokens: tok.table };
    expect(() => gpt2PolicyShape(defaultRunConfig(), ckpt, 'ck')).toThrow(`ck: the tokenizer has ${tok.vocabSize} tokens but config.json says vocab_size ${tok.vocabSize + 1}`);
    const ok = gpt2PolicyShape(defaultRunConfig(), { ...ckpt, config: { ...gpt, vocabSize: tok.vocabSize } }, 'ck');
    expect(ok.source).toBe('ck');
    expect(ok.tokenizer.vocabSize).toBe(tok.vocabSize);
  });
});
