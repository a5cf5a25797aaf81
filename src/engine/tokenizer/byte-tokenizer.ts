// Byte-level tokenizer: ids 0-255 are the UTF-8 bytes of the text, then the special tokens of a
// SpecialTokenTable (bos, eos, pad, one <|out_lang_xx|> per language). Every Unicode string
// round-trips through encode/decode; invalid UTF-8 byte runs decode to U+FFFD.
import { BYTE_VOCAB, buildSpecialTable, type SpecialTokenTable } from './special-tokens';

export interface DecodeOptions {
  /** drop special tokens instead of rendering their strings (default false) */
  skipSpecials?: boolean;
}

const ENCODER = new TextEncoder();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class ByteTokenizer {
  readonly table: SpecialTokenTable;
  private readonly byContent = new Map<string, number>();
  private readonly byId = new Map<number, string>();
  private readonly specialPattern: RegExp;

  constructor(table: SpecialTokenTable = buildSpecialTable()) {
    this.table = table;
    for (const t of [table.bos, table.eos, table.pad, ...table.outLang]) {
      this.byContent.set(t.content, t.id);
      this.byId.set(t.id, t.content);
    }
    const alternatives = [...this.byContent.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.specialPattern = new RegExp(alternatives.join('|'), 'g');
  }

  static forLanguages(langs: readonly string[]): ByteTokenizer {
    return new ByteTokenizer(buildSpecialTable(langs));
  }

  get vocabSize(): number { return this.table.vocabSize; }
  get bosId(): number { return this.table.bos.id; }
  get eosId(): number { return this.table.eos.id; }
  get padId(): number { return this.table.pad.id; }

  /** id of `<|out_lang_code|>`; throws when the language has no tag in this table */
  langTokenId(code: string): number {
    const e = this.table.outLang.find((l) => l.code === code);
    if (!e) throw new Error(`no <|out_lang_${code}|> token: the tokenizer knows ${this.table.outLang.map((l) => l.code).join(', ')}`);
    return e.id;
  }

  /** UTF-8 bytes of the text; special-token strings in it are plain text here. */
  encode(text: string): number[] {
    return Array.from(ENCODER.encode(text));
  }

  /** Like encode, but literal special-token strings (e.g. "<|out_lang_de|>") become their ids. */
  encodeWithSpecials(text: string): number[] {
    const out: number[] = [];
    let last = 0;
    for (const m of text.matchAll(this.specialPattern)) {
      const at = m.index ?? 0;
      if (at > last) out.push(...ENCODER.encode(text.slice(last, at)));
      out.push(this.byContent.get(m[0])!);
      last = at + m[0].length;
    }
    if (last < text.length) out.push(...ENCODER.encode(text.slice(last)));
    return out;
  }

  /** Decodes ids; byte runs are UTF-8 decoded with replacement, specials rendered or skipped. */
  decode(ids: ArrayLike<number>, opts: DecodeOptions = {}): string {
    const decoder = new TextDecoder('utf-8', { fatal: false });
    let out = '';
    let bytes: number[] = [];
    const flush = () => {
      if (bytes.length) out += decoder.decode(Uint8Array.from(bytes));
      bytes = [];
    };
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id >= 0 && id < BYTE_VOCAB) {
        bytes.push(id);
        continue;
      }
      flush();
      const s = this.byId.get(id);
      if (s === undefined) throw new Error(`token id ${id} at position ${i} is not in the vocabulary [0, ${this.vocabSize})`);
      if (!opts.skipSpecials) out += s;
    }
    flush();
    return out;
  }
}
