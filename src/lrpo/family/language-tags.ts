// Tag mode on a Hugging Face model: the `<|out_lang_xx|>` tokens the reference's warm-start SFT
// teaches, added to the model's tokenizer as special tokens (the reference's 15 languages, then any
// other router language of the run, in that order, so the ids depend on the config only), and the
// embedding resized to hold them (new rows the mean of the old ones, as transformers'
// resize_token_embeddings; an untied LM head too). Ids the tokenizer already has (a model exported
// from an earlier tag run) are kept. The new tokenizer.json / tokenizer_config.json are returned
// for the merged model's export.

import { ROUTER_LANGUAGES } from '../../data/languages';
import { addSpecialTokens } from '../../engine/hf/added-tokens';
import { readJson, type HfFolder } from '../../engine/hf/folder';
import type { HfLlamaModel } from '../../engine/hf/model-folder';
import { HfTokenizer } from '../../engine/hf/tokenizer';
import { resizeHfEmbeddings } from '../../engine/llama/resize';

export const tagToken = (lang: string): string => `<|out_lang_${lang}|>`;

/** The languages that get a tag: the reference's 15, then the run's other router languages. */
export function tagLanguages(routerLanguages: readonly string[]): string[] {
  const out: string[] = [...ROUTER_LANGUAGES];
  for (const l of routerLanguages) if (!out.includes(l)) out.push(l);
  return out;
}

export interface TaggedModel {
  /** the model with its embedding resized (config, config.json's vocab_size, weights) */
  hf: HfLlamaModel;
  tokenizer: HfTokenizer;
  /** the tags' ids, in tagLanguages order: the trainable token rows */
  tokenIds: number[];
  /** how many tags were new to the tokenizer */
  added: number;
  /** the vocabulary before and after the resize */
  vocab: { before: number; after: number };
  /** tokenizer.json and tokenizer_config.json with the tags (for the merged model) */
  files: Map<string, Uint8Array>;
}

export async function addLanguageTags(folder: HfFolder, hf: HfLlamaModel, languages: readonly string[]): Promise<TaggedModel> {
  const json = await readJson(folder, 'tokenizer.json');
  if (json === null) throw new Error(`${folder.label}/tokenizer.json: missing; the model's tokenizer is needed to add the <|out_lang_xx|> tags`);
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${folder.label}/tokenizer.json: must be a JSON object`);
  const cfg = (await readJson(folder, 'tokenizer_config.json')) ?? {};
  if (!cfg || typeof cfg !== 'object' || Array.isArray(cfg)) throw new Error(`${folder.label}/tokenizer_config.json: must be a JSON object`);
  const file = `${folder.label}/tokenizer.json`;
  const added = addSpecialTokens(json as Record<string, unknown>, cfg as Record<string, unknown>, languages.map(tagToken), file);
  const tokenizer = new HfTokenizer(added.tokenizerJson, added.tokenizerConfig, file);
  const before = hf.config.vocabSize;
  const after = Math.max(before, tokenizer.size);
  let out = hf;
  if (after > before) {
    const r = resizeHfEmbeddings(hf.config, hf.weights, after);
    out = { ...hf, config: r.config, weights: r.weights, configJson: { ...hf.configJson, vocab_size: after } };
  }
  const enc = new TextEncoder();
  const files = new Map<string, Uint8Array>([
    ['tokenizer.json', enc.encode(JSON.stringify(added.tokenizerJson, null, 2))],
    ['tokenizer_config.json', enc.encode(JSON.stringify(added.tokenizerConfig, null, 2))],
  ]);
  return { hf: out, tokenizer, tokenIds: added.ids, added: added.added, vocab: { before, after }, files };
}
