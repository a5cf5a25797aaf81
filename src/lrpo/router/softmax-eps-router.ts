// The reference's router: value tables per topic and per region over the languages (start all
// zero = uniform), logits = topic row + region row(s) for regional topics, choice = with
// probability eps a uniform language, else a draw from softmax(logits / max(tau, 1e-6)).
// Update: EMA Q <- (1 - alpha) Q + alpha * value on the topic row, and on the region row too for
// regional topics, one buffered key at a time in first-seen order.

import type { KeyUpdate } from './buffered-update';
import { emaStep } from './buffered-update';
import { BaseRouter, softmaxAt } from './base-router';
import { RowTable } from './row-table';
import type { RouterContext } from './types';

export class SoftmaxEpsRouter extends BaseRouter {
  protected readonly topicTable = new RowTable(this.L);
  protected readonly regionTable = new RowTable(this.L);

  /** topic row plus the region row(s) of regional topics */
  logits(ctx: RouterContext): Float64Array {
    const out = Float64Array.from(this.topicTable.get(ctx.topic));
    for (const r of this.contextRegions(ctx)) {
      const row = this.regionTable.get(r);
      for (let i = 0; i < this.L; i++) out[i] += row[i];
    }
    return out;
  }

  protected policyFor(ctx: RouterContext, tau: number): Float64Array {
    const z = this.logits(ctx);
    return softmaxAt(z, tau, z);
  }

  protected rowPolicy(kind: 'topic' | 'region', name: string, tau: number): Float64Array {
    return softmaxAt((kind === 'topic' ? this.topicTable : this.regionTable).get(name), tau);
  }

  protected applyUpdates(updates: KeyUpdate[]): void {
    const a = this.config.lang_policy_alpha;
    for (const u of updates) {
      emaStep(this.topicTable.get(u.topic), u.lang, u.value, a);
      if (this.isRegional(u.topic)) emaStep(this.regionTable.get(u.region), u.lang, u.value, a);
    }
  }

  protected tables(): Record<string, RowTable> {
    return { topic: this.topicTable, region: this.regionTable };
  }
}
