// The text of each generated token, for showing a rollout token by token. The tokenizer is byte
// level, so one character may span several tokens: a token that completes a character carries it,
// the tokens before it (an incomplete UTF-8 sequence) carry the empty string. Specials are shown
// by name (e.g. the end-of-sequence token).

export interface PieceTokenizer {
  decode(ids: number[], opts?: { skipSpecials?: boolean }): string;
}

export function tokenPieces(tok: PieceTokenizer, ids: readonly number[]): string[] {
  const out: string[] = [];
  let done = '';
  for (let i = 0; i < ids.length; i++) {
    let text = tok.decode(ids.slice(0, i + 1), { skipSpecials: false });
    // an unfinished character decodes to U+FFFD at the end: wait for its last byte
    if (i < ids.length - 1 && text.endsWith('\uFFFD')) text = text.replace(/\uFFFD+$/, '');
    if (text.startsWith(done) && text.length >= done.length) {
      out.push(text.slice(done.length));
      done = text;
    } else out.push('');
  }
  return out;
}

/** Rounds for the logs (4 decimals keep rollouts.jsonl small; the panels show 3). */
export function round4(xs: readonly number[]): number[] {
  return xs.map((x) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : x));
}
