import { describe, expect, it } from 'vitest';
import { presetWorld } from '../../../lrpo/playground/presets';
import { checkWorld } from '../../../lrpo/playground/world';
import { withContext, withLanguages, withoutContext, withPreset } from './world-edit';

describe('world edits', () => {
  it('resizes the grid to a new language list, keeping known cells', () => {
    const w = presetWorld('local_best');
    const { world } = withLanguages(w, 'ja, english, hi');
    expect(world!.languages).toEqual(['ja', 'en', 'hi']);
    expect(world!.means[2]).toEqual([0.8, 0.55, 0.5]); // Japan: ja 0.8, en 0.55, new hi 0.5
    expect(world!.contexts[3].origLang).toBe('ja'); // Brazil's pt is gone -> first language
    expect(checkWorld(world)).toEqual([]);
    expect(withLanguages(w, 'en, klingon').error).toMatch(/klingon/);
  });

  it('adds and removes contexts, and applies presets to the current contexts', () => {
    const w = presetWorld('drifting');
    const added = withContext(w, { topic: 'Chat', regions: [], origLang: 'en', weight: 2 });
    expect(checkWorld(added)).toEqual([]);
    const removed = withoutContext(added, 0);
    expect(removed.contexts.map((c) => c.topic)[0]).toBe('Reasoning / Logic');
    expect(checkWorld(removed)).toEqual([]);
    const p = withPreset(removed, 'english_dominant', 1000);
    expect(p.contexts).toEqual(removed.contexts);
    expect(p.drift).toBeUndefined();
    expect(withPreset(removed, 'drifting', 1000).drift!.atStep).toBe(300);
  });
});
