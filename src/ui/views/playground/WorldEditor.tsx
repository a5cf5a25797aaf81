// The simulated world: presets, reward kind, drift, contexts (from the dataset, the built-in demo,
// a run's logged rewards, or by hand) and the true reward grid.

import { useEffect, useState } from 'react';
import { formatProblem, type Problem } from '../../../data/example';
import { demoContexts, PRESETS, presetWorld } from '../../../lrpo/playground/presets';
import { contextsFromExamples, parseRewardRecords, worldFromRecords } from '../../../lrpo/playground/world-from-data';
import { usePlaygroundStore } from '../../store/playground-store';
import { loadDatasetExamples } from './dataset-contexts';
import { NumberField, TextField } from './fields';
import { WorldGrid } from './WorldGrid';
import { withContext, withLanguages, withoutContext, withPreset } from './world-edit';

export function WorldEditor() {
  const spec = usePlaygroundStore((s) => s.spec);
  const setSpec = usePlaygroundStore((s) => s.setSpec);
  const world = spec.world;
  const [datasetCount, setDatasetCount] = useState<number | null>(null);
  const [notice, setNotice] = useState<{ text: string; problems: Problem[] } | null>(null);
  const [langError, setLangError] = useState<string | null>(null);

  useEffect(() => {
    loadDatasetExamples().then((ex) => setDatasetCount(ex?.length ?? null));
  }, []);

  const useDataset = async () => {
    const ex = await loadDatasetExamples();
    if (!ex) {
      setDatasetCount(null);
      return setNotice({ text: 'No dataset is loaded (open one in the Data view); the built-in demo world stays.', problems: [] });
    }
    const contexts = contextsFromExamples(ex, world.languages, spec.router.regional_topics);
    setSpec((s) => ({ ...s, world: presetWorld('local_best', contexts, s.world.languages, { kind: s.world.kind }) }));
    setNotice({ text: `${contexts.length} contexts from ${ex.length} dataset examples (rewards from the "local language knows best" preset; edit them below).`, problems: [] });
  };

  const fromRun = async (file: File) => {
    const { records, problems } = parseRewardRecords(new Uint8Array(await file.arrayBuffer()), file.name);
    const { world: measured, unmeasured, problems: more } = worldFromRecords(records, world.languages, spec.router.regional_topics, world.kind === 'bernoulli' ? 'gaussian' : world.kind);
    if (!measured) return setNotice({ text: `${file.name}: nothing usable; the world is unchanged.`, problems: [...problems, ...more] });
    setSpec((s) => ({ ...s, world: measured }));
    setNotice({
      text: `Means measured from ${records.length} logged rewards in ${file.name}: ${measured.contexts.length} contexts` +
        `${unmeasured ? `; ${unmeasured} cells never logged were set to their context's mean` : ''}${problems.length ? `; ${problems.length} lines skipped` : ''}.`,
      problems,
    });
  };

  return (
    <section className="panel" aria-label="World">
      <h3>World: contexts × languages, true rewards</h3>
      <div className="row">
        <span>Presets:</span>
        {PRESETS.map((p) => (
          <button key={p.name} title={p.help} onClick={() => setSpec((s) => ({ ...s, world: withPreset(s.world, p.name, s.steps) }))}>{p.label}</button>
        ))}
        <label className="pg-file">
          From a run…
          <input type="file" accept=".jsonl,.json,.txt" aria-label="from a run (rollouts.jsonl or replay observations)" onChange={(e) => e.target.files?.[0] && fromRun(e.target.files[0])} />
        </label>
      </div>
      <div className="row">
        <span>Contexts:</span>
        <button onClick={useDataset} disabled={datasetCount === null} title={datasetCount === null ? 'no dataset loaded' : undefined}>
          From the loaded dataset{datasetCount !== null ? ` (${datasetCount} examples)` : ''}
        </button>
        <button onClick={() => setSpec((s) => ({ ...s, world: presetWorld('local_best', demoContexts(), s.world.languages, { kind: s.world.kind }) }))}>Built-in demo world</button>
        {datasetCount === null && <span className="muted">No dataset loaded: the demo world's contexts are authored by us.</span>}
      </div>
      <div className="row">
        <label>
          rewards{' '}
          <select aria-label="reward distribution" value={world.kind} onChange={(e) => setSpec((s) => ({ ...s, world: { ...s.world, kind: e.target.value as 'bernoulli' | 'gaussian' } }))}>
            <option value="bernoulli">Bernoulli(mean)</option>
            <option value="gaussian">Gaussian(mean, spread) clipped to [0, 1]</option>
          </select>
        </label>
        {world.drift && (
          <NumberField label="drift at step" value={world.drift.atStep} min={0} integer onCommit={(v) => setSpec((s) => ({ ...s, world: { ...s.world, drift: { ...s.world.drift!, atStep: v } } }))} />
        )}
        <TextField
          label="languages (router arms)"
          width={360}
          value={world.languages.join(', ')}
          onCommit={(v) => {
            const r = withLanguages(world, v);
            setLangError(r.error);
            if (r.world) setSpec((s) => ({ ...s, world: r.world!, router: { ...s.router, languages: r.world!.languages } }));
          }}
        />
        {langError && <span className="pg-field-error" role="alert">{langError}</span>}
      </div>
      {notice && (
        <div className={notice.problems.length ? 'error' : 'muted'} role="status">
          {notice.text}
          {notice.problems.slice(0, 10).map((p, i) => <div key={i}>{formatProblem(p)}</div>)}
          {notice.problems.length > 10 && <div>… and {notice.problems.length - 10} more</div>}
        </div>
      )}
      <details>
        <summary>Edit contexts ({world.contexts.length})</summary>
        <table aria-label="contexts">
          <thead>
            <tr><th>topic</th><th>regions</th><th>original language</th><th>weight</th><th /></tr>
          </thead>
          <tbody>
            {world.contexts.map((c, i) => (
              <tr key={i}>
                <td><TextField label={`topic ${i + 1}`} value={c.topic} onCommit={(v) => v.trim() && setSpec((s) => (s.world.contexts[i].topic = v.trim(), s))} /></td>
                <td><TextField label={`regions ${i + 1}`} value={c.regions.join(', ')} onCommit={(v) => setSpec((s) => (s.world.contexts[i].regions = v.split(',').map((x) => x.trim()).filter(Boolean), s))} /></td>
                <td>
                  <select aria-label={`original language ${i + 1}`} value={c.origLang} onChange={(e) => setSpec((s) => (s.world.contexts[i].origLang = e.target.value, s))}>
                    {world.languages.map((l) => <option key={l} value={l}>{l}</option>)}
                  </select>
                </td>
                <td><NumberField label={`weight ${i + 1}`} value={c.weight} min={0.001} onCommit={(v) => setSpec((s) => (s.world.contexts[i].weight = v, s))} /></td>
                <td><button disabled={world.contexts.length <= 1} onClick={() => setSpec((s) => ({ ...s, world: withoutContext(s.world, i) }))}>remove</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <button onClick={() => setSpec((s) => ({ ...s, world: withContext(s.world, { topic: 'New topic', regions: [], origLang: s.world.languages.includes('en') ? 'en' : s.world.languages[0], weight: 1 }) }))}>add context</button>
      </details>
      <WorldGrid />
    </section>
  );
}
