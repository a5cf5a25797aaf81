import { describe, expect, it } from 'vitest';
import { createDrawQueue } from './draw-queue';

/** A queue whose tasks run only when the test says so. */
function manual() {
  const tasks: (() => void)[] = [];
  const q = createDrawQueue((run) => tasks.push(run));
  const runTask = () => tasks.shift()?.();
  return { q, tasks, runTask };
}

describe('draw queue', () => {
  it('runs one redraw per task, in the order asked', () => {
    const { q, tasks, runTask } = manual();
    const drawn: string[] = [];
    const a = {}, b = {}, c = {};
    q.request(a, () => drawn.push('a'));
    q.request(b, () => drawn.push('b'));
    q.request(c, () => drawn.push('c'));
    expect(drawn).toEqual([]);
    expect(tasks.length).toBe(1);
    runTask();
    expect(drawn).toEqual(['a']);
    runTask();
    expect(drawn).toEqual(['a', 'b']);
    runTask();
    expect(drawn).toEqual(['a', 'b', 'c']);
    expect(tasks.length).toBe(0);
    expect(q.size).toBe(0);
  });

  it('a chart that asks again keeps its turn and draws only its newest request', () => {
    const { q, runTask } = manual();
    const drawn: string[] = [];
    const a = {}, b = {};
    q.request(a, () => drawn.push('a1'));
    q.request(b, () => drawn.push('b1'));
    q.request(a, () => drawn.push('a2'));
    runTask();
    runTask();
    runTask();
    expect(drawn).toEqual(['a2', 'b1']);
  });

  it('a cancelled redraw never runs; a redraw that throws does not stop the others', () => {
    const { q, runTask } = manual();
    const drawn: string[] = [];
    const a = {}, b = {}, c = {};
    q.request(a, () => {
      throw new Error('boom');
    });
    q.request(b, () => drawn.push('b'));
    q.request(c, () => drawn.push('c'));
    q.cancel(b);
    expect(() => runTask()).toThrow('boom');
    runTask();
    expect(drawn).toEqual(['c']);
    expect(q.size).toBe(0);
  });
});
