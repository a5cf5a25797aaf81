// One check of a token batch for every model family: B and T positive integers, T within the model's
// longest sequence (`limitName` says what the family calls it), B*T ids, each inside the vocabulary.
export function checkTokenBatch(tokens: Int32Array, B: number, T: number, vocabSize: number, maxT: number, limitName: string): void {
  if (!Number.isInteger(B) || !Number.isInteger(T) || B <= 0 || T <= 0) {
    throw new Error(`batch shape must be positive integers, got B=${B}, T=${T}`);
  }
  if (T > maxT) throw new Error(`sequence length T=${T} exceeds ${limitName} ${maxT}`);
  if (tokens.length !== B * T) throw new Error(`tokens has length ${tokens.length}, expected B*T = ${B * T}`);
  for (let i = 0; i < tokens.length; i++) {
    const id = tokens[i];
    if (!(id >= 0 && id < vocabSize)) {
      throw new Error(`token id ${id} at row ${Math.floor(i / T)}, position ${i % T} is outside the vocabulary [0, ${vocabSize})`);
    }
  }
}
