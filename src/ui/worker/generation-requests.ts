// The Evaluate view's generation requests to the training runner: answered with the run's model
// only while no training step can run (generationRefusal), one at a time, with progress and cancel.

import type { FromWorker, ToWorker } from './protocol';
import { generateAnswers, generationRefusal } from './generate-answers';
import { runStep, type RunnerState } from './runner-context';

type GenerateMessage = Extract<ToWorker, { type: 'generate' }>;

export class GenerationRequests {
  /** the generation in progress, with the id its cancel message names */
  private generating: { id: number; abort: AbortController } | null = null;

  constructor(
    private readonly st: RunnerState,
    private readonly post: (m: FromWorker) => void,
  ) {}

  async generate(req: GenerateMessage): Promise<void> {
    const { st, post } = this;
    const refusal = generationRefusal({ hasSession: !!st.session, running: st.running, recovering: st.recovering, generating: !!this.generating });
    if (refusal) return post({ type: 'generateFailed', id: req.id, message: refusal });
    const s = st.session!;
    const abort = new AbortController();
    this.generating = { id: req.id, abort };
    post({ type: 'status', state: st.state, step: runStep(st), message: `generating predictions for the Evaluate view (${req.questions.length} questions); training commands wait until it ends` });
    try {
      const src = { model: s.model, tokenizer: s.tokenizer, config: st.config!, step: runStep(st), backend: s.device.backend };
      const res = await generateAnswers(src, req, abort.signal, (done, total) => post({ type: 'generateProgress', id: req.id, done, total }));
      post({ type: 'generated', ...res });
    } catch (e) {
      post({ type: 'generateFailed', id: req.id, message: (e as Error).message });
    } finally {
      this.generating = null;
    }
  }

  /** Cancels the generation with this id (a late cancel of a finished one is ignored). */
  cancel(id: number): void {
    if (this.generating?.id === id) this.generating.abort.abort();
  }
}
