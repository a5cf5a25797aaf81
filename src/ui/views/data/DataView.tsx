// Placeholder until this view lands; replaced by its issue's work.
export default function DataView() {
  return <section><h2>DataView</h2><p className="muted">This view is being built.</p></section>;
}
