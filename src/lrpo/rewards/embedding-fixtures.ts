// Test fixtures for the embedding backend, authored by us (test support only, not used at run time):
// a minimal ONNX protobuf writer (from the public onnx.proto field numbers) that builds a tiny model,
// a tiny WordPiece tokenizer.json and the model's embedding table.
// The model it builds: input_ids [batch, seq] int64 -> Gather(embedding table) -> last_hidden_state
// [batch, seq, dim] float32, plus attention_mask [batch, seq] int64 passed through Identity (so the
// graph declares the inputs a real sentence-embedding model has).

class Writer {
  private bytes: number[] = [];
  varint(v: number | bigint): this {
    let x = BigInt.asUintN(64, BigInt(v));
    do {
      let b = Number(x & 0x7fn);
      x >>= 7n;
      if (x) b |= 0x80;
      this.bytes.push(b);
    } while (x);
    return this;
  }
  tag(field: number, wire: number): this {
    return this.varint((field << 3) | wire);
  }
  int(field: number, v: number): this {
    return this.tag(field, 0).varint(v);
  }
  raw(field: number, data: Uint8Array): this {
    this.tag(field, 2).varint(data.length);
    for (const b of data) this.bytes.push(b);
    return this;
  }
  str(field: number, s: string): this {
    return this.raw(field, new TextEncoder().encode(s));
  }
  msg(field: number, w: Writer): this {
    return this.raw(field, w.finish());
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

const FLOAT = 1;
const INT64 = 7;

function valueInfo(name: string, elemType: number, dims: (number | string)[]): Writer {
  const shape = new Writer();
  for (const d of dims) shape.msg(1, typeof d === 'number' ? new Writer().int(1, d) : new Writer().str(2, d));
  const tensorType = new Writer().int(1, elemType).msg(2, shape);
  return new Writer().str(1, name).msg(2, new Writer().msg(1, tensorType));
}

function node(op: string, inputs: string[], outputs: string[], name: string): Writer {
  const w = new Writer();
  for (const i of inputs) w.str(1, i);
  for (const o of outputs) w.str(2, o);
  return w.str(3, name).str(4, op);
}

/** An ONNX model whose last_hidden_state[b, t] = table[input_ids[b, t]] (table is vocab × dim). */
export function buildEmbeddingLookupModel(table: number[][]): Uint8Array {
  const vocab = table.length;
  const dim = table[0].length;
  const data = new Float32Array(table.flat());
  const init = new Writer().int(1, vocab).int(1, dim).int(2, FLOAT).str(8, 'embeddings').raw(9, new Uint8Array(data.buffer));
  const graph = new Writer()
    .msg(1, node('Gather', ['embeddings', 'input_ids'], ['last_hidden_state'], 'lookup'))
    .msg(1, node('Identity', ['attention_mask'], ['mask_out'], 'mask'))
    .str(2, 'tiny_embedder')
    .msg(5, init)
    .msg(11, valueInfo('input_ids', INT64, ['batch', 'seq']))
    .msg(11, valueInfo('attention_mask', INT64, ['batch', 'seq']))
    .msg(12, valueInfo('last_hidden_state', FLOAT, ['batch', 'seq', dim]))
    .msg(12, valueInfo('mask_out', INT64, ['batch', 'seq']));
  return new Writer()
    .int(1, 8) // ir_version
    .str(2, 'lrpo-studio tests')
    .msg(7, graph)
    .msg(8, new Writer().str(1, '').int(2, 13)) // opset 13
    .finish();
}

// A tiny WordPiece tokenizer.json (BERT-style, with [CLS]/[SEP] added around each text) written by us.
const special = (id: number, content: string) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
export const TINY_TOKENIZER = {
  version: '1.0',
  truncation: null,
  padding: null,
  added_tokens: [special(0, '[PAD]'), special(1, '[UNK]'), special(2, '[CLS]'), special(3, '[SEP]')],
  normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
  pre_tokenizer: { type: 'BertPreTokenizer' },
  post_processor: {
    type: 'TemplateProcessing',
    single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
    pair: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
    special_tokens: { '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] } },
  },
  decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  model: {
    type: 'WordPiece',
    unk_token: '[UNK]',
    continuing_subword_prefix: '##',
    max_input_chars_per_word: 100,
    vocab: { '[PAD]': 0, '[UNK]': 1, '[CLS]': 2, '[SEP]': 3, hello: 4, world: 5, bon: 6, '##jour': 7, monde: 8, '东': 9, '京': 10 },
  },
};

// Embedding table (11 tokens × 3 dims), authored for the test. [PAD] gets a huge vector so that any
// padding leaking into the mean would change the result visibly.
export const TINY_TABLE = [
  [100, 100, 100], // [PAD]
  [0.5, -0.5, 0], // [UNK]
  [0, 0, 1], // [CLS]
  [0, 0, -0.5], // [SEP]
  [1, 2, 0], // hello
  [2, 0, 1], // world
  [1, 1, 1], // bon
  [0, 3, -1], // ##jour
  [2, 1, 0], // monde
  [-1, 2, 2], // 东
  [1, -2, 0], // 京
];

/**
 * A valid ONNX model with the inputs of a sentence-embedding model whose only output is the int64
 * attention mask (no float token embeddings): a model with the wrong outputs, for refusal tests.
 */
export function buildMaskOnlyModel(): Uint8Array {
  const graph = new Writer()
    .msg(1, node('Identity', ['attention_mask'], ['mask_out'], 'mask'))
    .msg(1, node('Identity', ['input_ids'], ['ids_out'], 'ids'))
    .str(2, 'mask_only')
    .msg(11, valueInfo('input_ids', INT64, ['batch', 'seq']))
    .msg(11, valueInfo('attention_mask', INT64, ['batch', 'seq']))
    .msg(12, valueInfo('mask_out', INT64, ['batch', 'seq']))
    .msg(12, valueInfo('ids_out', INT64, ['batch', 'seq']));
  return new Writer().int(1, 8).str(2, 'lrpo-studio tests').msg(7, graph).msg(8, new Writer().str(1, '').int(2, 13)).finish();
}
