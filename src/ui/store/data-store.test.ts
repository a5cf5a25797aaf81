import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useDataStore } from './data-store';

const enc = new TextEncoder();
const row = (q: string) => JSON.stringify({ question: q, answer: 'a', ability: 'General Knowledge' });

describe('useDataStore', () => {
  it('loads a usable file, then keeps it when a bad file comes in', async () => {
    const s = useDataStore.getState();
    expect(await s.loadBytes(enc.encode([row('q1'), row('q2'), '{bad'].join('\n')), 'one.jsonl')).toBe(true);
    let st = useDataStore.getState();
    expect(st.examples.map((e) => e.question)).toEqual(['q1', 'q2']);
    expect(st.rowCount).toBe(3);
    expect(st.problems).toHaveLength(1);
    expect(st.version).toBe(1);

    expect(await s.loadBytes(new Uint8Array(), 'empty.parquet')).toBe(false);
    st = useDataStore.getState();
    expect(st.fileName).toBe('one.jsonl');
    expect(st.examples).toHaveLength(2);
    expect(st.version).toBe(1);
    expect(st.lastError).toEqual({ fileName: 'empty.parquet', problems: [{ file: 'empty.parquet', reason: 'the file is empty' }] });

    st.dismissError();
    expect(useDataStore.getState().lastError).toBe(null);
    expect(await s.loadBytes(enc.encode(row('q3')), 'two.jsonl')).toBe(true);
    expect(useDataStore.getState().examples.map((e) => e.question)).toEqual(['q3']);
    expect(useDataStore.getState().version).toBe(2);
  });

  it('a file opened while the demo is still being read is not replaced by it', async () => {
    const s = useDataStore.getState();
    const demo = new Uint8Array(readFileSync(new URL('../../../public/data/demo.parquet', import.meta.url)));
    const slow = s.loadBytes(demo, 'demo.parquet'); // started first; parquet decoding finishes last
    const fast = s.loadBytes(enc.encode(row('mine')), 'mine.jsonl');
    const order: string[] = [];
    await Promise.all([fast.then(() => order.push('mine')), slow.then(() => order.push('demo'))]);
    expect(order).toEqual(['mine', 'demo']); // the case this test is about
    expect(await fast).toBe(true);
    expect(await slow).toBe(false);
    const st = useDataStore.getState();
    expect(st.fileName).toBe('mine.jsonl');
    expect(st.examples.map((e) => e.question)).toEqual(['mine']);
    expect(st.loadingName).toBe(null);
  });
});
