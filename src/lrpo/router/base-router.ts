// What every router shares: step counting, schedules, the buffer, the log line, the seeded RNG and
// state (de)serialization. Subclasses supply the choice rule (`policyFor`), the per-row
// distribution for the log (`rowPolicy`) and what a buffered update does to their tables.
//
// Step protocol (the reference's): beginStep() fixes tau/eps from the completed-step count;
// choose()/observe() during the step; endStep() counts the step, builds the log line when
// (count % log_every == 0) from the tables as they were during the step, then runs the buffered
// update when (count % update_every == 0) and clears the buffer.

import { Rng } from '../../engine/rng';
import type { RouterConfig } from '../config';
import { normalizedUpdates, type KeyUpdate } from './buffered-update';
import { buildLogLine, effectiveFrom, type LogRow } from './log-line';
import { RowTable } from './row-table';
import { scheduleAt } from './schedules';
import {
  regionKeys,
  samplingRegions,
  type BufferEntry,
  type ContextProbabilities,
  type Router,
  type RouterContext,
  type RouterLogLine,
  type RouterSnapshot,
  type RouterState,
  type RowList,
  type StepSchedule,
} from './types';

export abstract class BaseRouter implements Router {
  readonly languages: readonly string[];
  protected readonly L: number;
  protected readonly langIndex: Map<string, number>;
  protected readonly regional: Set<string>;
  protected completed = 0;
  protected buffer: BufferEntry[] = [];
  protected rng: Rng;
  protected schedule: StepSchedule | null = null;
  /** per-context choice distributions (without eps), valid until the tables or tau change */
  private policyCache = new Map<string, Float64Array>();
  /** cache keys of context objects (contexts are usually long-lived objects of a dataset or world) */
  private ctxKeys = new WeakMap<RouterContext, string>();
  /** tables in first-seen order; subclasses register theirs */
  protected abstract readonly topicTable: RowTable;
  protected abstract readonly regionTable: RowTable;

  constructor(readonly config: RouterConfig, seed: number | Rng = 0) {
    this.languages = [...config.languages];
    this.L = this.languages.length;
    this.langIndex = new Map(this.languages.map((l, i) => [l, i]));
    this.regional = new Set(config.regional_topics);
    this.rng = seed instanceof Rng ? seed : new Rng(seed);
  }

  get step(): number {
    return this.completed;
  }

  isRegional(topic: string): boolean {
    return this.regional.has(topic);
  }

  /** false when the choice rule ignores tau: its cached distributions then survive until an update */
  protected readonly usesTau: boolean = true;

  beginStep(): StepSchedule {
    this.schedule = scheduleAt(this.config, this.completed);
    if (this.usesTau) this.policyCache.clear();
    return this.schedule;
  }

  protected current(): StepSchedule {
    if (!this.schedule) this.beginStep();
    return this.schedule!;
  }

  /** Region rows that add to the logits of a context: its regions for regional topics (none for a null region or an empty list). */
  protected contextRegions(ctx: RouterContext): string[] {
    return this.isRegional(ctx.topic) ? samplingRegions(ctx.regions) : [];
  }

  /**
   * Creates a row for every topic and every region of the training data, in data order, before the
   * first step (the reference does so up front), so every log line carries them from step 1.
   * Rows for "None" / "[]" appear only with the first update that uses them.
   */
  registerContexts(contexts: Iterable<{ topic: string; regions: readonly string[] | null }>): void {
    for (const c of contexts) {
      this.topicTable.get(c.topic);
      for (const r of samplingRegions(c.regions)) this.regionTable.get(r);
    }
  }

  /** Creates the context's rows (first-seen order matters for the log). */
  protected touch(ctx: RouterContext): void {
    this.topicTable.get(ctx.topic);
    for (const r of this.contextRegions(ctx)) this.regionTable.get(r);
  }

  /** a string naming the context's rows (contexts must not be mutated while a router uses them) */
  protected contextKey(ctx: RouterContext): string {
    let key = this.ctxKeys.get(ctx);
    if (key === undefined) {
      key = ctx.topic + '\u0000' + this.contextRegions(ctx).join('\u0001');
      this.ctxKeys.set(ctx, key);
    }
    return key;
  }

  protected policy(ctx: RouterContext): Float64Array {
    const key = this.contextKey(ctx);
    let p = this.policyCache.get(key);
    if (!p) {
      this.touch(ctx);
      p = this.policyFor(ctx, this.current().tau);
      this.policyCache.set(key, p);
    }
    return p;
  }

  /** Writes the context's effective distribution into `out` at `offset` (no allocation). */
  writeEffective(ctx: RouterContext, out: { [i: number]: number }, offset = 0): void {
    const p = this.policy(ctx);
    const eps = this.current().eps;
    for (let i = 0; i < this.L; i++) out[offset + i] = (1 - eps) * p[i] + eps / this.L;
  }

  probabilities(ctx: RouterContext): ContextProbabilities {
    const softmax = Float64Array.from(this.policy(ctx));
    return { softmax, effective: effectiveFrom(softmax, this.current().eps) };
  }

