import { describe, expect, it } from 'vitest';
import { benchmarkFilePaths, languageFromFileName, mergeBenchmarkFiles } from './benchmark';
import { mapColumns } from './columns';
import { fetchHubDataset, hubFileUrl, hubTreeUrl, type BytesCache } from './hub-dataset';
import { rowsFromRecords } from './load';
import { readJsonLines } from './read-source';

const enc = (s: string) => new TextEncoder().encode(s);

describe('benchmark files', () => {
  it('takes the language from a file name', () => {
    expect(languageFromFileName('data/chinese.json')).toBe('zh');
    expect(languageFromFileName('data/care_pro_hi.jsonl')).toBe('hi');
    expect(languageFromFileName('Spanish-test.parquet')).toBe('es');
    expect(languageFromFileName('data/train-00000.parquet')).toBeNull();
  });
  it('keeps readable data files only', () => {
    expect(benchmarkFilePaths(['README.md', '.gitattributes', 'data/zh.json', 'data/hi.jsonl', 'data/x.parquet', 'img.png'])).toEqual(['data/hi.jsonl', 'data/x.parquet', 'data/zh.json']);
  });
  it('merges files into questions-only rows, with the language from the name where a file has none', async () => {
    const m = await mergeBenchmarkFiles([
      { path: 'data/chinese.json', bytes: enc(JSON.stringify([{ id: 1, question: '中国的首都？', answer: '北京', type: 'local-insider' }])) },
      { path: 'data/all.jsonl', bytes: enc('{"id":2,"question":"¿Capital?","answer":"Madrid","language":"es","type":"cross-cultural"}\nnot json\n') },
    ]);
    expect(m.records).toBe(2);
    expect(m.files).toEqual([{ path: 'data/chinese.json', records: 1, languageFromName: 'zh' }, { path: 'data/all.jsonl', records: 1, languageFromName: null }]);
    expect(m.problems.map((p) => p.reason)).toEqual([expect.stringMatching(/^line 2: not valid JSON/)]);
    const t = readJsonLines(new TextDecoder().decode(m.bytes), 'merged.jsonl');
    const mapping = mapColumns(t.columns);
    expect(mapping).toMatchObject({ question: 'question', target: 'answer', language: 'language', setting: 'type', id: 'id' });
    expect(mapping.prediction).toBeUndefined();
    const { rows, problems } = rowsFromRecords(t.records, t.columns, mapping, 'merged.jsonl', { questionsOnly: true });
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.qid, r.language, r.setting, r.prediction, r.noPrediction])).toEqual([['1', 'zh', 'local-insider', '', true], ['2', 'es', 'cross-cultural', '', true]]);
    // without questionsOnly the missing prediction column is named
    expect(rowsFromRecords(t.records, t.columns, mapping, 'merged.jsonl').problems[0].reason).toMatch(/no column for prediction/);
  });
});

describe('hub dataset', () => {
  const ref = { baseUrl: 'http://127.0.0.1:9/', repo: 'ours/care-layout', revision: 'main' };
  it('builds the hub URL layout', () => {
    expect(hubTreeUrl(ref)).toBe('http://127.0.0.1:9/api/datasets/ours/care-layout/tree/main?recursive=true');
    expect(hubFileUrl(ref, 'data/zh cn.json')).toBe('http://127.0.0.1:9/datasets/ours/care-layout/resolve/main/data/zh%20cn.json');
  });
  it('lists, fetches once and then reads from the cache; errors say which URL', async () => {
    const files: Record<string, string> = { 'data/zh.json': '[{"question":"q","answer":"a"}]', 'README.md': '#' };
    const asked: string[] = [];
    const fetchFn = async (url: string) => {
      asked.push(url);
      const tree = url.includes('/api/datasets/');
      const path = decodeURIComponent(url.split('/resolve/main/')[1] ?? '');
      const body = tree ? JSON.stringify(Object.keys(files).map((p) => ({ type: 'file', path: p }))) : files[path];
      return { ok: body !== undefined, status: body !== undefined ? 200 : 404, json: async () => JSON.parse(body!), arrayBuffer: async () => enc(body!).buffer as ArrayBuffer };
    };
    const store = new Map<string, Uint8Array>();
    const cache: BytesCache = { get: async (u) => store.get(u), put: async (u, b) => void store.set(u, b) };
    const first = await fetchHubDataset(ref, fetchFn, cache);
    expect(first.files.map((f) => f.path)).toEqual(['data/zh.json']);
    expect(first.cached).toBe(0);
    const second = await fetchHubDataset(ref, fetchFn, cache);
    expect(second.cached).toBe(1);
    expect(asked.filter((u) => u.includes('/resolve/'))).toHaveLength(1);
    await expect(fetchHubDataset({ ...ref, repo: 'ours/none' }, async () => ({ ok: false, status: 404, json: async () => null, arrayBuffer: async () => new ArrayBuffer(0) }), null)).rejects.toThrow(
      'http://127.0.0.1:9/api/datasets/ours/none/tree/main?recursive=true: HTTP 404 (is the repository public and the name right?)',
    );
    await expect(fetchHubDataset({ ...ref, repo: 'no-slash' }, fetchFn, null)).rejects.toThrow(/not a repository name/);
  });
});
