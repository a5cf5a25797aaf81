// The judge endpoint: any OpenAI-compatible chat-completions server. The key lives in memory unless
// "remember" is ticked; allowing a new origin (Content-Security-Policy) reloads the page, keeping
// the loaded file and verdicts.
import { useEvalStore } from '../../store/eval-store';
import { allowAndReload } from './judge-controller';

export function EndpointPanel() {
  const s = useEvalStore();
  const num = (v: string, min: number) => Math.max(min, Math.floor(Number(v) || min));
  return (
    <div className="panel">
      <h3>Judge endpoint</h3>
      <form className="eval-form" onSubmit={(e) => e.preventDefault()} autoComplete="off">
        <label>
          Base URL
          <input type="url" value={s.baseUrl} placeholder="http://127.0.0.1:8000/v1" onChange={(e) => s.setEndpoint({ baseUrl: e.target.value })} />
        </label>
        <label>
          Model
          <input value={s.model} placeholder="judge model name" onChange={(e) => s.setEndpoint({ model: e.target.value })} />
        </label>
        <label>
          API key
          <input type="password" value={s.apiKey} autoComplete="off" onChange={(e) => s.setEndpoint({ apiKey: e.target.value })} />
        </label>
        <label className="check">
          <input type="checkbox" checked={s.rememberKey} onChange={(e) => s.setRememberKey(e.target.checked)} /> Remember the key in this browser
        </label>
        <label>
          Concurrency
          <input type="number" min={1} max={64} value={s.concurrency} onChange={(e) => s.setEndpoint({ concurrency: num(e.target.value, 1) })} />
        </label>
        <label>
          Timeout (ms)
          <input type="number" min={100} value={s.timeoutMs} onChange={(e) => s.setEndpoint({ timeoutMs: num(e.target.value, 100) })} />
        </label>
        <label>
          Retries
          <input type="number" min={0} max={20} value={s.retries} onChange={(e) => s.setEndpoint({ retries: num(e.target.value, 0) })} />
        </label>
      </form>
      <p className="muted">
        POST {'{base URL}'}/chat/completions; a base URL without a path gets /v1. The key is sent only in the Authorization
        header and never appears in exports. The endpoint must accept cross-origin requests (CORS) from this page, with
        the Authorization and Content-Type headers (and expose Retry-After, or backoff is used instead).
      </p>
      {s.needsAllow && (
        <div className="eval-allow" role="alert">
          <p>
            This page may only connect to its own origin and to endpoints you allow. Allow <b>{s.needsAllow}</b>? The page
            reloads to apply it; the loaded file and verdicts are kept{s.rememberKey ? '' : ', the API key must be entered again'}.
          </p>
          <div className="row">
            <button className="primary" onClick={() => void allowAndReload(s.needsAllow!)}>Allow and reload</button>
            <button onClick={() => s.setNeedsAllow(null)}>Not now</button>
          </div>
        </div>
      )}
    </div>
  );
}
