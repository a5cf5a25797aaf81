// Placeholder until this view lands; replaced by its issue's work.
export default function PlaygroundView() {
  return <section><h2>PlaygroundView</h2><p className="muted">This view is being built.</p></section>;
}
