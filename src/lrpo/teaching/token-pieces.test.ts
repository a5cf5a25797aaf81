import { describe, expect, it } from 'vitest';
import { ByteTokenizer } from '../../engine/tokenizer/byte-tokenizer';
import { round4, tokenPieces } from './token-pieces';

describe('tokenPieces', () => {
  const tok = new ByteTokenizer();
  it('gives one piece per token; a multi-byte character goes to the token that completes it', () => {
    const ids = [...tok.encode('a é 日'), tok.eosId];
    const pieces = tokenPieces(tok, ids);
    expect(pieces).toHaveLength(ids.length);
    // 'a', ' ', 0xC3 -> '', 0xA9 -> 'é', ' ', 3 bytes of 日 -> '', '', '日', eos
    expect(pieces.slice(0, 8)).toEqual(['a', ' ', '', 'é', ' ', '', '', '日']);
    expect(pieces[8]).toBe(tok.decode([tok.eosId], { skipSpecials: false }));
    expect(pieces.join('')).toBe(tok.decode(ids, { skipSpecials: false }));
  });
  it('rounds to 4 decimals and keeps non-finite values', () => {
    expect(round4([-1.234567, 0.00004, NaN])).toEqual([-1.2346, 0, NaN]);
  });
});
