// What a move to the reference's verl trainer would silently drop or change: settings verl has no
// key for, or values its code hard-wires. The verl overrides file carries these as "# WARNING:"
// header lines and the Train view lists them beside the export button.

import { ROUTER_LANGUAGES } from '../data/languages';
import { defaultRouterConfig, type RunConfig } from './config';

export interface VerlExportWarning {
  /** the studio setting (dotted path) */
  field: string;
  message: string;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function verlExportWarnings(c: RunConfig): VerlExportWarning[] {
  const out: VerlExportWarning[] = [];
  const warn = (field: string, message: string) => out.push({ field, message });
  const ref = defaultRouterConfig();
  if (c.actor.rollout_n !== 8) {
    warn('actor.rollout_n', `rollout.n is ${c.actor.rollout_n}, but the reference's grouped sampler hard-codes n = 8 (it repeats each row 8 times and asserts train_batch_size % 8 == 0); the reference run will use 8`);
  }
  if (c.router.dynamic_lang_policy && c.router.algorithm !== 'softmax_eps') {
    warn('router.algorithm', `router '${c.router.algorithm}' is ours; the reference trainer only has the softmax/epsilon router and will use it`);
  }
  if (c.router.dynamic_lang_policy && c.router.uniform_mix) {
    warn('router.uniform_mix', 'the uniform fixed-mix baseline is ours; the reference trainer ignores it and routes with its learned router');
  }
  if (!same(c.router.regional_topics, ref.regional_topics)) {
    warn('router.regional_topics', `regional topics [${c.router.regional_topics.join(', ')}] differ from the reference's hard-wired ["Regional Knowledge"]; verl ignores this setting`);
  }
  if (!same(c.router.fixed_lang_topics, ref.fixed_lang_topics)) {
    warn('router.fixed_lang_topics', `fixed-language topics [${c.router.fixed_lang_topics.join(', ')}] differ from the reference's hard-wired ["Translation"]; verl ignores this setting`);
  }
  if (!same(c.router.languages, ROUTER_LANGUAGES)) {
    warn('router.languages', `router languages [${c.router.languages.join(', ')}] differ from the reference's 15; verl has no option for them`);
  }
  if (c.reward.similarity === 'match') {
    warn('reward.similarity', "the 'match' similarity (chrF against a same-language reference) is ours; the reference scores with mmBERT-small embeddings, so rewards there will differ");
  }
  return out;
}
