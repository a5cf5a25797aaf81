// The language router's contract: what the trainer, the what-if replay and the playground call.
// One interface, three algorithms (the reference's softmax/epsilon bandit, UCB, Thompson sampling).

import type { Rng, RngState } from '../../engine/rng';
import type { RouterAlgorithm, RouterConfig } from '../config';

/** Where a question lives: its topic (`ability`) and its region(s) (empty: no region row when sampling). */
export interface RouterContext {
  topic: string;
  regions: string[];
}

/** The schedules of one training step. */
export interface StepSchedule {
  tau: number;
  eps: number;
}

/** A distribution over the router's languages, in config order. */
export interface ContextProbabilities {
  /** the algorithm's own choice rule without the epsilon mix (for softmax_eps: softmax(logits / tau)) */
  softmax: Float64Array;
  /** what a routed rollout actually draws from: (1 - eps) * softmax + eps / L */
  effective: Float64Array;
}

/** One line of the router JSONL log (the reference's schema, exactly); reader/writer in src/data. */
export type { RouterLogLine } from '../../data/router-log';
import type { RouterLogLine } from '../../data/router-log';

/** One buffered observation: a rollout that carried a router arm, and its reward. */
export interface BufferEntry {
  topic: string;
  /** the region key ("None" for a null region, "[]" for an empty list; see regionKeys) */
  region: string;
  /** arm index in config order */
  lang: number;
  reward: number;
}

/** Named rows of a table, in first-seen order, each a value per language in config order. */
export type RowList = [string, number[]][];

/** Everything a router needs to continue exactly where it was (JSON-serializable). */
export interface RouterState {
  version: 1;
  algorithm: RouterAlgorithm;
  languages: string[];
  /** training steps completed */
  step: number;
  buffer: BufferEntry[];
  rng: RngState;
  /** algorithm tables, each a list of named rows: softmax_eps {topic, region} (EMA values);
   *  ucb and thompson {topicCount, regionCount, topicSum, regionSum} (observations and reward sums) */
  tables: Record<string, RowList>;
}

/** What the UI draws: tables, schedules, step. */
export interface RouterSnapshot {
  algorithm: RouterAlgorithm;
  languages: string[];
  step: number;
  tau: number;
  eps: number;
  /** topic -> value per language (softmax_eps: EMA values; ucb: mean rewards; thompson: posterior means) */
  topic: RowList;
  region: RowList;
  /** ucb and thompson: observation counts (absent for softmax_eps) */
  topicAux?: RowList;
  regionAux?: RowList;
  buffered: number;
}

export interface Router {
  readonly config: RouterConfig;
  readonly languages: readonly string[];
  /** Computes (and fixes for this step) tau and eps from the number of completed steps. */
  beginStep(): StepSchedule;
  /** This step's distributions for a context (uses beginStep's schedule; computes it if not begun). */
  probabilities(ctx: RouterContext): ContextProbabilities;
  /** One routed language for a context; draws from `rng`, or from the router's own RNG. */
  choose(ctx: RouterContext, rng?: Rng): string;
  /** Buffers one rollout's reward; false (and nothing buffered) when `lang` is not a router arm. */
  observe(topic: string, region: string | readonly (string | null)[] | null | undefined, lang: string, reward: number): boolean;
  /** Creates rows for every topic and region of the training data, in data order (before the first step). */
  registerContexts(contexts: Iterable<{ topic: string; regions: readonly string[] | null }>): void;
  /** Closes the step: builds the log line when due (before the update), then updates when due. */
  endStep(): RouterLogLine | null;
  /** Training steps completed. */
  readonly step: number;
  getState(): RouterState;
  setState(state: RouterState): void;
  snapshot(): RouterSnapshot;
}

export const NO_REGION = 'None';
/** the reference's key of an empty region list (Python's str([])) */
const EMPTY_REGION_LIST = '[]';

/**
 * Region keys of a rollout for the buffered update, as the reference makes them: a null (or
 * missing) region is the key "None", a string is itself, a list gives one key per item after
 * dropping its null items, and an empty list is the key "[]". "None" and "[]" are separate
 * contexts for the normalization and separate region rows. A rollout whose question lists several
 * regions is buffered once per region (so each region row learns from it, and the topic row takes
 * one EMA step per region key, in first-seen order).
 */
export function regionKeys(region: string | readonly (string | null)[] | null | undefined): string[] {
  if (region === null || region === undefined) return [NO_REGION];
  if (typeof region === 'string') return [region];
  const keys = region.filter((r): r is string => typeof r === 'string');
  return keys.length ? keys : [EMPTY_REGION_LIST];
}

/**
 * Region rows that add to a regional question's logits when **sampling**: its regions; a null
 * region or an empty list adds none (only the topic row), as in the reference.
 */
export function samplingRegions(regions: readonly string[] | null | undefined): string[] {
  return regions ? regions.filter((r) => typeof r === 'string') : [];
}
