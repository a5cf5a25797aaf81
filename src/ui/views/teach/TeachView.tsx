// Teaching view: one LRPO step walked through panel by panel (question -> languages -> rollouts ->
// language ID -> similarity -> calibration -> reward -> group mean/std -> advantages -> clipped loss
// -> router buffer -> EMA update) with that step's live numbers, the step's health hints, and a
// rollout inspector. Source: the live run's recent steps or a saved run folder. The place
// (step, group, panel) is in the URL hash: #teach/<step>/<group>/<panel>.

import { useEffect, useMemo, useState } from 'react';
import { PANEL_IDS, groupsOf, walkOptions, walkPanels, type Cell, type PanelId } from '../../../lrpo/teaching/step-walk';
import { healthHints } from '../../../lrpo/teaching/health-hints';
import type { RolloutRecord } from '../../../lrpo/trainer';
import { teachSteps, useTeachStore } from '../../store/teach-store';
import { useSettingsStore } from '../../store/settings-store';
import { HealthHints } from './HealthHints';
import { RolloutInspector } from './RolloutInspector';
import { SavedRunOpener } from './SavedRunOpener';
import { parseTeachHash, teachHash } from './teach-url';
import '../train/studio.css';
import './teach.css';

function CellView({ c }: { c: Cell }) {
  return <td className={c.raw !== undefined ? 'num' : 'text-cell'} data-raw={c.raw ?? ''}>{c.value}</td>;
}

export default function TeachView() {
  const source = useTeachStore((s) => s.source);
  const setSource = useTeachStore((s) => s.setSource);
  const saved = useTeachStore((s) => s.saved);
  const liveCount = useTeachStore((s) => s.live.length);
  const steps = useTeachStore(teachSteps);
  const liveConfig = useSettingsStore((s) => s.config);
  const config = source === 'saved' && saved ? saved.run.config : liveConfig;
  const options = useMemo(() => walkOptions(config), [config]);

  const [place, setPlace] = useState(() => parseTeachHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setPlace(parseTeachHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const [inspect, setInspect] = useState<RolloutRecord | null>(null);

  const stepIdx = place.step === null ? steps.length - 1 : steps.findIndex((s) => s.step === place.step);
  const step = stepIdx >= 0 ? steps[stepIdx] : null;
  const groups = step ? groupsOf(step) : [];
  const group = place.group !== null && groups.includes(place.group) ? place.group : groups[0] ?? 0;
  const panels = useMemo(() => (step ? walkPanels(step, group, options) : []), [step, group, options]);
  const panelIdx = Math.max(0, place.panel ? PANEL_IDS.indexOf(place.panel) : 0);
  const panel = panels[panelIdx];
  const hints = useMemo(() => (step ? healthHints({ step: step.step, rollouts: step.rollouts, metrics: step.metrics, routerLine: step.routerLine, updateEvery: options.updateEvery, regionalTopics: options.regionalTopics }) : []), [step, options]);
  const groupRollouts = step ? step.rollouts.filter((r) => r.group === group) : [];

  const go = (p: { step?: number; group?: number; panel?: PanelId }) => {
    if (!step) return;
    const next = { step: p.step ?? step.step, group: p.group ?? group, panel: p.panel ?? PANEL_IDS[panelIdx] };
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${teachHash(next)}`);
    setPlace(next);
    setInspect(null);
  };
  const stepAt = (i: number) => steps[Math.min(steps.length - 1, Math.max(0, i))]?.step;

  return (
    <section className="teach-view">
      <div className="panel row">
        <strong>Source</strong>
        <label><input type="radio" name="teach-source" checked={source === 'live'} onChange={() => setSource('live')} /> live run ({liveCount} steps)</label>
        <label>
          <input type="radio" name="teach-source" checked={source === 'saved'} disabled={!saved} onChange={() => setSource('saved')} />
          {' '}saved run{saved ? `: ${saved.file} (${saved.run.steps.length} steps)` : ''}
        </label>
        <SavedRunOpener />
      </div>
      {!step ? (
        <p className="panel muted">
          {place.step !== null && steps.length ? `Step ${place.step} is not available (steps ${steps[0].step}–${steps[steps.length - 1].step} are). ` : ''}
          No step to walk through yet: start a run on the Train tab (the Teaching demo preset is made for this view), or open a saved run folder.
        </p>
      ) : (
        <>
          <div className="panel row">
            <button onClick={() => go({ step: stepAt(stepIdx - 1) })} disabled={stepIdx <= 0}>◀ step</button>
            <strong>Step <span data-testid="teach-step">{step.step}</span></strong>
            <button onClick={() => go({ step: stepAt(stepIdx + 1) })} disabled={stepIdx >= steps.length - 1}>step ▶</button>
            <label>question group{' '}
              <select aria-label="Question group" value={group} onChange={(e) => go({ group: Number(e.target.value) })}>
                {groups.map((g) => <option key={g} value={g}>{g}: {step.rollouts.find((r) => r.group === g)?.question.slice(0, 60)}</option>)}
              </select>
            </label>
          </div>
          <div className="panel"><h3 style={{ marginTop: 0 }}>Health</h3><HealthHints hints={hints} /></div>
          {panel && (
            <div className="panel teach-panel" data-panel={panel.id} aria-label={panel.title}>
              <div className="row">
                <button onClick={() => go({ panel: PANEL_IDS[panelIdx - 1] })} disabled={panelIdx === 0}>◀ Previous</button>
                <span className="muted">panel {panelIdx + 1} of {panels.length}</span>
                <button onClick={() => go({ panel: PANEL_IDS[panelIdx + 1] })} disabled={panelIdx >= panels.length - 1}>Next ▶</button>
              </div>
              <ol className="teach-trail" aria-label="Panels">
                {panels.map((p, i) => (
                  <li key={p.id}><a href={teachHash({ step: step.step, group, panel: p.id })} className={i === panelIdx ? 'active' : ''}>{p.title.replace(/^\d+\.\s*/, '')}</a></li>
                ))}
              </ol>
              <h2 data-testid="teach-panel-title">{panel.title}</h2>
              <p className="teach-text">{panel.text}</p>
              {panel.figures.length > 0 && (
                <dl className="teach-figures">
                  {panel.figures.map((f) => (
                    <div key={f.label} data-figure={f.label} data-raw={f.raw ?? ''}><dt>{f.label}</dt><dd>{f.value}</dd></div>
                  ))}
                </dl>
              )}
              {panel.rows.length > 0 && (
                <div className="table-scroll">
                  <table aria-label={`${panel.title} table`}>
                    <thead><tr>{panel.columns.map((c) => <th key={c}>{c}</th>)}<th /></tr></thead>
                    <tbody>
                      {panel.rows.map((row, i) => {
                        const r = panel.columns[0] === '#' ? groupRollouts[i] : undefined;
                        return (
                          <tr key={i}>
                            {row.map((c, j) => <CellView key={j} c={c} />)}
                            <td>{r && <button onClick={() => setInspect(r)} aria-label={`Inspect rollout ${i + 1}`}>inspect</button>}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          )}
          {inspect && <RolloutInspector r={inspect} clip={options.clipHigh} onClose={() => setInspect(null)} />}
        </>
      )}
    </section>
  );
}
