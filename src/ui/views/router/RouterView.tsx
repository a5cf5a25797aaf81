// Router view: the effective-probability heatmap (contexts by languages), one context over steps with
// tau and epsilon, the share of rollouts per language, the value tables, and a timeline scrubber that
// moves all of them. Source: the live run, or a replayed router JSONL.

import { useDeferredValue, useMemo } from 'react';
import { currentFrame, currentFrames, useRouterStore } from '../../store/router-store';
import { Heatmap } from '../../charts/Heatmap';
import { LangBarChart } from '../../charts/LangBarChart';
import { InView } from '../../charts/InView';
import { ContextPanel } from './ContextPanel';
import { ReplayLoader } from './ReplayLoader';
import { TimelineScrubber } from './TimelineScrubber';
import { ValueTables } from './ValueTables';
import { contextsOf, langsOf, rolloutShare } from './router-derive';
import { RouterExports } from '../../export/RouterExports';
import '../train/studio.css';

/** Top of the colour scale: at least 3/L, so a uniform router reads as pale, a peaked one as dark. */
function heatTop(frame: { probs: Record<string, { effective: Record<string, number> }> }, L: number): number {
  let top = 0;
  for (const e of Object.values(frame.probs)) for (const p of Object.values(e.effective)) top = Math.max(top, p);
  return Math.max(top, Math.min(1, 3 / Math.max(1, L)));
}

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

export default function RouterView() {
  const source = useRouterStore((s) => s.source);
  const setSource = useRouterStore((s) => s.setSource);
  const replay = useRouterStore((s) => s.replay);
  const liveCount = useRouterStore((s) => s.live.length);
  const frames = useDeferredValue(useRouterStore(currentFrames));
  const frame = useDeferredValue(useRouterStore(currentFrame));
  const cursor = useRouterStore((s) => s.cursor);
  const setContext = useRouterStore((s) => s.setContext);
  const chosen = useRouterStore((s) => s.context);
  const contexts = useMemo(() => contextsOf(frames), [frames]);
  const langs = useMemo(() => langsOf(frames), [frames]);
  const share = useMemo(() => rolloutShare(frames, cursor === null ? frames.length - 1 : cursor), [frames, cursor]);
  return (
    <section className="router-view">
      <div className="panel row">
        <strong>Source</strong>
        <label><input type="radio" name="router-source" checked={source === 'live'} onChange={() => setSource('live')} /> live run ({liveCount} steps)</label>
        <label>
          <input type="radio" name="router-source" checked={source === 'replay'} disabled={!replay} onChange={() => setSource('replay')} />
          {' '}replay{replay ? `: ${replay.file} (${replay.frames.length} steps)` : ''}
        </label>
        <ReplayLoader />
        <RouterExports />
      </div>
      <div className="panel"><TimelineScrubber /></div>
      {!frame ? (
        <p className="panel muted">No router steps yet: start training on the Train tab, or open a router JSONL.</p>
      ) : (
        <>
          <div className="panel">
            <Heatmap title={`Effective probabilities at step ${frame.step}`} rows={contexts} cols={langs}
              max={heatTop(frame, langs.length)} value={(r, c) => frame.probs[r]?.effective[c]} onRowClick={setContext} selectedRow={chosen} showNumbers={langs.length <= 16} centre={1 / Math.max(1, langs.length)} />
          </div>
          <div className="panel"><ContextPanel /></div>
          <div className="panel">
            {share ? (
              <InView props={{ title: 'Share of routed rollouts per language (up to this step)', values: share, langs, format: percent }}
                render={(p) => <LangBarChart {...p} />} />
            ) : (
              <p className="muted">Rollout counts per language are not part of a router log; they are shown for live runs.</p>
            )}
          </div>
          <div className="panel"><ValueTables frame={frame} langs={langs} /></div>
        </>
      )}
    </section>
  );
}
