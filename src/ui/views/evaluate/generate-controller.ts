// What the Evaluate view's "Generate predictions with the current model" panel does: asks the
// training worker's current model (generate-answers.ts) to answer the loaded questions, shows the
// progress, cancels, and installs the answers as the "generated" prediction source (the file's
// predictions and their verdicts stay as the "file" source; the user switches between them).
import { describeSkipped, generatedRows, type GeneratedSource, type PredictionSourceKind } from '../../../eval/generated-source';
import type { GenerateResult } from '../../worker/protocol';
import { generateWithRunModel } from '../../worker/client';
import { useEvalStore } from '../../store/eval-store';
import { useGenerateStore } from '../../store/generate-store';
import { persistSession, runDetector } from './judge-controller';
import { fileRowsOf } from './prediction-sources';

/** prompts per model.generate call: enough to use the GPU, small enough for frequent progress */
const BATCH_SIZE = 8;
export const MAX_NEW_TOKENS_LIMIT = 1024;

let job: { cancel: () => void } | null = null;

export function cancelGenerate(): void {
  job?.cancel();
}

/** The source's label: what model, how prompted, how decoded. */
function generatedLabel(m: GenerateResult['model']): string {
  return `run model at step ${m.step} (${m.backend}) · ${m.mode} mode · ${m.decoding} · ≤ ${m.maxNewTokens} new tokens`;
}

/** The source built from a worker result; null when nothing was generated. */
function toGeneratedSource(res: GenerateResult, asked: number): GeneratedSource | null {
  if (!res.predictions.length) return null;
  return {
    label: generatedLabel(res.model),
    predictions: new Map(res.predictions.map((p) => [p.id, p.prediction])),
    skipped: res.skipped,
    requested: asked - res.skipped.length,
    cancelled: res.cancelled,
    hitLimit: res.predictions.filter((p) => !p.stoppedAtEos).length,
  };
}

function resultMessage(res: GenerateResult, g: GeneratedSource | null): { level: 'info' | 'warn'; text: string } {
  const skipped = res.skipped.length
    ? ` Skipped ${describeSkipped(res.skipped)}: no <|out_lang_xx|> tag for that language in the model's tokenizer (tag mode).`
    : '';
  if (!g) {
    return {
      level: 'warn',
      text: res.cancelled ? `Cancelled before any prediction was generated.${skipped}` : `Nothing was generated.${skipped}`,
    };
  }
  const n = g.predictions.size;
  const limit = g.hitLimit ? ` ${g.hitLimit} reached the ${res.model.maxNewTokens}-token limit before ending.` : '';
  const head = res.cancelled ? `Cancelled: ${n} of ${g.requested} predictions generated; the generated source holds those.` : `Generated ${n} predictions.`;
  return { level: res.cancelled || res.skipped.length ? 'warn' : 'info', text: `${head}${limit}${skipped} Showing the generated predictions; the file's are kept.` };
}

export async function startGenerate(): Promise<void> {
  const gs = useGenerateStore.getState();
  const ev = useEvalStore.getState();
  if (gs.running) return;
  if (ev.running) return gs.setMessage({ level: 'error', text: 'A judge run is in progress: cancel it or let it finish before generating.' });
  const rows = fileRowsOf(ev);
  if (!ev.source || !rows.length) return gs.setMessage({ level: 'error', text: 'Load a predictions file first: its questions are what the model answers.' });
  const maxNewTokens = gs.maxNewTokens;
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1 || maxNewTokens > MAX_NEW_TOKENS_LIMIT) {
    return gs.setMessage({ level: 'error', text: `Max new tokens must be a whole number from 1 to ${MAX_NEW_TOKENS_LIMIT}.` });
  }
  const source = ev.source;
  // a file with several models' predictions holds each question once per model: ask the model once
  const seenQ = new Set<string>();
  const questions = rows
    .filter((r) => !seenQ.has(r.qid ?? r.id) && seenQ.add(r.qid ?? r.id))
    .map((r) => ({ id: r.id, question: r.question, language: r.language }));
  gs.setRunning(true);
  gs.setProgress(null);
  gs.setMessage(null);
  const request = generateWithRunModel({ questions, maxNewTokens, decoding: gs.decoding, batchSize: BATCH_SIZE }, (done, total) =>
    useGenerateStore.getState().setProgress({ done, total }),
  );
  job = request;
  try {
    const res = await request.result;
    const st = useEvalStore.getState();
    if (st.source !== source) {
      useGenerateStore.getState().setMessage({ level: 'warn', text: `Another file was loaded meanwhile: the predictions generated for ${source.fileName} were dropped.` });
      return;
    }
    const g = toGeneratedSource(res, questions.length);
    if (g) st.setGenerated(g, generatedRows(fileRowsOf(st), g));
    useGenerateStore.getState().setMessage(resultMessage(res, g));
    if (g) {
      void runDetector();
      await persistSession();
    }
  } catch (e) {
    useGenerateStore.getState().setMessage({ level: 'error', text: `Generation failed: ${(e as Error).message}` });
  } finally {
    job = null;
    useGenerateStore.getState().setRunning(false);
  }
}

/** Shows, scores and judges the other prediction source. */
export function switchPredictionSource(kind: PredictionSourceKind): void {
  const st = useEvalStore.getState();
  if (st.running || useGenerateStore.getState().running) return;
  st.switchPredictionSource(kind);
  void runDetector();
  void persistSession();
}
