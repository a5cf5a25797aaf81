// Train view: controls, status, the configuration (presets, editor, URL), the training-health
// charts, the latest rollouts, the log, and the exports. All training runs in the worker.

import { useEffect } from 'react';
import { initRun } from '../../worker/client';
import { useRunStore } from '../../store/run-store';
import { RunControls } from './RunControls';
import { RunStatus } from './RunStatus';
import { ConfigEditor } from './ConfigEditor';
import { HealthCharts } from './HealthCharts';
import { RolloutsTable } from './RolloutsTable';
import { RunLog } from './RunLog';
import { MetricsFileLoader } from './MetricsFileLoader';
import { TrainExports } from '../../export/TrainExports';
import { CheckpointOpener } from './CheckpointOpener';
import { MatchCoverageNote } from '../../components/MatchCoverageNote';
import './studio.css';

function Banner() {
  const banner = useRunStore((s) => s.banner);
  const clear = useRunStore((s) => s.setBanner);
  if (!banner) return null;
  return (
    <div className={`banner banner-${banner.level}`} role={banner.level === 'error' ? 'alert' : 'status'} data-testid="banner">
      <span>{banner.text}</span> <button onClick={() => clear(null)}>Dismiss</button>
    </div>
  );
}

export default function TrainView() {
  useEffect(() => initRun(), []);
  return (
    <section className="train-view">
      <Banner />
      <div className="panel">
        <RunControls />
        <RunStatus />
        <MatchCoverageNote />
      </div>
      <details className="panel" open>
        <summary><strong>Configuration</strong></summary>
        <ConfigEditor />
      </details>
      <div className="panel">
        <div className="row"><h3 style={{ margin: 0 }}>Training health</h3><MetricsFileLoader /></div>
        <HealthCharts />
      </div>
      <div className="panel"><RolloutsTable /></div>
      <div className="panel row" style={{ alignItems: 'flex-start' }}>
        <div style={{ flex: 2 }}><RunLog /></div>
        <div style={{ flex: 1 }}><TrainExports /><CheckpointOpener /></div>
      </div>
    </section>
  );
}
