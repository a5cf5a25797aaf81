// Shared by the UCB and Thompson routers (ours): per row and language, the number of buffered
// observations and the sum of their raw rewards, folded in on the reference's cadence (every
// `update_every` steps, keys in first-seen order) into the topic row, and into the region row too
// for regional topics. These two learn from raw mean rewards, not group-normalized EMA values:
// their confidence terms are in reward units, and a context where the bandit sent a whole batch to
// one language would normalize to zero. `lang_policy_group_norm` and `lang_policy_alpha` therefore
// apply to the reference router only.
// A context's statistics: for regional topics the pooled statistics of its region rows (the
// region is what tells Japan from Brazil), otherwise its topic row.

import type { KeyUpdate } from './buffered-update';
import { BaseRouter } from './base-router';
import { RowTable } from './row-table';
import type { RouterContext, RowList } from './types';

export abstract class StatsRouter extends BaseRouter {
  protected readonly topicTable = new RowTable(this.L);
  protected readonly regionTable = new RowTable(this.L);
  protected readonly topicSum = new RowTable(this.L);
  protected readonly regionSum = new RowTable(this.L);
  protected readonly usesTau = false;

  /** The context's pooled (count, sum) per language. */
  contextStats(ctx: RouterContext): { count: Float64Array; sum: Float64Array } {
    const regions = this.contextRegions(ctx);
    if (regions.length === 0) {
      return { count: Float64Array.from(this.topicTable.get(ctx.topic)), sum: Float64Array.from(this.topicSum.get(ctx.topic)) };
    }
    const count = new Float64Array(this.L);
    const sum = new Float64Array(this.L);
    for (const r of regions) {
      const c = this.regionTable.get(r), s = this.regionSum.get(r);
      for (let i = 0; i < this.L; i++) {
        count[i] += c[i];
        sum[i] += s[i];
      }
    }
    return { count, sum };
  }

  protected rowStats(kind: 'topic' | 'region', name: string): { count: Float64Array; sum: Float64Array } {
    return kind === 'topic'
      ? { count: this.topicTable.get(name), sum: this.topicSum.get(name) }
      : { count: this.regionTable.get(name), sum: this.regionSum.get(name) };
  }

  protected applyUpdates(updates: KeyUpdate[]): void {
    for (const u of updates) {
      this.topicTable.get(u.topic)[u.lang] += u.count;
      this.topicSum.get(u.topic)[u.lang] += u.mean * u.count;
      if (this.isRegional(u.topic)) {
        this.regionTable.get(u.region)[u.lang] += u.count;
        this.regionSum.get(u.region)[u.lang] += u.mean * u.count;
      }
    }
    this.statsChanged();
  }

  /** called after every update and restore */
  protected statsChanged(): void {}

  protected tables(): Record<string, RowTable> {
    return { topicCount: this.topicTable, regionCount: this.regionTable, topicSum: this.topicSum, regionSum: this.regionSum };
  }

  setState(state: Parameters<BaseRouter['setState']>[0]): void {
    super.setState(state);
    this.statsChanged();
  }

  /** value tables for the UI: the row's estimate per language; aux: observation counts */
  protected abstract estimate(count: number, sum: number): number;

  snapshot() {
    const values = (counts: RowTable, sums: RowTable): RowList =>
      [...counts.rows].map(([name, c]) => {
        const s = sums.get(name);
        return [name, Array.from(c, (n, i) => this.estimate(n, s[i]))];
      });
    return { ...super.snapshot(), topic: values(this.topicTable, this.topicSum), region: values(this.regionTable, this.regionSum) };
  }

  protected auxSnapshot(): { topicAux: RowList; regionAux: RowList } {
    return { topicAux: this.topicTable.toList(), regionAux: this.regionTable.toList() };
  }
}
