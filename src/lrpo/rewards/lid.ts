// Language identification of responses with fastText's lid.176 model (the reference's detector),
// run through fasttext.wasm.js, which ships both the wasm build and lid.176.ftz.
//
// Reference preprocessing, in order (our reading of it, documented here):
//  1. fenced code blocks ```...``` are removed (an unclosed fence at the end — a generation cut off
//     inside a code block — is removed to the end of the text), then inline code `...`;
//  2. all whitespace runs, newlines included, become one space and the ends are trimmed (fastText
//     predicts on a single line);
//  3. the 5% rule: if the text is empty, or fewer than 5% of its characters (Unicode code points,
//     spaces included) are letters or digits (\p{L} or \p{N}), the text has no language (lang null).
// The top-1 label `__label__xx` gives `xx`: lid.176 uses Wikipedia codes, which for the 15 router
// languages are their ISO 639-1 codes; other labels (e.g. "arz", "yue") are returned as given, so a
// response in Egyptian Arabic does not count as "ar" — as in the reference.
//
// Loading: in Node (vitest, CLI) the package's Node entry loads its own wasm and model from
// node_modules; in a browser or Web Worker the wasm and the model are Vite-bundled assets (`?url`),
// fetched from our own origin only.

import fastTextWasmUrl from 'fasttext.wasm.js/dist/core/fastText.common.wasm?url';
import lid176Url from 'fasttext.wasm.js/dist/models/language-identification/assets/lid.176.ftz?url';

export interface LanguageDetection {
  /** ISO 639-1 code (lid.176's label) or null when there is no language (empty / under 5% alphanumeric) */
  lang: string | null;
  /** fastText's probability of the top label, in [0, 1]; 0 when lang is null */
  prob: number;
}

export interface LanguageDetector {
  detect(text: string): LanguageDetection;
}

const MIN_ALPHANUMERIC_FRACTION = 0.05;

/** Steps 1–2 of the reference preprocessing: strip code, collapse whitespace to one line. */
export function preprocessForLid(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/```[\s\S]*$/, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Fraction of code points that are Unicode letters or digits (0 for empty text). */
export function alphanumericFraction(text: string): number {
  const chars = Array.from(text);
  if (chars.length === 0) return 0;
  let n = 0;
  for (const c of chars) if (/[\p{L}\p{N}]/u.test(c)) n++;
  return n / chars.length;
}

/** The text fastText should see, or null when the reference rules say it has no language. */
export function lidInput(text: string): string | null {
  const clean = preprocessForLid(text);
  if (!clean || alphanumericFraction(clean) < MIN_ALPHANUMERIC_FRACTION) return null;
  return clean;
}

function labelToCode(label: string): string {
  return label.replace(/^__label__/, '').toLowerCase();
}

interface PredictionVector {
  size(): number;
  get(i: number): [number, string];
  delete?(): void;
}

interface FastTextPredictor {
  predict(text: string, k?: number, threshold?: number): PredictionVector;
}

export interface LanguageDetectorOptions {
  /** override where the wasm and the model come from (URLs; file:// in Node) */
  wasmUrl?: string;
  modelUrl?: string;
}

function isNode(): boolean {
  const g = globalThis as { process?: { versions?: { node?: string } }; window?: unknown; importScripts?: unknown };
  return typeof g.process?.versions?.node === 'string' && g.window === undefined && typeof g.importScripts !== 'function';
}

async function loadLid176(opts: LanguageDetectorOptions): Promise<FastTextPredictor> {
  const ft = await import('fasttext.wasm.js');
  const lid = isNode()
    ? await ft.getLIDModel(opts.modelUrl ? { modelPath: opts.modelUrl } : {})
    : await ft.getLIDModel({ wasmPath: opts.wasmUrl ?? fastTextWasmUrl, modelPath: opts.modelUrl ?? absolute(lid176Url) });
  return (await lid.load()) as unknown as FastTextPredictor;
}

function absolute(url: string): string {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  return base ? new URL(url, base).href : url;
}

function detectWith(model: FastTextPredictor, text: string): LanguageDetection {
  const input = lidInput(text);
  if (input === null) return { lang: null, prob: 0 };
  const v = model.predict(input, 1, 0);
  try {
    if (v.size() === 0) return { lang: null, prob: 0 };
    const [p, label] = v.get(0);
    return { lang: labelToCode(label), prob: Math.min(1, Math.max(0, p)) };
  } finally {
    v.delete?.();
  }
}

let shared: Promise<LanguageDetector> | null = null;

/**
 * Loads lid.176 once per JavaScript realm (further calls share it) and returns a synchronous detector.
 * Options only apply to the first call without a cached detector.
 */
export function createLanguageDetector(opts: LanguageDetectorOptions = {}): Promise<LanguageDetector> {
  if (!shared) {
    shared = loadLid176(opts).then((model) => ({ detect: (text: string) => detectWith(model, text) }));
    shared.catch(() => {
      shared = null;
    });
  }
  return shared;
}
