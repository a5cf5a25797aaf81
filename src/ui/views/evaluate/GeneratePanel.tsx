// Generating predictions with the studio's current model (src/eval/generate-predictions.ts). The
// model lives in the training worker, whose message protocol has no generation request yet, so the
// button says what it needs instead of producing anything.
export function GeneratePanel() {
  return (
    <div className="panel">
      <h3>Generate predictions with the current model</h3>
      <p className="muted">
        Answers each loaded question in its own language (prompt: question, newline, &lt;|out_lang_xx|&gt;). This needs the
        studio&apos;s model from the training worker, which does not offer generation to this view yet.
      </p>
      <button disabled title="needs a model from the training worker">Generate predictions</button>
    </div>
  );
}
