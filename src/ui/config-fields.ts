// The Train view's view of the run config's option table (src/lrpo/config-rules.ts): each option as
// a form field with its group, and the text <-> value helpers the form and the URL share. Nothing
// here decides what is valid: parsing, ranges and the rules across options are the table's, so the
// form, the URL, run.json and the CLI accept exactly the same configurations.

import { defaultRunConfig, type RunConfig } from '../lrpo/config';
import type { Problem } from '../data/example';
import {
  OPTION_RULES, configProblems, optionText, parseOptionText, type CrossFieldProblem, type OptionRule,
} from '../lrpo/config-rules';

export type { CrossFieldProblem };

export interface FieldSpec extends OptionRule {
  group: 'run' | 'data' | 'model' | 'router' | 'reward' | 'actor' | 'sft' | 'trainer';
}

export const FIELDS: readonly FieldSpec[] = OPTION_RULES.map((o) => ({
  ...o,
  group: (o.path.includes('.') ? o.path.split('.')[0] : 'run') as FieldSpec['group'],
}));

export const FIELD_BY_PATH: ReadonlyMap<string, FieldSpec> = new Map(FIELDS.map((f) => [f.path, f]));

export type FieldValue = number | boolean | string | string[];

export function getField(cfg: RunConfig, path: string): FieldValue {
  let v: unknown = cfg;
  for (const k of path.split('.')) v = (v as Record<string, unknown>)[k];
  return v as FieldValue;
}

/** A copy of cfg with one field replaced (cfg is not changed). */
export function setField(cfg: RunConfig, path: string, value: FieldValue): RunConfig {
  const out = structuredClone(cfg);
  const keys = path.split('.');
  let obj = out as unknown as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) obj = obj[k] as Record<string, unknown>;
  obj[keys[keys.length - 1]] = Array.isArray(value) ? [...value] : value;
  return out;
}

/** The field's value as text (the form and the URL use the same spelling). */
export function formatFieldValue(_spec: FieldSpec, value: FieldValue): string {
  return optionText(value);
}

/** Parses text for one field: the value, or the reason it is not acceptable (the table's rule). */
export function parseFieldValue(spec: FieldSpec, text: string): { value: FieldValue } | { reason: string } {
  return parseOptionText(spec, text);
}

/** Rules that involve more than one field. Each problem names the field to fix and all it involves. */
export function crossFieldProblems(cfg: RunConfig): CrossFieldProblem[] {
  return configProblems(cfg).filter((p) => p.involves.length > 1);
}

/** Every field-level and cross-field problem of a whole configuration (e.g. an opened run config). */
export function checkConfig(cfg: RunConfig): Problem[] {
  return configProblems(cfg).map(({ involves: _i, ...p }) => p);
}

export function defaults(): RunConfig {
  return defaultRunConfig();
}
