// The Evaluate (CARE) view's state: the loaded predictions (with a pending file while its columns
// are being chosen), verdicts, the judge endpoint and run, seen languages, detector results and the
// selected item. A new file that cannot be used never replaces what is loaded.
import { create } from 'zustand';
import type { Problem } from '../../data/example';
import { mapColumns, missingFields, type ColumnMapping, type Field } from '../../eval/columns';
import { rowsFromRecords } from '../../eval/load';
import { readSource, type SourceTable } from '../../eval/read-source';
import type { JudgeProgress } from '../../eval/judge-run';
import type { DetectedLanguage, PredictionRow, Verdict } from '../../eval/types';
import type { VerdictLabel } from '../../eval/labels';
import type { GeneratedSource, PredictionSourceKind } from '../../eval/generated-source';
import { rememberApiKey, rememberedApiKey } from './eval-session';

export interface LoadedSource {
  fileName: string;
  bytes: Uint8Array;
  table: SourceTable;
  override: ColumnMapping;
  /** benchmark questions without predictions (opened as a benchmark): the prediction column may stay unmapped */
  questionsOnly?: boolean;
}

export interface PendingSource extends LoadedSource {
  mapping: ColumnMapping;
  missing: Field[];
}

export type DetectorState = { status: 'idle' | 'loading' | 'ready' } | { status: 'unavailable'; reason: string };

/** Items-table filters; a chart or breakdown click sets one of them (click-through). */
export interface ItemFilter {
  label?: string;
  language?: string;
  region?: string;
  setting?: string;
  seen?: 'seen' | 'unseen';
  flaggedOnly?: boolean;
  text?: string;
}

export interface EvalStoreState {
  filter: ItemFilter;
  source: LoadedSource | null;
  mapping: ColumnMapping;
  rows: PredictionRow[];
  problems: Problem[];
  pending: PendingSource | null;
  loadError: Problem[] | null;
  baseUrl: string;
  model: string;
  apiKey: string;
  rememberKey: boolean;
  concurrency: number;
  timeoutMs: number;
  retries: number;
  running: boolean;
  progress: JudgeProgress | null;
  message: { level: 'info' | 'warn' | 'error'; text: string } | null;
  /** origin the page must be allowed to connect to before judging (CSP) */
  needsAllow: string | null;
  seen: string[];
  detector: DetectorState;
  detections: Map<string, DetectedLanguage>;
  selectedId: string | null;
  /** predictions generated in the studio for the loaded questions: a second prediction source */
  generated: GeneratedSource | null;
  /** whose predictions `rows` holds; the other source's rows, with their verdicts, wait in `otherRows` */
  predictionSource: PredictionSourceKind;
  otherRows: PredictionRow[];
  /** every judge run's labels for the shown source, by judge model (row id -> label): judge agreement */
  judgeLabels: Record<string, Record<string, VerdictLabel>>;
  /** the Scores and Items panels show this model's rows only (null: every row) */
  scoreModel: string | null;
  setScoreModel(model: string | null): void;

  loadFile(fileName: string, bytes: Uint8Array, opts?: { questionsOnly?: boolean }): Promise<void>;
  setPendingColumn(field: Field, column: string): void;
  applyPending(): void;
  cancelPending(): void;
  editColumns(): void;
  restore(source: LoadedSource, verdicts: Map<string, Verdict>, seen: string[]): void;
  setEndpoint(p: Partial<Pick<EvalStoreState, 'baseUrl' | 'model' | 'apiKey' | 'concurrency' | 'timeoutMs' | 'retries'>>): void;
  setRememberKey(v: boolean): void;
  setRunning(running: boolean): void;
  setProgress(p: JudgeProgress | null): void;
  setMessage(m: EvalStoreState['message']): void;
  setNeedsAllow(origin: string | null): void;
  applyVerdicts(verdicts: ReadonlyMap<string, Verdict>): void;
  toggleSeen(lang: string): void;
  setDetector(d: DetectorState, detections?: Map<string, DetectedLanguage>): void;
  select(id: string | null): void;
  setFilter(f: ItemFilter): void;
  dismissLoadError(): void;
  /** installs a (new) generated source with its rows and makes it the active one; the file's rows are kept */
  setGenerated(g: GeneratedSource, rows: PredictionRow[]): void;
  /** switches the prediction source (the items, scores, judging and exports follow) */
  switchPredictionSource(kind: PredictionSourceKind): void;
}

/** A new file (or a restored session) starts with its own predictions only. */
const NO_GENERATED = { generated: null, predictionSource: 'file' as const, otherRows: [], judgeLabels: {}, scoreModel: null };

/** Adds judged verdicts (not the file's labels) to the per-judge-model label sets. */
function withJudgeLabels(
  sets: EvalStoreState['judgeLabels'],
  verdicts: Iterable<[string, Verdict]>,
): EvalStoreState['judgeLabels'] {
  const out = { ...sets };
  for (const [id, v] of verdicts) {
    if (v.model === 'input' || !v.model) continue;
    out[v.model] = { ...(out[v.model] ?? {}), [id]: v.label };
  }
  return out;
}

function derive(source: LoadedSource, mapping: ColumnMapping) {
  return rowsFromRecords(source.table.records, source.table.columns, mapping, source.fileName, { questionsOnly: source.questionsOnly });
}

