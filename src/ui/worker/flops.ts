// Achieved FLOP/s of a training step, estimated with the usual dense-transformer counts: 2·N FLOPs
// per token for a forward pass and 6·N for forward + backward (N = parameters; attention's T² term
// is left out, small at these block sizes). One step generates the responses (forward per generated
// token), scores the reference policy when the KL loss is on (forward per token), and trains
// ppo_epochs passes over every prompt+response token.

export interface StepTokens {
  /** prompt + response tokens of every rollout */
  totalTokens: number;
  /** generated tokens of every rollout */
  responseTokens: number;
}

export function estimateStepFlops(nParams: number, t: StepTokens, ppoEpochs: number, useKl: boolean): number {
  const gen = 2 * nParams * t.responseTokens;
  const ref = useKl ? 2 * nParams * t.totalTokens : 0;
  const train = 6 * nParams * t.totalTokens * ppoEpochs;
  return gen + ref + train;
}
