// Placeholder until this view lands; replaced by its issue's work.
export default function EvaluateView() {
  return <section><h2>EvaluateView</h2><p className="muted">This view is being built.</p></section>;
}
