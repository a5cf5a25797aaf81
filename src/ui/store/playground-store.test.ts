import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../views/playground/playground-spec';
import { PlaygroundRunner } from '../worker/playground-runner';
import { appendDeltas, emptySeries, searchWithSpec } from './playground-store';

describe('playground store helpers', () => {
  it('appends worker reports in order and refuses a gap', () => {
    const spec = { ...defaultSpec(), steps: 12 };
    const runner = new PlaygroundRunner(spec);
    const series = emptySeries(spec);
    appendDeltas(series, runner.advance(5));
    appendDeltas(series, runner.advance(7));
    expect(series[0].tau).toHaveLength(12);
    expect(series[1].effective[11]).toHaveLength(spec.world.contexts.length * spec.world.languages.length);
    expect(series[1].snapshot!.step).toBe(12);
    const other = new PlaygroundRunner(spec);
    other.advance(3);
    expect(() => appendDeltas(emptySeries(spec), other.advance(2))).toThrow(/step 4 arrived after step 0/);
  });

  it('keeps other query parameters when writing pg', () => {
    const s = searchWithSpec('?cfg=abc&pg=old', defaultSpec());
    const p = new URLSearchParams(s);
    expect(p.get('cfg')).toBe('abc');
    expect(p.get('pg')).not.toBe('old');
  });
});
