// Where a response ends: the tokenizer's eos id and, for Hugging Face models, every id of
// generation_config.json's eos list (Llama 3 instruct stops at <|eot_id|> as well as
// <|end_of_text|>; Qwen2.5 at <|im_end|> and <|endoftext|>). Sampling stops at any of them and they
// are left out of the decoded text.

import type { SampleOptions } from '../engine/model-api';

export interface StopTokenizer {
  readonly eosId: number;
  readonly eosIds?: readonly number[];
}

/** eosId / eosIds for Model.generate */
export function stopOptions(tok: StopTokenizer): Pick<SampleOptions, 'eosId' | 'eosIds'> {
  const extra = (tok.eosIds ?? []).filter((id) => id !== tok.eosId);
  return extra.length ? { eosId: tok.eosId, eosIds: extra } : { eosId: tok.eosId };
}

/** the generated ids without the stop ids */
export function withoutStops(tok: StopTokenizer, ids: readonly number[]): number[] {
  const stops = new Set([tok.eosId, ...(tok.eosIds ?? [])]);
  return ids.filter((t) => !stops.has(t));
}
