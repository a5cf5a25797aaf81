// The router's buffered update, as a pure function of the buffer (the reference's rule):
// mean reward per (topic, region, language) over the buffer; normalize across the languages present
// in each (topic, region) context (none: raw mean; center: minus the context mean; zscore:
// (x - mean) / (population std + eps), eps = lang_policy_group_norm_eps, 1e-6 by default). The result lists one value per key in the order in which
// the keys first appear in the buffer; the EMA is applied one key at a time in that order.

import type { GroupNorm } from '../config';
import type { BufferEntry } from './types';

export interface KeyUpdate {
  topic: string;
  region: string;
  lang: number;
  /** observations of this key in the buffer */
  count: number;
  /** mean reward of the key */
  mean: number;
  /** the normalized value the EMA moves toward */
  value: number;
}

interface ContextAcc {
  topic: string;
  region: string;
  sum: Float64Array;
  count: Float64Array;
  /** languages present, in first-seen order */
  langs: number[];
}

export function normalizedUpdates(buffer: readonly BufferEntry[], groupNorm: GroupNorm, normEps = 1e-6): KeyUpdate[] {
  let width = 0;
  for (const e of buffer) width = Math.max(width, e.lang + 1);
  const byTopic = new Map<string, Map<string, ContextAcc>>();
  const order: [ContextAcc, number][] = []; // (topic, region, language) keys in first-seen order
  for (const e of buffer) {
    let regions = byTopic.get(e.topic);
    if (!regions) byTopic.set(e.topic, (regions = new Map()));
    let acc = regions.get(e.region);
    if (!acc) regions.set(e.region, (acc = { topic: e.topic, region: e.region, sum: new Float64Array(width), count: new Float64Array(width), langs: [] }));
    if (acc.count[e.lang] === 0) {
      acc.langs.push(e.lang);
      order.push([acc, e.lang]);
    }
    acc.sum[e.lang] += e.reward;
    acc.count[e.lang]++;
  }
  // normalized value per context and language
  const values = new Map<ContextAcc, Float64Array>();
  for (const regions of byTopic.values()) {
    for (const acc of regions.values()) {
      const v = new Float64Array(width);
      let mean = 0;
      for (const l of acc.langs) {
        v[l] = acc.sum[l] / acc.count[l];
        mean += v[l];
      }
      mean /= acc.langs.length;
      if (groupNorm === 'center') {
        for (const l of acc.langs) v[l] -= mean;
      } else if (groupNorm === 'zscore') {
        let sq = 0;
        for (const l of acc.langs) sq += (v[l] - mean) ** 2;
        const std = Math.sqrt(sq / acc.langs.length);
        for (const l of acc.langs) v[l] = (v[l] - mean) / (std + normEps);
      }
      values.set(acc, v);
    }
  }
  return order.map(([acc, lang]) => ({
    topic: acc.topic,
    region: acc.region,
    lang,
    count: acc.count[lang],
    mean: acc.sum[lang] / acc.count[lang],
    value: values.get(acc)![lang],
  }));
}

/** One EMA step: Q <- (1 - alpha) Q + alpha * value. */
export function emaStep(row: Float64Array, lang: number, value: number, alpha: number): void {
  row[lang] = (1 - alpha) * row[lang] + alpha * value;
}
