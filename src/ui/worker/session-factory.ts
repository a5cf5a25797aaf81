// Builds a training session in the worker: where the run's bytes come from (the page's files over
// fetch, or what the user opened) and the run module's Run over them. The policy (the warm-start
// checkpoint, an opened checkpoint file, or a fresh init of the configured size) runs on WebGPU when
// the engine and the adapter allow it, else on the CPU reference backend (the page is told why); the
// frozen reference policy on the same backend and device (session-models.ts); the byte tokenizer; the
// reward scorer; the training and (trainer.test_freq > 0) validation examples. The run checks them all
// and refuses with every problem named.

import type { RunConfig } from '../../lrpo/config';
import type { Example } from '../../data/example';
import { loadCheckpoint, checkpointToBundle, type Checkpoint } from '../../engine/checkpoint/checkpoint';
import { gpt2PolicyShape } from '../../lrpo/run/gpt2-policy';
import { Run, RunRefused } from '../../lrpo/run/run';
import { SwappableScorer } from './session-scorer';
import type { OpenedCheckpoint } from './checkpoint-upload';
import type { CalibrationUpload } from './calibration-upload';
import type { CheckedEmbedding } from './embedding-upload';
import { loadDataset } from '../../data/load-dataset';
import { formatProblem } from '../../data/example';
import { createSessionModels } from './session-models';
import { browserLimits } from './browser-limits';
import type { RunSession } from './run-session';
import { createFamilySession } from './family-session';

export interface FactoryInputs {
  /** examples sent by the page (the Data view's dataset); empty = load data.train_files */
  examples: readonly Example[];
  /** a checkpoint the user opened (already read and checked), used instead of model.checkpoint */
  checkpoint: OpenedCheckpoint | null;
  /** a calibration table the user opened, used instead of reward.calibration_table */
  calibration: CalibrationUpload | null;
  /** an embedding model opened from files (already checked), used instead of reward.similarity */
  embedding?: CheckedEmbedding | null;
  /** base URL of the studio's public files (import.meta.env.BASE_URL resolved against the page) */
  baseUrl: string;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function loadWarmStart(cfg: RunConfig, inputs: FactoryInputs): Promise<Checkpoint | null> {
  if (inputs.checkpoint) return inputs.checkpoint.ckpt;
  if (!cfg.model.checkpoint) return null;
  const dir = new URL(cfg.model.checkpoint.replace(/\/?$/, '/'), inputs.baseUrl).href;
  const files = new Map<string, Uint8Array>();
  for (const name of ['config.json', 'model.safetensors']) files.set(name, await fetchBytes(dir + name));
  try {
    files.set('special_tokens.json', await fetchBytes(dir + 'special_tokens.json'));
  } catch {
    // a foreign GPT-2 checkpoint has no table; the byte tokenizer's default layout is used
  }
  // a warm start with NaN or infinite weights is refused, naming the file and the tensors
  return loadCheckpoint(files, cfg.model.checkpoint, { requireFinite: true });
}

/** The examples of a comma-separated list of dataset files under the page's base URL. */
async function loadFiles(spec: string, field: string, inputs: FactoryInputs): Promise<Example[]> {
  const out: Example[] = [];
  for (const file of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const d = await loadDataset(await fetchBytes(new URL(file, inputs.baseUrl).href), file);
    if (!d.examples.length) throw new Error(`${field}: ${file}: no usable rows${d.problems.length ? ` (${formatProblem(d.problems[0])})` : ''}`);
    out.push(...d.examples);
  }
  return out;
}

async function loadExamples(cfg: RunConfig, inputs: FactoryInputs): Promise<{ train: readonly Example[]; val: readonly Example[] }> {
  const train = inputs.examples.length ? inputs.examples : await loadFiles(cfg.data.train_files, 'data.train_files', inputs);
  const val = cfg.trainer.test_freq > 0 && cfg.data.val_files ? await loadFiles(cfg.data.val_files, 'data.val_files', inputs) : [];
  return { train, val };
}

export async function createSession(cfg: RunConfig, inputs: FactoryInputs): Promise<RunSession> {
  if (cfg.model.path) {
    const io = {
      readText: async (p: string) => new TextDecoder().decode(await fetchBytes(new URL(p, inputs.baseUrl).href)),
      readBytes: (p: string) => fetchBytes(new URL(p, inputs.baseUrl).href),
    };
    return createFamilySession(cfg, inputs, { loadExamples, io });
  }
  // what the browser cannot read is refused up front, never ignored (browser-limits.ts)
  const limits = browserLimits(cfg, new URL(inputs.baseUrl).origin, {
    checkpoint: !!inputs.checkpoint, calibration: !!inputs.calibration, embedding: !!inputs.embedding,
  }, inputs.examples.length > 0);
  if (limits.refusals.length) throw new Error(`the run cannot start in the browser: ${limits.refusals.map(formatProblem).join('; ')}`);
  const ckpt = await loadWarmStart(cfg, inputs);
  const { tokenizer, gpt, source } = gpt2PolicyShape(cfg, ckpt, `checkpoint ${inputs.checkpoint?.name ?? cfg.model.checkpoint}`);
  const models = await createSessionModels(cfg, gpt, ckpt?.params);
  const io = {
    readText: async (p: string) => new TextDecoder().decode(await fetchBytes(new URL(p, inputs.baseUrl).href)),
    readBytes: (p: string) => fetchBytes(new URL(p, inputs.baseUrl).href),
  };
  let scorer: SwappableScorer;
  let data: { train: readonly Example[]; val: readonly Example[] };
  try {
    scorer = await SwappableScorer.create(cfg.reward, inputs.calibration, io, inputs.embedding ?? null);
  } catch (e) {
    // a failed build must not keep a GPU device alive beside the run that stays in use
    models.destroy();
    throw e;
  }
  const { model } = models;
  let run: Run;
  try {
    data = await loadExamples(cfg, inputs);
    run = await Run.create({
      config: cfg, policy: model, tokenizer, source: ckpt ? inputs.checkpoint?.name ?? cfg.model.checkpoint : source,
      train: data.train, val: data.val, score: scorer.score, similarity: scorer.similarity.backend, makeReference: models.makeReference,
    });
  } catch (e) {
    void scorer.dispose();
    models.destroy();
    if (e instanceof RunRefused) throw new Error(`the run cannot start: ${e.message.replace(/\n/g, '; ')}`);
    throw e;
  }
  return {
    run,
    notes: limits.notes,
    examples: run.train,
    tokenizer,
    model,
    device: models.device,
    lost: models.lost,
    loseDevice: models.loseDevice,
    get calibration() {
      return scorer.report;
    },
    setCalibration: (upload) => scorer.swap(upload),
    get similarity() {
      return scorer.similarity;
    },
    setEmbedding: (opened) => scorer.setEmbedding(opened),
    scoringIdle: () => scorer.idle(),
    async exportCheckpoint() {
      const bytes = checkpointToBundle({ config: model.config, params: await model.exportParams(), specialTokens: tokenizer.table });
      return { filename: 'checkpoint.safetensors', bytes };
    },
    dispose() {
      run.dispose();
      models.destroy();
      void scorer.dispose();
    },
  };
}
