// The GPT-2 policy's shape, the same for every driver: a checkpoint's config and its tokenizer
// (its special-token table, or the byte tokenizer's default layout for a foreign GPT-2 checkpoint),
// or, without a checkpoint, a fresh init of the configured model.* sizes with a tokenizer holding a
// tag for each of router.languages. The driver reads the checkpoint's bytes and makes the model on
// its backend from this shape.

import type { Checkpoint } from '../../engine/checkpoint/checkpoint';
import type { GPTConfig } from '../../engine/model-api';
import { ByteTokenizer } from '../../engine/tokenizer/byte-tokenizer';
import type { RunConfig } from '../config';

export interface Gpt2PolicyShape {
  tokenizer: ByteTokenizer;
  gpt: GPTConfig;
  /** where the weights come from, for messages (the checkpoint's name, or "init(seed=N)") */
  source: string;
}

/** The shape of the run's policy: `ckpt` (named `name`) or a fresh init; throws when its tokenizer does not fit it. */
export function gpt2PolicyShape(c: RunConfig, ckpt: Checkpoint | null, name: string): Gpt2PolicyShape {
  if (!ckpt) {
    const tokenizer = ByteTokenizer.forLanguages(c.router.languages);
    const gpt: GPTConfig = { nLayer: c.model.n_layer, nHead: c.model.n_head, nEmbd: c.model.n_embd, blockSize: c.model.block_size, vocabSize: tokenizer.vocabSize };
    return { tokenizer, gpt, source: `init(seed=${c.seed})` };
  }
  const tokenizer = ckpt.specialTokens ? new ByteTokenizer(ckpt.specialTokens) : new ByteTokenizer();
  if (tokenizer.vocabSize !== ckpt.config.vocabSize) {
    throw new Error(`${name}: the tokenizer has ${tokenizer.vocabSize} tokens but config.json says vocab_size ${ckpt.config.vocabSize}`);
  }
  return { tokenizer, gpt: ckpt.config, source: name };
}
