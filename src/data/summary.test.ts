import { describe, expect, it } from 'vitest';
import type { Example } from './example.ts';
import type { LoadedDataset } from './load-dataset.ts';
import { countBy, formatReport, summarize } from './summary.ts';

const ex = (i: number, topic: string, language: string, regions: string[]): Example => ({
  index: i, dataSource: '', question: `q${i}`, answer: 'a', topic, language, regions, references: {}, prompt: [],
});

const d: LoadedDataset = {
  fileName: 'x.parquet', format: 'parquet', rowCount: 5, columns: [],
  examples: [ex(0, 'B', 'zh', ['China']), ex(1, 'A', 'en', []), ex(2, 'B', 'zh', ['China', 'Japan'])],
  problems: [{ file: 'x.parquet', row: 3, field: 'ability', reason: 'missing' }, { file: 'x.parquet', row: 4, reason: 'r' }],
};

describe('summarize / formatReport', () => {
  it('counts usable rows by topic, region (each listed region; none as "(none)") and language', () => {
    const s = summarize(d);
    expect(s).toMatchObject({ rows: 5, usable: 3, unusable: 2 });
    expect(s.byTopic).toEqual([{ key: 'B', count: 2 }, { key: 'A', count: 1 }]);
    expect(s.byRegion).toEqual([{ key: 'China', count: 2 }, { key: '(none)', count: 1 }, { key: 'Japan', count: 1 }]);
    expect(s.byLanguage).toEqual([{ key: 'zh', count: 2 }, { key: 'en', count: 1 }]);
    expect(countBy([], (e) => [e.topic])).toEqual([]);
  });

  it('prints counts and the first N problems with a count of the rest', () => {
    const text = formatReport(d, 1);
    expect(text).toContain('rows: 5  usable: 3  unusable: 2');
    expect(text).toContain('  zh (chinese)  2');
    expect(text).toContain('x.parquet, row 3, field ability: missing');
    expect(text).not.toContain('row 4');
    expect(text).toContain('… and 1 more');
  });
});
