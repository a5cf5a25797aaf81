// Hidden check of the reward components in the real browser build, for e2e/rewards.spec.ts: loaded
// only when the page URL has `?rewards-check` (src/main.tsx), it exposes
// window.__lrpoRewardsCheck(texts, pairs, embedding?) -> {detections, chrf, cosine}, computed in a
// module Web Worker.
import type { RewardsCheckRequest, RewardsCheckResponse } from './rewards-check.worker';

declare global {
  interface Window {
    __lrpoRewardsCheck?: (
      texts: string[],
      pairs: [string, string][],
      embedding?: RewardsCheckRequest['embedding'],
    ) => Promise<Omit<RewardsCheckResponse, 'id'>>;
  }
}

let worker: Worker | null = null;
let nextId = 1;

window.__lrpoRewardsCheck = (texts, pairs, embedding) => {
  worker ??= new Worker(new URL('./rewards-check.worker.ts', import.meta.url), { type: 'module' });
  const w = worker;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onMessage = (ev: MessageEvent<RewardsCheckResponse>) => {
      if (ev.data.id !== id) return;
      w.removeEventListener('message', onMessage);
      if (ev.data.error) reject(new Error(ev.data.error));
      else resolve({ detections: ev.data.detections, chrf: ev.data.chrf, cosine: ev.data.cosine });
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', (e) => reject(new Error(e.message || 'rewards check worker failed')), { once: true });
    w.postMessage({ id, texts, pairs, embedding } satisfies RewardsCheckRequest);
  });
};
