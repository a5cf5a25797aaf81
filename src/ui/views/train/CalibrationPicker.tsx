// The reward's calibration table: which one is in use (as the worker reports it), opening one from a
// file (the reference's CSV lang_a,lang_b,count,mean,std or the quantile JSON), and the rows skipped.
// A file without a usable row is refused and the table in use stays.

import { ProblemList } from '../../components/ProblemList';
import { calibrationLabel, useRunInputsStore } from '../../store/run-inputs-store';
import { clearCalibration, openCalibrationFile } from '../../worker/client';

export function CalibrationPicker() {
  const info = useRunInputsStore((s) => s.calibration);
  const problems = useRunInputsStore((s) => s.calibrationProblems);
  const refused = useRunInputsStore((s) => s.calibrationRefused);
  const opening = useRunInputsStore((s) => s.calibrationOpening);
  const dismiss = useRunInputsStore((s) => s.dismissCalibrationProblems);
  return (
    <div className="calibration-picker">
      <div className="row">
        <span>Calibration table in use: <b data-testid="calibration-in-use">{calibrationLabel(info)}</b></span>
        <label className={opening ? 'file-button disabled' : 'file-button'}>
          Open calibration table…
          <input type="file" accept=".csv,.json,.txt" aria-label="Open calibration table" disabled={!!opening}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void openCalibrationFile(f);
            }} />
        </label>
        {opening && <span className="muted" role="status">checking {opening}…</span>}
        {info?.source === 'file' && <button onClick={clearCalibration}>Use reward.calibration_table instead</button>}
      </div>
      <p className="muted small">An opened table is used by the reward from the next step, kept in the autosave, and named in an exported run.json.</p>
      {refused && (
        <ProblemList problems={refused.problems} lineWord="line" onDismiss={dismiss}
          title={`${refused.name} was not used: it has no usable row (the table in use is unchanged)`} />
      )}
      {!refused && problems.length > 0 && (
        <ProblemList problems={problems} lineWord="line" onDismiss={dismiss} title={`Rows of ${info?.name ?? 'the table'} that were skipped (the other rows are used)`} />
      )}
    </div>
  );
}
