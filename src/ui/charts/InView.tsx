// Draws its chart with the latest props only while it is on screen, and only when the draw queue
// gives it a turn (one chart per browser task, see draw-queue.ts), so a training step never blocks
// the page for the time of every chart at once. Off screen it keeps the last props it drew and
// costs nothing per step; when it scrolls back into view it catches up on its next turn. Before its
// first turn it holds the chart's place: its title over an empty box of the plot's height.
// `data-pending` marks a wrapper whose drawing is older than its props (the screenshots wait on it).

import { useEffect, useRef, useState, type ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { drawQueue } from './draw-queue';

function useInView<T extends Element>(): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T | null>(null);
  // with an observer, wait for its first report instead of drawing everything once at mount
  const [visible, setVisible] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => setVisible(entries.some((e) => e.isIntersecting)), { rootMargin: '200px' });
    io.observe(el);
    return () => io.disconnect();
  }, []);
  return [ref, visible];
}

function sameProps(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

interface Props<P> {
  /** the chart's props; compared key by key, so a fresh object with the same values draws nothing */
  props: P;
  render: (p: P) => ReactElement;
  /** height of the plot's box shown (under the title) before the first drawing */
  placeholderHeight?: number;
}

export function InView<P extends { title: string }>({ props, render, placeholderHeight = 200 }: Props<P>) {
  const [ref, visible] = useInView<HTMLDivElement>();
  const [shown, setShown] = useState<P | null>(null);
  const [owner] = useState(() => ({}));
  const stale = shown === null || !sameProps(shown, props);
  useEffect(() => {
    if (visible && stale) drawQueue.request(owner, () => flushSync(() => setShown(props)));
    else drawQueue.cancel(owner);
  }, [visible, stale, props, owner]);
  useEffect(() => () => drawQueue.cancel(owner), [owner]);
  return (
    <div ref={ref} className="in-view" data-pending={stale ? '' : undefined}>
      {shown ? render(shown) : (
        <figure className="chart" aria-label={props.title}>
          <figcaption>{props.title}</figcaption>
          <div className="chart-body" style={{ height: placeholderHeight }} />
        </figure>
      )}
    </div>
  );
}