export const useEvalStore = create<EvalStoreState>()((set, get) => ({
  source: null,
  mapping: {},
  rows: [],
  problems: [],
  pending: null,
  loadError: null,
  baseUrl: '',
  model: '',
  apiKey: rememberedApiKey(),
  rememberKey: rememberedApiKey() !== '',
  concurrency: 4,
  timeoutMs: 60_000,
  retries: 4,
  running: false,
  progress: null,
  message: null,
  needsAllow: null,
  seen: [],
  detector: { status: 'idle' },
  detections: new Map(),
  selectedId: null,
  filter: {},
  ...NO_GENERATED,

  async loadFile(fileName, bytes, opts = {}) {
    if (get().running) {
      set({ loadError: [{ file: fileName, reason: 'a judge run is in progress; cancel it or let it finish before loading another file' }] });
      return;
    }
    const table = await readSource(fileName, bytes);
    if (!table.records.length) {
      set({ loadError: table.problems.length ? table.problems : [{ file: fileName, reason: 'the file has no rows' }] });
      return;
    }
    const mapping = mapColumns(table.columns);
    const questionsOnly = !!opts.questionsOnly;
    const missing = missingFields(mapping, table.columns).filter((f) => !(questionsOnly && f === 'prediction'));
    const pending: PendingSource = { fileName, bytes, table, override: {}, mapping, missing, questionsOnly };
    set({ pending, loadError: null });
    if (!missing.length) get().applyPending();
  },

  setPendingColumn(field, column) {
    const p = get().pending;
    if (!p) return;
    const override = { ...p.override, [field]: column };
    const mapping = mapColumns(p.table.columns, override);
    set({ pending: { ...p, override, mapping, missing: missingFields(mapping, p.table.columns).filter((f) => !(p.questionsOnly && f === 'prediction')) } });
  },

  applyPending() {
    const p = get().pending;
    if (!p) return;
    const source: LoadedSource = { fileName: p.fileName, bytes: p.bytes, table: p.table, override: p.override, questionsOnly: p.questionsOnly };
    const loaded = derive(source, p.mapping);
    const problems = [...p.table.problems, ...loaded.problems];
    if (!loaded.rows.length) {
      set({ loadError: problems.length ? problems : [{ file: p.fileName, reason: 'no usable rows' }] });
      return;
    }
    set({
      source, mapping: p.mapping, rows: loaded.rows, problems, pending: null, loadError: null,
      progress: null, message: null, selectedId: null, detections: new Map(), filter: {}, ...NO_GENERATED,
      detector: get().detector.status === 'ready' ? { status: 'ready' } : get().detector,
    });
  },

  cancelPending: () => set({ pending: null }),

  editColumns() {
    const s = get().source;
    if (!s) return;
    const mapping = mapColumns(s.table.columns, s.override);
    set({ pending: { ...s, mapping, missing: missingFields(mapping, s.table.columns).filter((f) => !(s.questionsOnly && f === 'prediction')) } });
  },

  restore(source, verdicts, seen) {
    const mapping = mapColumns(source.table.columns, source.override);
    const loaded = derive(source, mapping);
    const rows = loaded.rows.map((r) => (verdicts.has(r.id) ? { ...r, verdict: verdicts.get(r.id) } : r));
    set({ source, mapping, rows, problems: [...source.table.problems, ...loaded.problems], seen, ...NO_GENERATED, judgeLabels: withJudgeLabels({}, verdicts) });
  },

  setEndpoint(p) {
    set(p);
    if (p.apiKey !== undefined) rememberApiKey(p.apiKey, get().rememberKey);
  },
  setRememberKey(v) {
    set({ rememberKey: v });
    rememberApiKey(get().apiKey, v);
  },
  setRunning: (running) => set({ running }),
  setProgress: (progress) => set({ progress }),
  setMessage: (message) => set({ message }),
  setNeedsAllow: (needsAllow) => set({ needsAllow }),

  applyVerdicts(verdicts) {
    if (!verdicts.size) return;
    set({
      rows: get().rows.map((r) => (verdicts.has(r.id) ? { ...r, verdict: verdicts.get(r.id) } : r)),
      judgeLabels: withJudgeLabels(get().judgeLabels, verdicts),
    });
  },

  toggleSeen(lang) {
    const seen = get().seen;
    set({ seen: seen.includes(lang) ? seen.filter((l) => l !== lang) : [...seen, lang].sort() });
  },
  setDetector: (detector, detections) => set(detections ? { detector, detections } : { detector }),
  select: (selectedId) => set({ selectedId }),
  setFilter: (filter) => set({ filter }),
  setScoreModel: (scoreModel) => set({ scoreModel, selectedId: null }),
  dismissLoadError: () => set({ loadError: null }),

  setGenerated(generated, rows) {
    const s = get();
    const fileRows = s.predictionSource === 'file' ? s.rows : s.otherRows;
    set({ generated, predictionSource: 'generated', rows, otherRows: fileRows, progress: null, selectedId: null, detections: new Map(), filter: {}, judgeLabels: {}, scoreModel: null });
  },

  switchPredictionSource(kind) {
    const s = get();
    if (kind === s.predictionSource || (kind === 'generated' && !s.generated)) return;
    const judged = s.otherRows.filter((r) => r.verdict).map((r) => [r.id, r.verdict!] as [string, Verdict]);
    set({ predictionSource: kind, rows: s.otherRows, otherRows: s.rows, progress: null, selectedId: null, detections: new Map(), filter: {}, judgeLabels: withJudgeLabels({}, judged), scoreModel: null });
  },
}));
