// Builds a training session in the worker: where the run's bytes come from (the page's files over
// fetch, what the user opened, or a Llama-family model in the browser's model cache: family-session.ts)
// and the device (session-backend.ts: WebGPU when the browser gives one, else the CPU with the reason),
// and the run module's Run over them, which builds the policy and its frozen reference on that device.
// The reward scorer (session-scorer.ts) and the training and (trainer.test_freq > 0) validation
// examples are made here once for both model kinds. The run checks them all and refuses with every
// problem named.

import type { RunConfig } from '../../lrpo/config';
import type { Example } from '../../data/example';
import { checkpointToBundle } from '../../engine/checkpoint/checkpoint';
import type { PolicySource } from '../../lrpo/run/policy-source';
import { Run, RunRefused } from '../../lrpo/run/run';
import { SwappableScorer } from './session-scorer';
import type { OpenedCheckpoint } from './checkpoint-upload';
import type { CalibrationUpload } from './calibration-upload';
import type { CheckedEmbedding } from './embedding-upload';
import { loadDataset } from '../../data/load-dataset';
import { formatProblem } from '../../data/example';
import { acquireSessionBackend, type SessionBackend } from './session-backend';
import { browserLimits } from './browser-limits';
import type { RunSession } from './run-session';
import { familyAdapterName, familyExports, familyFolder } from './family-session';

interface FactoryInputs {
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

/** The warm start's files under the page's base URL (a foreign GPT-2 checkpoint has no special_tokens.json). */
async function fetchWarmStart(dir: string, baseUrl: string): Promise<Map<string, Uint8Array>> {
  const url = new URL(dir.replace(/\/?$/, '/'), baseUrl).href;
  const files = new Map<string, Uint8Array>();
  for (const name of ['config.json', 'model.safetensors']) files.set(name, await fetchBytes(url + name));
  try {
    files.set('special_tokens.json', await fetchBytes(url + 'special_tokens.json'));
  } catch {
    // the byte tokenizer's default layout is used
  }
  return files;
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

/** Where the run's policy comes from: model.path (the browser's model cache), an opened checkpoint, model.checkpoint (fetched) or a fresh init. */
async function policySource(cfg: RunConfig, inputs: FactoryInputs): Promise<{ source: PolicySource; notes: string[] }> {
  if (cfg.model.path) return { source: { kind: 'family', folder: await familyFolder(cfg) }, notes: [] };
  // what the browser cannot read is refused up front, never ignored (browser-limits.ts)
  const limits = browserLimits(cfg, new URL(inputs.baseUrl).origin, {
    checkpoint: !!inputs.checkpoint, calibration: !!inputs.calibration, embedding: !!inputs.embedding,
  }, inputs.examples.length > 0);
  if (limits.refusals.length) throw new Error(`the run cannot start in the browser: ${limits.refusals.map(formatProblem).join('; ')}`);
  if (inputs.checkpoint) return { source: { kind: 'checkpoint', name: inputs.checkpoint.name, checkpoint: inputs.checkpoint.ckpt }, notes: limits.notes };
  if (!cfg.model.checkpoint) return { source: { kind: 'init' }, notes: limits.notes };
  return { source: { kind: 'checkpoint-files', name: cfg.model.checkpoint, files: await fetchWarmStart(cfg.model.checkpoint, inputs.baseUrl) }, notes: limits.notes };
}

export async function createSession(cfg: RunConfig, inputs: FactoryInputs): Promise<RunSession> {
  const { source, notes } = await policySource(cfg, inputs);
  const io = {
    readText: async (p: string) => new TextDecoder().decode(await fetchBytes(new URL(p, inputs.baseUrl).href)),
    readBytes: (p: string) => fetchBytes(new URL(p, inputs.baseUrl).href),
  };
  const scorer = await SwappableScorer.create(cfg.reward, inputs.calibration, io, inputs.embedding ?? null);
  let hw: SessionBackend | null = null;
  let run: Run;
  let data: { train: readonly Example[]; val: readonly Example[] };
  try {
    data = await loadExamples(cfg, inputs);
    hw = await acquireSessionBackend(cfg);
    run = await Run.create({ config: cfg, policy: source, backend: hw.backend, train: data.train, val: data.val, score: scorer.score, similarity: scorer.similarity.backend });
  } catch (e) {
    // a failed build must not keep a GPU device alive beside the run that stays in use
    void scorer.dispose();
    hw?.release();
    if (e instanceof RunRefused) throw new Error(`the run cannot start: ${e.message.replace(/\n/g, '; ')}`);
    throw e;
  }
  const backend = hw;
  const { gpt2, family } = run.policy;
  const exports: Pick<RunSession, 'exportCheckpoint' | 'exportFolder'> = family && source.kind === 'family'
    ? familyExports(family, source.folder, run.config, data)
    : {
      async exportCheckpoint() {
        const bytes = checkpointToBundle({ config: gpt2!.model.config, params: await run.model.exportParams(), specialTokens: gpt2!.tokenizer.table });
        return { filename: 'checkpoint.safetensors', bytes };
      },
    };
  return {
    run,
    notes,
    examples: run.train,
    tokenizer: run.policy.tokenizer,
    model: run.model,
    device: family ? { ...backend.device, adapterName: familyAdapterName(family, backend.device.backend) } : backend.device,
    lost: backend.lost,
    loseDevice: backend.loseDevice,
    get calibration() {
      return scorer.report;
    },
    setCalibration: (upload) => scorer.swap(upload),
    get similarity() {
      return scorer.similarity;
    },
    setEmbedding: (opened) => scorer.setEmbedding(opened),
    scoringIdle: () => scorer.idle(),
    ...exports,
    dispose() {
      run.dispose();
      backend.release();
      void scorer.dispose();
    },
  };
}
