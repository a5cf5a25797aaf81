// The run configuration being edited, mirrored into the URL query string (only the diff from the
// defaults), plus the problems found in the URL or in an opened run config file.

import { create } from 'zustand';
import type { RunConfig } from '../../lrpo/config';
import type { Problem } from '../../data/example';
import { readRunConfigFile } from '../../lrpo/run-config-file';
import { FIELD_BY_PATH, parseFieldValue, setField } from '../config-fields';
import { configFromQuery, configToQuery } from '../url-config';
import { PRESETS } from './presets';

export interface SettingsState {
  config: RunConfig;
  /** problems from the URL or an opened file; cleared when the user dismisses them */
  problems: Problem[];
  /** where the problems come from: a bad URL parameter falls back to its default, a bad file changes nothing */
  problemsSource: 'url' | 'file';
  /** per-field messages for the editor's inputs (text the user typed that was rejected) */
  fieldErrors: Record<string, string>;
  editField(path: string, text: string): void;
  applyPreset(id: string): void;
  /** a run config file's bytes (preferred: bytes that are not UTF-8 are named) or text; false when it was refused */
  openConfigFile(input: Uint8Array | string, file: string): boolean;
  dismissProblems(): void;
}

function initial(): { config: RunConfig; problems: Problem[] } {
  if (typeof window === 'undefined') return configFromQuery('');
  return configFromQuery(window.location.search);
}

/** Writes the configuration into the address bar without a navigation (the view hash is kept). */
function writeConfigToUrl(cfg: RunConfig): void {
  if (typeof window === 'undefined') return;
  const params = new URLSearchParams(window.location.search);
  const keep = [...params].filter(([k]) => !FIELD_BY_PATH.has(k));
  const q = [configToQuery(cfg), ...keep.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)].filter(Boolean).join('&');
  const url = `${window.location.pathname}${q ? '?' + q : ''}${window.location.hash}`;
  window.history.replaceState(window.history.state, '', url);
}

export const useSettingsStore = create<SettingsState>((set, get) => {
  const init = initial();
  // A bad URL is corrected in the address bar too, so a shared link never carries a rejected value.
  if (init.problems.length) queueMicrotask(() => writeConfigToUrl(init.config));
  return {
    config: init.config,
    problems: init.problems,
    problemsSource: 'url',
    fieldErrors: {},
    editField(path, text) {
      const spec = FIELD_BY_PATH.get(path);
      if (!spec) return;
      const r = parseFieldValue(spec, text);
      const fieldErrors = { ...get().fieldErrors };
      if ('reason' in r) {
        fieldErrors[path] = r.reason;
        set({ fieldErrors });
        return;
      }
      const next = setField(get().config, path, r.value);
      const check = configFromQuery(configToQuery(next));
      if (check.problems.length) {
        fieldErrors[path] = check.problems.map((p) => p.reason).join('; ');
        set({ fieldErrors });
        return;
      }
      delete fieldErrors[path];
      set({ config: next, fieldErrors });
      writeConfigToUrl(next);
    },
    applyPreset(id) {
      const p = PRESETS.find((x) => x.id === id);
      if (!p) return;
      const config = p.build();
      set({ config, fieldErrors: {} });
      writeConfigToUrl(config);
    },
    openConfigFile(input, file) {
      // size, UTF-8 (named by line), JSON (named by line) and every field: src/lrpo/run-config-file.ts
      const r = readRunConfigFile(input, file);
      if (!r.config) {
        set({ problems: r.problems, problemsSource: 'file' }); // the configuration in use is kept
        return false;
      }
      set({ config: r.config, problems: [], fieldErrors: {} });
      writeConfigToUrl(r.config);
      return true;
    },
    dismissProblems() {
      set({ problems: [] });
    },
  };
});
