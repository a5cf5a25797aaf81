// The language router's public surface (the trainer, the replay CLI and the playground use these).
//   const router = createRouter(runConfig.router, seed);
//   each training step: router.beginStep(); router.choose(ctx) per routed rollout;
//   router.observe(topic, region, lang, reward) per rollout with a router arm; const line = router.endStep();
//   (line ? append formatLogLine(line) to the router JSONL); save router.getState() with the run.
export type { Router, RouterContext, RouterLogLine, RouterSnapshot, RouterState, StepSchedule, ContextProbabilities, RowList } from './types';
export { NO_REGION, regionKeys } from './types';
export { createRouter, restoreRouter } from './create-router';
export { checkRouterConfig, routerConfigFromJson } from './config-check';
export { scheduleAt } from './schedules';
export { formatLogLine } from './log-line';
export { parseObservations, replayObservations } from './replay';
