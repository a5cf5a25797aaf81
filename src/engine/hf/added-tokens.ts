// Exports: addSpecialTokens, as transformers' tokenizer.add_special_tokens on the files: each new
// token is appended to tokenizer.json's added_tokens with the next free id (the tokenizer's size,
// i.e. largest id + 1), special and not normalized, so the tokenizer matches it whole in text; when
// tokenizer_config.json lists added_tokens_decoder (transformers 4.x files) the token is added
// there too. Tokens the tokenizer already has keep their ids. The inputs are not modified.

export interface AddedTokens {
  tokenizerJson: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
  /** the id of every requested token, in the order asked */
  ids: number[];
  /** how many were new */
  added: number;
}

interface AddedToken {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

export function addSpecialTokens(tokenizerJson: Record<string, unknown>, tokenizerConfig: Record<string, unknown>, tokens: readonly string[], file = 'tokenizer.json'): AddedTokens {
  const json = structuredClone(tokenizerJson);
  const cfg = structuredClone(tokenizerConfig);
  const model = json.model as { vocab?: unknown } | undefined;
  const vocab = model?.vocab;
  const known = new Map<string, number>();
  let max = -1;
  if (vocab && typeof vocab === 'object' && !Array.isArray(vocab)) {
    for (const [t, id] of Object.entries(vocab as Record<string, number>)) {
      known.set(t, id);
      max = Math.max(max, id);
    }
  } else if (Array.isArray(vocab)) {
    (vocab as [string, number][]).forEach((e, i) => known.set(e[0], i));
    max = vocab.length - 1;
  } else {
    throw new Error(`${file}: the tokenizer model has no vocabulary`);
  }
  if (json.added_tokens !== undefined && !Array.isArray(json.added_tokens)) throw new Error(`${file}: added_tokens must be a list`);
  const added = (json.added_tokens as AddedToken[] | undefined) ?? [];
  for (const t of added) {
    if (typeof t?.id !== 'number' || typeof t.content !== 'string') throw new Error(`${file}: an added_tokens entry lacks id or content`);
    known.set(t.content, t.id);
    max = Math.max(max, t.id);
  }
  const decoder = cfg.added_tokens_decoder && typeof cfg.added_tokens_decoder === 'object' && !Array.isArray(cfg.added_tokens_decoder)
    ? (cfg.added_tokens_decoder as Record<string, unknown>) : null;
  const ids: number[] = [];
  let n = 0;
  for (const content of tokens) {
    const have = known.get(content);
    if (have !== undefined) {
      ids.push(have);
      continue;
    }
    const id = ++max;
    const t: AddedToken = { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
    added.push(t);
    known.set(content, id);
    if (decoder) decoder[String(id)] = { content, lstrip: false, normalized: false, rstrip: false, single_word: false, special: true };
    ids.push(id);
    n++;
  }
  json.added_tokens = added;
  return { tokenizerJson: json, tokenizerConfig: cfg, ids, added: n };
}
