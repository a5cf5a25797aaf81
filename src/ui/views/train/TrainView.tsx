// Placeholder until this view lands; replaced by its issue's work.
export default function TrainView() {
  return <section><h2>TrainView</h2><p className="muted">This view is being built.</p></section>;
}
