// The Data view: open a dataset (demo on start, local parquet/JSONL by picker or drop), see its
// counts and problems, browse and filter its examples, query it with SQL.
import { useEffect } from 'react';
import { DataProblemList } from './DataProblemList';
import { useDataStore } from '../../store/data-store';
import { DatasetStats } from './DatasetStats';
import { ExampleTable } from './ExampleTable';
import { FileOpener } from './FileOpener';
import { SqlPanel } from './SqlPanel';
import { MatchCoverageNote } from '../../components/MatchCoverageNote';
import './data.css';

export default function DataView() {
  const fileName = useDataStore((s) => s.fileName);
  const problems = useDataStore((s) => s.problems);
  const lastError = useDataStore((s) => s.lastError);
  const loadingName = useDataStore((s) => s.loadingName);
  const dismissError = useDataStore((s) => s.dismissError);

  useEffect(() => {
    const s = useDataStore.getState();
    if (!s.fileName && !s.loadingName && !s.lastError) void s.loadDemo();
  }, []);

  return (
    <section className="data-view">
      <h2>Data</h2>
      <FileOpener />
      {lastError && (
        <div data-testid="load-error">
          <DataProblemList
            title={`${lastError.fileName} could not be used${fileName ? ` — still showing ${fileName}` : ''}`}
            problems={lastError.problems}
            onDismiss={dismissError}
          />
        </div>
      )}
      {!fileName && loadingName && <p className="muted">Reading {loadingName}…</p>}
      {fileName && (
        <>
          <DatasetStats />
          <MatchCoverageNote />
          {problems.length > 0 && (
            <details className="panel data-problems" data-testid="dataset-problems">
              <summary>{problems.length} problem{problems.length === 1 ? '' : 's'} in {fileName} (unusable rows and ignored values)</summary>
              <DataProblemList title={`Problems in ${fileName}`} problems={problems} max={200} />
            </details>
          )}
          <ExampleTable />
          <SqlPanel />
        </>
      )}
    </section>
  );
}
