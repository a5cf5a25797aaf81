import { lazy, Suspense, useEffect, useState } from 'react';

// The studio's shell: one tab per view; the view is kept in the URL hash (#data, #train, ...), the
// run configuration in the query string, so a link reopens the same view with the same settings.
const VIEWS = [
  { id: 'data', label: 'Data', Component: lazy(() => import('./views/data/DataView')) },
  { id: 'train', label: 'Train', Component: lazy(() => import('./views/train/TrainView')) },
  { id: 'teach', label: 'Teaching', Component: lazy(() => import('./views/teach/TeachView')) },
  { id: 'router', label: 'Router', Component: lazy(() => import('./views/router/RouterView')) },
  { id: 'playground', label: 'Router playground', Component: lazy(() => import('./views/playground/PlaygroundView')) },
  { id: 'evaluate', label: 'Evaluate (CARE)', Component: lazy(() => import('./views/evaluate/EvaluateView')) },
] as const;

type ViewId = (typeof VIEWS)[number]['id'];

function viewFromHash(): ViewId {
  // a view may carry a place after a slash (#teach/3/0/loss)
  const h = window.location.hash.replace(/^#\/?/, '').split('/')[0];
  return (VIEWS.find((v) => v.id === h)?.id ?? 'data') as ViewId;
}

export function App() {
  const [view, setView] = useState<ViewId>(viewFromHash);
  useEffect(() => {
    const onHash = () => setView(viewFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const Current = VIEWS.find((v) => v.id === view)!.Component;
  return (
    <div className="app">
      <header className="app-header">
        <h1>LRPO Studio</h1>
        <nav aria-label="Views">
          {VIEWS.map((v) => (
            <a
              key={v.id}
              href={`#${v.id}`}
              className={v.id === view ? 'tab active' : 'tab'}
              aria-current={v.id === view ? 'page' : undefined}
            >
              {v.label}
            </a>
          ))}
        </nav>
        <a className="tab" href="bench.html" title="Run the engine benchmark on this browser's GPU">GPU benchmark</a>
      </header>
      <main className="app-main">
        <Suspense fallback={<p className="muted">Loading view…</p>}>
          <Current />
        </Suspense>
      </main>
    </div>
  );
}
