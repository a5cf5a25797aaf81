// The `rewards` test hook (?test=rewards, see index.ts), for e2e/rewards.spec.ts: the reward
// components in the real browser build. window.__lrpoTest.rewards(texts, pairs, embedding?) ->
// {detections, chrf, cosine}, computed in a module Web Worker.
import type { RewardsCheckRequest, RewardsCheckResponse } from './rewards.worker';
import { hookSlot } from './index';

export type RewardsCheck = (
  texts: string[],
  pairs: [string, string][],
  embedding?: RewardsCheckRequest['embedding'],
) => Promise<Omit<RewardsCheckResponse, 'id'>>;

let worker: Worker | null = null;
let nextId = 1;

const rewardsCheck: RewardsCheck = (texts, pairs, embedding) => {
  worker ??= new Worker(new URL('./rewards.worker.ts', import.meta.url), { type: 'module' });
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

export function installRewards(): void {
  hookSlot().rewards = rewardsCheck;
}