  choose(ctx: RouterContext, rng: Rng = this.rng): string {
    const { eps } = this.current();
    if (eps > 0 && rng.next() < eps) return this.languages[rng.int(this.L)];
    return this.languages[this.sampleGreedy(ctx, rng)];
  }

  /** Draws from the non-epsilon part of the choice rule. */
  protected sampleGreedy(ctx: RouterContext, rng: Rng): number {
    return rng.categorical(this.policy(ctx));
  }

  /** Buffers only: rows a buffered key needs are created by the update (as in the reference). */
  observe(topic: string, region: string | readonly (string | null)[] | null | undefined, lang: string, reward: number): boolean {
    const li = this.langIndex.get(lang);
    if (li === undefined) return false;
    if (!Number.isFinite(reward)) throw new Error(`router: reward for ${topic}/${lang} is not a finite number (${reward})`);
    for (const r of regionKeys(region)) this.buffer.push({ topic, region: r, lang: li, reward });
    return true;
  }

  endStep(): RouterLogLine | null {
    const { eps, tau } = this.current();
    const count = this.completed + 1;
    let line: RouterLogLine | null = null;
    const every = this.config.lang_policy_log_every;
    if (every > 0 && count % every === 0) line = this.buildLog(count, tau, eps);
    this.completed = count;
    if (count % this.config.lang_policy_update_every === 0) {
      if (this.buffer.length) {
        this.applyUpdates(normalizedUpdates(this.buffer, this.config.lang_policy_group_norm, this.config.lang_policy_group_norm_eps));
        this.policyCache.clear();
      }
      this.buffer = [];
    }
    this.schedule = null;
    if (this.usesTau) this.policyCache.clear();
    return line;
  }

  private buildLog(count: number, tau: number, eps: number): RouterLogLine {
    // the first `lang_policy_log_max_keys` rows of each table (topics and regions capped separately)
    const max = Math.max(0, this.config.lang_policy_log_max_keys);
    const rows: LogRow[] = [];
    for (const name of [...this.topicTable.rows.keys()].slice(0, max)) rows.push({ key: `topic:${name}`, softmax: this.rowPolicy('topic', name, tau) });
    for (const name of [...this.regionTable.rows.keys()].slice(0, max)) rows.push({ key: `region:${name}`, softmax: this.rowPolicy('region', name, tau) });
    return buildLogLine(count, rows, eps, this.languages);
  }

  /** The choice distribution (no eps) of a context at temperature tau. */
  protected abstract policyFor(ctx: RouterContext, tau: number): Float64Array;
  /** The distribution of one row on its own, for the log. */
  protected abstract rowPolicy(kind: 'topic' | 'region', name: string, tau: number): Float64Array;
  /** Applies one buffered update (keys in first-seen order). */
  protected abstract applyUpdates(updates: KeyUpdate[]): void;
  /** Extra tables of the algorithm, by name, for the state. */
  protected abstract tables(): Record<string, RowTable>;

  getState(): RouterState {
    const tables: Record<string, RowList> = {};
    for (const [name, t] of Object.entries(this.tables())) tables[name] = t.toList();
    return {
      version: 1,
      algorithm: this.config.algorithm,
      languages: [...this.languages],
      step: this.completed,
      buffer: this.buffer.map((e) => ({ ...e })),
      rng: this.rng.getState(),
      tables,
    };
  }

  setState(state: RouterState): void {
    if (state.version !== 1) throw new Error(`router state: unknown version ${String(state.version)}`);
    if (state.algorithm !== this.config.algorithm) throw new Error(`router state: saved by a '${state.algorithm}' router, this one is '${this.config.algorithm}'`);
    if (state.languages.join(',') !== this.languages.join(',')) throw new Error(`router state: languages [${state.languages.join(', ')}] differ from the config's [${this.languages.join(', ')}]`);
    if (!Number.isInteger(state.step) || state.step < 0) throw new Error(`router state: step must be a non-negative integer`);
    for (const [name, t] of Object.entries(this.tables())) t.load(state.tables[name], name);
    this.completed = state.step;
    this.buffer = state.buffer.map((e) => ({ ...e }));
    this.rng.setState(state.rng);
    this.schedule = null;
    this.policyCache.clear();
  }

  snapshot(): RouterSnapshot {
    const { tau, eps } = scheduleAt(this.config, this.completed);
    return {
      algorithm: this.config.algorithm,
      languages: [...this.languages],
      step: this.completed,
      tau,
      eps,
      topic: this.topicTable.toList(),
      region: this.regionTable.toList(),
      ...this.auxSnapshot(),
      buffered: this.buffer.length,
    };
  }

  protected auxSnapshot(): { topicAux?: RowList; regionAux?: RowList } {
    return {};
  }
}

/** softmax(x / max(tau, 1e-6)), stable; into `out` when given (may be `logits` itself). */
export function softmaxAt(logits: ArrayLike<number>, tau: number, out: Float64Array = new Float64Array(logits.length)): Float64Array {
  const t = Math.max(tau, 1e-6);
  const n = logits.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logits[i] / t);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    out[i] = Math.exp(logits[i] / t - max);
    sum += out[i];
  }
  for (let i = 0; i < n; i++) out[i] /= sum;
  return out;
}
