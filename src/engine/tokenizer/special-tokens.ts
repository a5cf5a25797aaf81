// The special-token table of the byte-level tokenizer, saved with every checkpoint
// (special_tokens.json): bos=256, eos=257, pad=258, then one `<|out_lang_xx|>` per output language
// in the given order. The engine sits below src/data, so the default language list is kept here; a
// test checks it equals src/data/languages.ts ROUTER_LANGUAGES.

export const BYTE_VOCAB = 256;

/** the reference's 15 router languages, in the reference's arm order */
export const DEFAULT_OUT_LANGS: readonly string[] = [
  'ar', 'de', 'en', 'es', 'fr', 'id', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'ru', 'vi', 'zh',
];

export interface SpecialToken {
  id: number;
  content: string;
}

export interface SpecialTokenTable {
  format: 'lrpo-byte-tokenizer-v1';
  bos: SpecialToken;
  eos: SpecialToken;
  pad: SpecialToken;
  /** language code -> its `<|out_lang_xx|>` token */
  outLang: { code: string; id: number; content: string }[];
  vocabSize: number;
}

function outLangContent(code: string): string {
  return `<|out_lang_${code}|>`;
}

export function buildSpecialTable(langs: readonly string[] = DEFAULT_OUT_LANGS): SpecialTokenTable {
  const seen = new Set<string>();
  for (const code of langs) {
    if (!/^[a-z]{2,3}(-[a-z0-9]+)?$/i.test(code)) throw new Error(`special tokens: '${code}' is not a language code`);
    if (seen.has(code)) throw new Error(`special tokens: language '${code}' is listed twice`);
    seen.add(code);
  }
  const outLang = langs.map((code, i) => ({ code, id: BYTE_VOCAB + 3 + i, content: outLangContent(code) }));
  return {
    format: 'lrpo-byte-tokenizer-v1',
    bos: { id: 256, content: '<|bos|>' },
    eos: { id: 257, content: '<|eos|>' },
    pad: { id: 258, content: '<|pad|>' },
    outLang,
    vocabSize: BYTE_VOCAB + 3 + langs.length,
  };
}

/** Validates a parsed special_tokens.json; `file` names it in error messages. */
export function parseSpecialTable(json: unknown, file: string): SpecialTokenTable {
  if (!json || typeof json !== 'object') throw new Error(`${file}: the special-token table must be a JSON object`);
  const j = json as Partial<SpecialTokenTable>;
  if (j.format !== 'lrpo-byte-tokenizer-v1') {
    throw new Error(`${file}: field 'format' is ${JSON.stringify(j.format)}, expected "lrpo-byte-tokenizer-v1"`);
  }
  if (!Array.isArray(j.outLang)) throw new Error(`${file}: field 'outLang' must be a list of {code, id, content}`);
  const codes = j.outLang.map((e, i) => {
    if (!e || typeof e.code !== 'string') throw new Error(`${file}: outLang[${i}] has no language code`);
    return e.code;
  });
  const expected = buildSpecialTable(codes);
  for (const key of ['bos', 'eos', 'pad'] as const) {
    const t = j[key];
    if (!t || t.id !== expected[key].id || t.content !== expected[key].content) {
      throw new Error(`${file}: field '${key}' must be ${JSON.stringify(expected[key])}, got ${JSON.stringify(t)}`);
    }
  }
  j.outLang.forEach((e, i) => {
    if (e.id !== expected.outLang[i].id || e.content !== expected.outLang[i].content) {
      throw new Error(`${file}: outLang[${i}] must be ${JSON.stringify(expected.outLang[i])}, got ${JSON.stringify(e)}`);
    }
  });
  if (j.vocabSize !== expected.vocabSize) {
    throw new Error(`${file}: field 'vocabSize' is ${JSON.stringify(j.vocabSize)}, expected ${expected.vocabSize} for ${codes.length} languages`);
  }
  return expected;
}
