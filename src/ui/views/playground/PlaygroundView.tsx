// Router playground: the LRPO router (the same module the trainer uses) against simulated rewards,
// no model. A world of contexts x languages with true reward distributions, up to three routers
// side by side on the same world and seed, live charts. The session lives in the URL (?pg=...).

import { useEffect } from 'react';
import { formatProblem } from '../../../data/example';
import { contextLabel } from '../../../lrpo/playground/world';
import { searchWithSpec, usePlaygroundStore } from '../../store/playground-store';
import { ChoiceMarkers } from './ChoiceMarkers';
import { ProbabilityChart, RegretChart, ScheduleChart, ShareChart } from './PlaygroundCharts';
import { RouterSettingsPanel } from './RouterSettingsPanel';
import { columnName, COLUMN_COLORS, RunControls } from './RunControls';
import { ValueTable } from './ValueTable';
import { WorldEditor } from './WorldEditor';
import './playground.css';

export default function PlaygroundView() {
  const spec = usePlaygroundStore((s) => s.spec);
  const series = usePlaygroundStore((s) => s.series);
  usePlaygroundStore((s) => s.version); // series grow in place; re-render on each report
  const context = usePlaygroundStore((s) => s.context);
  const urlProblems = usePlaygroundStore((s) => s.urlProblems);
  const error = usePlaygroundStore((s) => s.error);
  const { loadFromUrl, setContext, pause } = usePlaygroundStore.getState();

  useEffect(() => {
    loadFromUrl(window.location.search);
    return () => pause();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const search = searchWithSpec(window.location.search, spec);
    if (search !== window.location.search) window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
  }, [spec]);

  const world = spec.world;
  const ctx = Math.min(context, world.contexts.length - 1);
  const lastBest = series[0]?.best.length ? world.languages[series[0].best[series[0].best.length - 1][ctx]] : null;
  return (
    <section className="pg">
      <h2>Router playground</h2>
      <p className="muted">
        The LRPO router against simulated rewards — no model. Pick a world, compare routers on the same questions and rewards, watch
        exploration, annealing and normalization at work.
      </p>
      <details className="panel">
        <summary>What am I looking at?</summary>
        <ul>
          <li>Each step, simulated questions arrive from the world's contexts; each gets <code>rollout.n</code> answers. The first{' '}
            <code>lang_policy_orig_lang_min</code> are in the question's own language, the rest in languages the router picks.</li>
          <li>Rewards are drawn from the true distributions in the grid below. The router never sees the grid, only the rewards.</li>
          <li><b>Effective probabilities</b>: what a routed rollout of the chosen context draws from at each step; the outlined band is the true best.</li>
          <li><b>Regret</b>: reward lost, in expectation, by routed rollouts compared with always picking each context's best language.
            Flat means the router has found the best language; a steady slope means it keeps exploring or is stuck.</li>
          <li>The reference router explores through ε and a softmax temperature τ (both annealed per step) and learns by an EMA of
            group-normalized rewards every <code>lang_policy_update_every</code> steps. UCB adds a confidence bonus; Thompson draws from posteriors.</li>
        </ul>
      </details>
      {urlProblems.length > 0 && (
        <div className="error" role="alert">
          The link's playground settings could not be used; showing the defaults instead.
          {urlProblems.slice(0, 8).map((p, i) => <div key={i}>{formatProblem(p)}</div>)}
        </div>
      )}
      {error && <div className="error" role="alert">{error}</div>}
      <RunControls />
      <section className="panel" aria-label="Regret">
        <RegretChart series={series} />
        <ChoiceMarkers world={world} series={series} context={ctx} onSelect={setContext} />
      </section>
      <section className="panel" aria-label="Per context">
        <div className="row">
          <h3>Context</h3>
          <select aria-label="context" value={ctx} onChange={(e) => setContext(Number(e.target.value))}>
            {world.contexts.map((c, i) => <option key={i} value={i}>{contextLabel(c)}</option>)}
          </select>
        </div>
        <div className="pg-columns" style={{ gridTemplateColumns: `repeat(${series.length}, minmax(0, 1fr))` }}>
          {series.map((s, i) => (
            <div key={i} className="pg-col" style={{ borderTopColor: COLUMN_COLORS[i] }}>
              <h4 style={{ color: COLUMN_COLORS[i] }}>{columnName(i, s.algorithm)}</h4>
              <ProbabilityChart series={s} context={ctx} languages={world.languages} best={lastBest} />
              <ScheduleChart series={s} />
              <ShareChart series={s} context={ctx} languages={world.languages} />
              <details>
                <summary>Value table</summary>
                <ValueTable snapshot={s.snapshot} />
              </details>
            </div>
          ))}
        </div>
      </section>
      <WorldEditor />
      <RouterSettingsPanel />
    </section>
  );
}
