// Renders its child with the latest props only while it is on screen; off screen it keeps the
// last props it drew, so a memoized chart below the fold costs nothing per training step. When it
// scrolls back into view it catches up at once.

import { useEffect, useRef, useState, type ReactElement } from 'react';

export function useInView<T extends Element>(): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T | null>(null);
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => setVisible(entries.some((e) => e.isIntersecting)), { rootMargin: '200px' });
    io.observe(el);
    return () => io.disconnect();
  }, []);
  return [ref, visible];
}

/** `render(props)` with the current props when visible, else with the props of the last visible render. */
export function InView<P>({ props, render }: { props: P; render: (p: P) => ReactElement }) {
  const [ref, visible] = useInView<HTMLDivElement>();
  const shown = useRef(props);
  if (visible) shown.current = props;
  return <div ref={ref} className="in-view">{render(shown.current)}</div>;
}
