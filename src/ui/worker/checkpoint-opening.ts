// A checkpoint the user opens in the studio, as one transaction: the file is read and checked in
// full first (checkpoint-upload.ts), then a new session is built from it; only then is the old run
// replaced. On any failure the old run (its weights, history and save) stays, a running loop carries
// on, and the file is not kept.

import type { RunConfig } from '../../lrpo/config';
import type { Example } from '../../data/example';
import { checkCheckpointForRun, readCheckpointUpload, uploadLabel, type OpenedCheckpoint, type UploadFile } from './checkpoint-upload';
import { runStep, type RunnerOps, type RunnerState } from './runner-context';

export async function openCheckpoint(st: RunnerState, ops: RunnerOps, files: UploadFile[], config: RunConfig, examples: readonly Example[]): Promise<void> {
  const name = uploadLabel(files);
  const fail = (reason: string) => ops.post({ type: 'checkpointFailed', name, reason });
  if (st.recovering) return fail('the studio is recovering from a GPU device loss; open the checkpoint again when it has finished');
  let opened: OpenedCheckpoint;
  try {
    opened = readCheckpointUpload(files);
    checkCheckpointForRun(opened, config);
  } catch (e) {
    return fail((e as Error).message);
  }
  const wasRunning = st.running;
  const before = st.state;
  const oldExamples = st.examples;
  await ops.stopLoop();
  st.useExamples(examples);
  try {
    await ops.build(config, opened);
  } catch (e) {
    st.useExamples(oldExamples);
    if (wasRunning) ops.start();
    else ops.status(before);
    return fail((e as Error).message);
  }
  st.openedCheckpoint(opened);
  await ops.clearSaved();
  ops.post({ type: 'checkpointOpened', name, step: runStep(st) });
}
