// Measures the per-language-pair similarity statistics that mean-shift calibration reads, from rows
// that carry reference answers in several languages (Example.references): every two non-empty
// references of one example are equivalent texts, so their similarity is a sample for that
// unordered pair. Per pair: count = number of samples, mean, std = population standard deviation
// (numpy's default, ddof = 0). Rows come out sorted by (lang_a, lang_b) with lang_a < lang_b, ready
// for formatPairStatsCsv (the reference's CSV columns).
// A sample is sim(text_a, text_b) with lang_a < lang_b; with `bothDirections` (for asymmetric
// similarities such as chrF) it is the mean of sim(a, b) and sim(b, a).
// Same-language pairs (lang, lang) are measured too, as the reference's table has them (means about
// 0.99) and they enter mu_ref like any pair. A row holds one text per language, so the equivalent
// same-language text we can measure is the text itself: the sample is sim(t, t) for every reference
// t (1 for chrF; the embedding model's self-similarity, 1 up to rounding, for `embedding`). Their
// mean is also the quantile table's upper anchor U (calibration-quantile.ts anchorFromSamples).

import type { Example } from '../../data/example';
import { pairKey, type PairStats } from './calibration';
import type { SimilarityFn } from './reward';

export interface FitOptions {
  bothDirections?: boolean;
  /** measure (lang, lang) pairs too (default true, as the reference's table) */
  sameLanguage?: boolean;
  /** called after each example with (examples done, total) */
  onProgress?: (done: number, total: number) => void;
}

export interface PairSamples {
  langA: string;
  langB: string;
  samples: number[];
}

/** Similarity samples per unordered language pair (sorted by lang_a, lang_b). */
export async function collectPairSamples(
  examples: readonly Pick<Example, 'references'>[],
  similarity: SimilarityFn,
  opts: FitOptions = {},
): Promise<PairSamples[]> {
  const acc = new Map<string, PairSamples>();
  let done = 0;
  for (const ex of examples) {
    const langs = Object.keys(ex.references)
      .filter((l) => (ex.references[l] ?? '').trim() !== '')
      .sort();
    for (let i = 0; i < langs.length; i++) {
      for (let j = opts.sameLanguage === false ? i + 1 : i; j < langs.length; j++) {
        const [a, b] = [langs[i], langs[j]];
        const ta = ex.references[a];
        const tb = ex.references[b];
        let s = await similarity(ta, tb);
        if (opts.bothDirections && i !== j) s = (s + (await similarity(tb, ta))) / 2;
        if (!Number.isFinite(s)) throw new Error(`similarity of the ${a} and ${b} references is ${s} (not a number)`);
        const key = pairKey(a, b);
        let st = acc.get(key);
        if (!st) acc.set(key, (st = { langA: a, langB: b, samples: [] }));
        st.samples.push(s);
      }
    }
    opts.onProgress?.(++done, examples.length);
  }
  return [...acc.values()].sort((x, y) => (x.langA === y.langA ? (x.langB < y.langB ? -1 : 1) : x.langA < y.langA ? -1 : 1));
}

/** count, mean and population std of each pair's samples. */
export function pairStatsFromSamples(pairs: readonly PairSamples[]): PairStats[] {
  return pairs.map(({ langA, langB, samples }) => {
    const n = samples.length;
    const mean = samples.reduce((s, x) => s + x, 0) / n;
    const variance = samples.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    return { langA, langB, count: n, mean, std: Math.sqrt(variance) };
  });
}

export async function fitPairStats(
  examples: readonly Pick<Example, 'references'>[],
  similarity: SimilarityFn,
  opts: FitOptions = {},
): Promise<PairStats[]> {
  return pairStatsFromSamples(await collectPairSamples(examples, similarity, opts));
}
