// Reads the token file of `lrpo-studio engine forward`: {"input_ids": [[...], ...]} with rows of
// equal length, every id an integer in [0, vocabSize). Errors name the file, row and position.

export interface TokenRows {
  B: number;
  T: number;
  tokens: Int32Array;
}

export function parseTokenFile(text: string, file: string, vocabSize: number, blockSize: number): TokenRows {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const rows = (json as { input_ids?: unknown } | null)?.input_ids;
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new Error(`${file}: expected {"input_ids": [[...], ...]} with at least one row`);
  }
  const T = Array.isArray(rows[0]) ? rows[0].length : -1;
  if (T < 2) throw new Error(`${file}: input_ids row 0 must be a list of at least 2 token ids (the loss needs a next token)`);
  if (T > blockSize) throw new Error(`${file}: rows have ${T} tokens, more than the model's block size ${blockSize}`);
  const tokens = new Int32Array(rows.length * T);
  rows.forEach((row, b) => {
    if (!Array.isArray(row)) throw new Error(`${file}: input_ids row ${b} is not a list`);
    if (row.length !== T) throw new Error(`${file}: input_ids row ${b} has ${row.length} tokens, row 0 has ${T} (rows must have equal length)`);
    row.forEach((id, t) => {
      if (!Number.isInteger(id) || id < 0 || id >= vocabSize) {
        throw new Error(`${file}: input_ids row ${b}, position ${t}: ${JSON.stringify(id)} is not a token id in [0, ${vocabSize})`);
      }
      tokens[b * T + t] = id;
    });
  });
  return { B: rows.length, T, tokens };
}
