// One rollout token by token, coloured by the policy's log-probability, its entropy, or (after the
// update) the probability ratio pi_new / pi_old; with the rollout's reward components and
// advantage. Model text is rendered as text.

import { useState } from 'react';
import type { RolloutRecord } from '../../../lrpo/trainer';
import { fmt, tokenRatios } from '../../../lrpo/teaching/step-walk';
import { tokenColor, type TokenMode } from './token-colors';

const MODES: { id: TokenMode; label: string }[] = [
  { id: 'logprob', label: 'log-probability' },
  { id: 'entropy', label: 'entropy' },
  { id: 'ratio', label: 'ratio after the update' },
];

export function RolloutInspector({ r, clip, onClose }: { r: RolloutRecord; clip: number; onClose: () => void }) {
  const [mode, setMode] = useState<TokenMode>('logprob');
  const ratios = tokenRatios(r);
  const values = mode === 'logprob' ? r.logprobs : mode === 'entropy' ? r.entropies : ratios;
  const pieces = r.tokens ?? [];
  return (
    <div className="panel teach-inspector" role="dialog" aria-label="Rollout inspector">
      <div className="row">
        <h3 style={{ margin: 0 }}>Rollout {r.targetLang} · group {r.group}</h3>
        {MODES.map((m) => (
          <label key={m.id}><input type="radio" name="token-mode" checked={mode === m.id} disabled={m.id === 'ratio' && !ratios.length} onChange={() => setMode(m.id)} /> {m.label}</label>
        ))}
        <button onClick={onClose}>Close</button>
      </div>
      {pieces.length ? (
        <p className="teach-tokens" data-testid="inspector-tokens">
          {pieces.map((p, j) => {
            const v = values?.[j];
            const title = `token ${j + 1}: log p ${fmt(r.logprobs?.[j])}, entropy ${fmt(r.entropies?.[j])}, ratio ${fmt(ratios[j], 4)}`;
            return <span key={j} className="teach-token" title={title} data-value={v ?? ''} style={{ background: v === undefined ? '#eee' : tokenColor(mode, v, clip) }}>{p === '' ? '·' : p}</span>;
          })}
        </p>
      ) : (
        <p className="muted">This rollout has no token trace (a log written before token traces were recorded).</p>
      )}
      <table aria-label="Reward components">
        <tbody>
          <tr><th>detected language</th><td>{r.detectedLang ?? 'none'} ({fmt(r.detectedProb)})</td><th>similarity</th><td className="num">{fmt(r.similarity)}</td></tr>
          <tr><th>calibrated</th><td className="num">{fmt(r.calibrated)}</td><th>r</th><td className="num">{fmt(r.raw)}</td></tr>
          <tr><th>gate</th><td className="num">{fmt(r.gate)}</td><th>reward</th><td className="num" data-testid="inspector-reward">{fmt(r.reward)}</td></tr>
          <tr><th>advantage</th><td className="num" data-testid="inspector-advantage">{fmt(r.advantage)}</td><th>tokens</th><td className="num">{r.responseLength}{r.truncated ? ' (cut at the length limit)' : ''}</td></tr>
        </tbody>
      </table>
    </div>
  );
}
