// Exports: GenerationConfig and parseGenerationConfig (generation_config.json: eos_token_id may be a
// number or a list, plus the sampling defaults a checkpoint ships), and parseGenerationIds (bos /
// eos list / pad from any config object).

export interface GenerationIds {
  bosId: number | null;
  eosIds: number[];
  padId: number | null;
}

export interface GenerationConfig extends GenerationIds {
  /** do_sample false (or absent) = greedy */
  doSample: boolean;
  temperature: number | null;
  topK: number | null;
  topP: number | null;
}

function idOrNull(v: unknown, field: string, file: string): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(`${file}: field '${field}' must be a token id or null, got ${JSON.stringify(v)}`);
  return v;
}

export function parseGenerationIds(j: Record<string, unknown>, file: string): GenerationIds {
  const eos = j.eos_token_id;
  let eosIds: number[];
  if (eos === undefined || eos === null) eosIds = [];
  else if (Array.isArray(eos)) eosIds = eos.map((x, i) => idOrNull(x, `eos_token_id[${i}]`, file)!);
  else eosIds = [idOrNull(eos, 'eos_token_id', file)!];
  // pad_token_id may also be a list in a few hub configs; the first is the pad id
  const pad = Array.isArray(j.pad_token_id) ? j.pad_token_id[0] : j.pad_token_id;
  return { bosId: idOrNull(j.bos_token_id, 'bos_token_id', file), eosIds, padId: idOrNull(pad, 'pad_token_id', file) };
}

function optNum(j: Record<string, unknown>, f: string, file: string): number | null {
  const v = j[f];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`${file}: field '${f}' must be a non-negative number, got ${JSON.stringify(v)}`);
  return v;
}

export function parseGenerationConfig(json: unknown, file: string): GenerationConfig {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${file}: must be a JSON object`);
  const j = json as Record<string, unknown>;
  return {
    ...parseGenerationIds(j, file),
    doSample: j.do_sample === true,
    temperature: optNum(j, 'temperature', file),
    topK: optNum(j, 'top_k', file),
    topP: optNum(j, 'top_p', file),
  };
}
