// Pure edits of a playground world (resize on a new language list, add/remove contexts, apply a
// preset to the current contexts), so the editor stays a thin view.

import { toLanguageCode } from '../../../data/languages';
import { presetWorld, type PresetName } from '../../../lrpo/playground/presets';
import type { World, WorldContext } from '../../../lrpo/playground/world';

const NEW_MEAN = 0.5;
const NEW_SPREAD = 0.15;

/** The world with a new arm list: kept languages keep their cells, new ones start at 0.5. */
export function withLanguages(world: World, text: string): { world: World | null; error: string | null } {
  const codes: string[] = [];
  for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const code = toLanguageCode(raw);
    if (!code) return { world: null, error: `"${raw}" is not a language code or name` };
    if (!codes.includes(code)) codes.push(code);
  }
  if (codes.length < 2) return { world: null, error: 'list at least two languages' };
  const remap = (rows: number[][], fill: number) => rows.map((r) => codes.map((c) => (world.languages.includes(c) ? r[world.languages.indexOf(c)] : fill)));
  const contexts = world.contexts.map((c) => ({ ...c, origLang: codes.includes(c.origLang) ? c.origLang : codes[0] }));
  return {
    world: {
      ...world,
      languages: codes,
      contexts,
      means: remap(world.means, NEW_MEAN),
      spreads: remap(world.spreads, NEW_SPREAD),
      ...(world.drift ? { drift: { atStep: world.drift.atStep, means: remap(world.drift.means, NEW_MEAN) } } : {}),
    },
    error: null,
  };
}

export function withContext(world: World, ctx: WorldContext): World {
  const row = (fill: number) => world.languages.map(() => fill);
  return {
    ...world,
    contexts: [...world.contexts, ctx],
    means: [...world.means, row(NEW_MEAN)],
    spreads: [...world.spreads, row(NEW_SPREAD)],
    ...(world.drift ? { drift: { ...world.drift, means: [...world.drift.means, row(NEW_MEAN)] } } : {}),
  };
}

export function withoutContext(world: World, index: number): World {
  const drop = <T,>(xs: T[]) => xs.filter((_, i) => i !== index);
  return {
    ...world,
    contexts: drop(world.contexts),
    means: drop(world.means),
    spreads: drop(world.spreads),
    ...(world.drift ? { drift: { ...world.drift, means: drop(world.drift.means) } } : {}),
  };
}

/** A preset's numbers on the world's own contexts and languages. */
export function withPreset(world: World, name: PresetName, steps: number): World {
  const spread = world.spreads[0]?.[0] ?? NEW_SPREAD;
  return presetWorld(name, world.contexts, world.languages, { kind: world.kind, spread, driftAt: world.drift?.atStep ?? Math.max(1, Math.floor(steps / 2)) });
}
