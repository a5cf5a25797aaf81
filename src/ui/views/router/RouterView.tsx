// Placeholder until this view lands; replaced by its issue's work.
export default function RouterView() {
  return <section><h2>RouterView</h2><p className="muted">This view is being built.</p></section>;
}
