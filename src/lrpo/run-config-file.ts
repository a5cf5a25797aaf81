// A run config file (RUN.json for `lrpo-studio train`, run.json opened in the studio) from its bytes
// or text to a validated RunConfig. Never throws: a file that is too large, not UTF-8 or not JSON is
// one problem naming the file and the line; a JSON config goes through resolveRunConfig, which
// names each bad field. The caller keeps the configuration it had when `config` is null.

import type { Problem } from '../data/example';
import { clipText } from '../data/brief';
import { decodeUtf8Lines } from '../data/utf8-lines';
import type { RunConfig } from './config';
import { resolveRunConfig } from './config-check';
import { jsonErrorOffset } from './rewards/json-error-offset';

/** A run config is a few kilobytes; anything past this is not one (and is not parsed). */
export const MAX_RUN_CONFIG_BYTES = 1 << 20;

export interface RunConfigRead {
  config: RunConfig | null;
  problems: Problem[];
}

const strict = new TextDecoder('utf-8', { fatal: true });

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function readRunConfigFile(input: Uint8Array | string, file: string, base?: RunConfig): RunConfigRead {
  const fail = (reason: string, line?: number): RunConfigRead => ({ config: null, problems: [{ file, ...(line !== undefined ? { line } : {}), reason }] });
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > MAX_RUN_CONFIG_BYTES) return fail(`the file is ${size} ${typeof input === 'string' ? 'characters' : 'bytes'}, more than a run config's limit of ${MAX_RUN_CONFIG_BYTES}`);
  let text: string;
  if (typeof input === 'string') text = input.replace(/^\uFEFF/, '');
  else {
    try {
      text = strict.decode(input); // drops a UTF-8 BOM
    } catch {
      return fail('not valid UTF-8 text (save the file as UTF-8)', decodeUtf8Lines(input).badLines[0]);
    }
  }
  if (!text.trim()) return fail('the file is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const at = jsonErrorOffset(text);
    const nan = /\b(NaN|-?Infinity)\b/.test(text) ? '; JSON has no NaN or Infinity, write a number' : '';
    return fail(`not valid JSON: ${clipText((e as Error).message.replace(/\s+/g, ' '), 160)}${nan}`, at === null ? undefined : lineAt(text, at));
  }
  return resolveRunConfig(raw, file, base);
}
