// The reward's similarity backend: which one is in use (as the worker reports it: chrF, or an
// embedding model with its files, input/output names and embedding size), and opening an embedding
// model from local files (the .onnx file and its tokenizer.json). A refused model leaves the backend
// in use unchanged; the message names the file and the reason.

import { ProblemList } from '../../components/ProblemList';
import { useEmbeddingStore } from '../../store/embedding-store';
import { heldLabel, similarityLabel } from '../../worker/embedding-pick';
import { clearEmbedding, openEmbeddingFiles } from '../../worker/client';

export function EmbeddingPicker() {
  const inUse = useEmbeddingStore((s) => s.inUse);
  const held = useEmbeddingStore((s) => s.held);
  const checking = useEmbeddingStore((s) => s.checking);
  const refused = useEmbeddingStore((s) => s.refused);
  const dismiss = useEmbeddingStore((s) => s.dismiss);
  const hint = heldLabel(held);
  return (
    <div className="embedding-picker">
      <div className="row">
        <span>Similarity in use: <b data-testid="similarity-in-use">{similarityLabel(inUse)}</b></span>
        <label className={checking ? 'file-button disabled' : 'file-button'}>
          Open embedding model…
          <input type="file" multiple accept=".onnx,.json,application/json" aria-label="Open embedding model" disabled={!!checking}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void openEmbeddingFiles(files);
            }} />
        </label>
        {checking && <span className="muted" role="status">checking {checking.model?.name} + {checking.tokenizer?.name}…</span>}
        {inUse?.backend === 'embedding' && inUse.embedding.source === 'file' && <button onClick={clearEmbedding}>Use reward.similarity instead</button>}
      </div>
      {hint && <p role="status" data-testid="embedding-held">{hint}</p>}
      <p className="muted small">
        Choose a sentence-embedding model's .onnx file and its tokenizer.json, together or one after the other. The training
        worker checks them (it creates the onnxruntime session, on WebGPU when available, and embeds probe texts); the reward then
        uses the model from the next step. The model is kept in browser storage with the autosave (its bytes once, not at every
        save), so Resume after a reload uses it again; if storage cannot hold it, Resume asks you to open the files again.
        A model on this site also works by URL: set reward.similarity to embedding and reward.embedding_model_url and
        reward.embedding_tokenizer_url, then Reset.
      </p>
      {refused && (
        <ProblemList problems={[refused]} lineWord="line" onDismiss={dismiss}
          title={`Embedding model not used (the similarity in use is unchanged)${hint ? `; ${hint}` : ''}`} />
      )}
    </div>
  );
}
